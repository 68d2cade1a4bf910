import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { period } from "@planops/shared";
import { startSheetsStandin } from "@planops/sheets-standin";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../../../sheets-addon/test/support/browser.js";
import { writeSpreadsheet } from "../../src/dashboards/spreadsheet.js";
import { DEFAULT_INDICATORS } from "../../src/operations/indicators.js";
import { reportFigures } from "../../src/operations/report-figures.js";
import { sheetsApi } from "../../src/platform/sheets-client.js";
import { reportSpec } from "../../src/reports/layout.js";

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

/** Thirteen months of three indicators up to December 2026. */
const values = Array.from({ length: 13 }, (_, i) => {
  const month = i === 0 ? "2025-12" : `2026-${String(i).padStart(2, "0")}`;
  return [
    { period: month, indicator: "sales-revenue", value: 100 + 8 * i },
    { period: month, indicator: "orders", value: 300 + 3 * i },
    { period: month, indicator: "inventory-days", value: 40 - i },
  ];
}).flat();

describe("the data-analysis report as a person sees it (the stand-in's page in Chromium)", () => {
  it("when the report is opened, then every section shows, the trend and change charts are drawn, and the analyst's text reads as typed", async () => {
    const indicators = DEFAULT_INDICATORS.filter((i) => ["sales-revenue", "orders", "inventory-days"].includes(i.code));
    const figures = reportFigures(period("2026-12"), { indicators, values, anomalies: [] });
    const api = await sheetsApi({ sheets: { apiRoot: standin.url } });
    const spec = reportSpec(
      figures,
      { generatedAtLocal: "2027-01-05 10:00", generatedBy: "吴婷" },
      { conclusions: "<b>销售额</b> 连续 12 个月上升。", recommendations: "保持库存周转改善。" },
    );
    const { url } = await writeSpreadsheet(api, undefined, spec);
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(url);

    const body = (await page.locator("body").textContent()) ?? "";
    for (const section of [
      "数据概述 Overview",
      "分析方法 Methods",
      "分析结果·对比 Comparison",
      "分析结果·趋势 Trend",
      "分析结果·关联 Correlation",
      "结论与建议 Conclusions",
    ]) {
      expect(body).toContain(section);
    }
    const charts = page.locator("figure.chart");
    expect(await charts.evaluateAll((fs) => fs.map((f) => f.getAttribute("data-chart-type")))).toEqual(["LINE", "COLUMN"]);
    // Three indicators over 12 months; two change rates for each of the three.
    expect(await charts.nth(0).locator("circle.point").count()).toBe(36);
    expect(await charts.nth(1).locator("rect.bar").count()).toBe(6);
    expect(await page.getByText("<b>销售额</b> 连续 12 个月上升。", { exact: true }).count()).toBe(1);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, "report.png"), fullPage: true });
    await page.close();
  });
});
