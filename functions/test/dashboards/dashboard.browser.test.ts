import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startSheetsStandin } from "@planops/sheets-standin";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../../../sheets-addon/test/support/browser.js";
import { dashboardSpec } from "../../src/dashboards/layout.js";
import { writeSpreadsheet } from "../../src/dashboards/spreadsheet.js";
import { sheetsApi } from "../../src/platform/sheets-client.js";
import { departmentView } from "./view-fixture.js";

const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), "../artifacts");

let standin: Awaited<ReturnType<typeof startSheetsStandin>>;
let browser: Browser;
beforeAll(async () => {
  standin = await startSheetsStandin({});
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await standin?.stop();
});

describe("the dashboard as a person sees it (the stand-in's page in Chromium)", () => {
  it("when the dashboard is opened, then its charts are drawn with every month and age band, the Chinese titles show, and a formula-looking title is plain text", async () => {
    const api = await sheetsApi({ sheets: { apiRoot: standin.url } });
    const view = departmentView();
    const { url } = await writeSpreadsheet(api, undefined, dashboardSpec({ view, target: 0.9, computedAtLocal: "2026-12-20 09:30", sections: [] }));
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(url);

    const charts = page.locator("figure.chart");
    expect(await charts.evaluateAll((fs) => fs.map((f) => f.getAttribute("data-chart-type")))).toEqual(["LINE", "COLUMN", "LINE"]);
    expect(await page.locator("text.chart-title").allTextContents()).toEqual([
      "月度完成率趋势 Completion rate by month",
      "逾期时长分布 Overdue tasks by age",
      "分组完成率趋势 Completion rate by group",
    ]);
    // Two series of 12 months; one bar per age band; two groups of 12 months.
    expect(await charts.nth(0).locator("circle.point").count()).toBe(24);
    expect(await charts.nth(1).locator("rect.bar").count()).toBe(view.overdue.ages.length);
    expect(await charts.nth(2).locator("circle.point").count()).toBe(24);

    expect(await page.getByText('=HYPERLINK("http://evil.example","点我")', { exact: true }).count()).toBeGreaterThan(0);
    expect(await page.locator('a[href*="evil.example"]').count()).toBe(0);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, "dashboard.png"), fullPage: true });
    await page.close();
  });

  it("when the dashboard is opened, then every column header reads in full, not cut at Sheets' default column width", async () => {
    const api = await sheetsApi({ sheets: { apiRoot: standin.url } });
    const { url } = await writeSpreadsheet(
      api,
      undefined,
      dashboardSpec({ view: departmentView(), target: 0.9, computedAtLocal: "2026-12-20 09:30", sections: [] }),
    );
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(url);
    const cut = await page
      .locator("td[data-cell]")
      .evaluateAll((cells) =>
        cells.filter((c) => /^[A-Z]+1$/.test(c.getAttribute("data-cell") ?? "") && c.scrollWidth > c.clientWidth).map((c) => c.textContent),
      );
    expect(cut).toEqual([]);
    await page.close();
  });
});
