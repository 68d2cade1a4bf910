import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { sheets_v4 } from "@googleapis/sheets";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../../../sheets-addon/test/support/browser.js";
import { useStandin } from "./support/client.js";

const s = useStandin();
/** Screenshots to look at (gitignored). */
const ARTIFACTS = fileURLToPath(new URL("./artifacts/", import.meta.url));
/** A common laptop screen. */
const LAPTOP = { width: 1366, height: 768 };

const MONTHS = ["2027-01", "2027-02", "2027-03", "2027-04", "2027-05", "2027-06"];
const RATES = [0.62, 0.71, 0.58, 0.8, 0.86, 0.9];
const GROUPS = ["计划组", "运营组", "数据分析组"];
const ON_TIME = [0.75, 0.6, 0.9];
const COMPLETED = [0.8, 0.7, 0.95];
const AGES = ["1–7 天", "8–30 天", "30 天以上"];
const OVERDUE = [5, 3, 1];

let browser: Browser;
let page: Page;
let spreadsheetId: string;
const pageErrors: string[] = [];

const str = (stringValue: string): sheets_v4.Schema$CellData => ({ userEnteredValue: { stringValue } });
const num = (numberValue: number, percent = false): sheets_v4.Schema$CellData => ({
  userEnteredValue: { numberValue },
  ...(percent ? { userEnteredFormat: { numberFormat: { type: "PERCENT", pattern: "0.0%" } } } : {}),
});
const bold: sheets_v4.Schema$CellFormat = { textFormat: { bold: true }, backgroundColor: { red: 0.85, green: 0.92, blue: 0.83 } };
const column = (sheetId: number, c: number, rows: number): sheets_v4.Schema$ChartData => ({
  sourceRange: { sources: [{ sheetId, startRowIndex: 0, endRowIndex: rows + 1, startColumnIndex: c, endColumnIndex: c + 1 }] },
});
const at = (sheetId: number, rowIndex: number, columnIndex: number) => ({
  overlayPosition: { anchorCell: { sheetId, rowIndex, columnIndex }, widthPixels: 560, heightPixels: 340 },
});

/** A dashboard like the product writes: a trend table, a per-group table and an overdue table, each with its chart. */
async function writeDashboard(api: sheets_v4.Sheets): Promise<string> {
  const created = await api.spreadsheets.create({
    requestBody: {
      properties: { title: "计划运营部 仪表板 2027" },
      sheets: [
        { properties: { sheetId: 0, title: "汇总 Summary", gridProperties: { rowCount: 40, columnCount: 8, frozenRowCount: 1 } } },
        { properties: { sheetId: 1, title: "分组 Groups", gridProperties: { rowCount: 20, columnCount: 6, frozenRowCount: 1 } } },
      ],
    },
  });
  const id = created.data.spreadsheetId as string;
  const header = (texts: string[]) => ({ values: texts.map((t) => ({ ...str(t), userEnteredFormat: bold })) });
  const requests: sheets_v4.Schema$Request[] = [
    {
      updateCells: {
        start: { sheetId: 0, rowIndex: 0, columnIndex: 0 },
        fields: "userEnteredValue,userEnteredFormat",
        rows: [header(["月份 Month", "完成率 Completion"]), ...MONTHS.map((m, i) => ({ values: [str(m), num(RATES[i] as number, true)] }))],
      },
    },
    {
      updateCells: {
        start: { sheetId: 0, rowIndex: 9, columnIndex: 0 },
        fields: "userEnteredValue,userEnteredFormat",
        rows: [header(["逾期时长", "逾期数 Overdue"]), ...AGES.map((a, i) => ({ values: [str(a), num(OVERDUE[i] as number)] }))],
      },
    },
    {
      updateCells: {
        start: { sheetId: 1, rowIndex: 0, columnIndex: 0 },
        fields: "userEnteredValue,userEnteredFormat",
        rows: [
          header(["组 Group", "按时率 On time", "完成率 Completion"]),
          ...GROUPS.map((g, i) => ({ values: [str(g), num(ON_TIME[i] as number, true), num(COMPLETED[i] as number, true)] })),
        ],
      },
    },
    {
      addConditionalFormatRule: {
        rule: {
          ranges: [{ sheetId: 0, startRowIndex: 1, endRowIndex: 7, startColumnIndex: 1, endColumnIndex: 2 }],
          booleanRule: {
            condition: { type: "NUMBER_LESS", values: [{ userEnteredValue: "0.6" }] },
            format: { backgroundColor: { red: 0.96, green: 0.8, blue: 0.8 } },
          },
        },
      },
    },
    {
      addChart: {
        chart: {
          spec: {
            title: "完成率趋势 Completion trend",
            basicChart: {
              chartType: "LINE",
              legendPosition: "BOTTOM_LEGEND",
              headerCount: 1,
              axis: [
                { position: "BOTTOM_AXIS", title: "月份" },
                { position: "LEFT_AXIS", title: "完成率" },
              ],
              domains: [{ domain: column(0, 0, MONTHS.length) }],
              series: [{ series: column(0, 1, MONTHS.length), targetAxis: "LEFT_AXIS" }],
            },
          },
          position: at(0, 0, 3),
        },
      },
    },
    {
      addChart: {
        chart: {
          spec: {
            title: "逾期时长 Overdue by age",
            basicChart: {
              chartType: "BAR",
              legendPosition: "NO_LEGEND",
              headerCount: 1,
              domains: [{ domain: { sourceRange: { sources: [{ sheetId: 0, startRowIndex: 9, endRowIndex: 13, startColumnIndex: 0, endColumnIndex: 1 }] } } }],
              series: [{ series: { sourceRange: { sources: [{ sheetId: 0, startRowIndex: 9, endRowIndex: 13, startColumnIndex: 1, endColumnIndex: 2 }] } } }],
            },
          },
          position: at(0, 9, 3),
        },
      },
    },
    {
      addChart: {
        chart: {
          spec: {
            title: "各组按时率与完成率 By group",
            basicChart: {
              chartType: "COLUMN",
              legendPosition: "RIGHT_LEGEND",
              headerCount: 1,
              domains: [{ domain: column(1, 0, GROUPS.length) }],
              series: [{ series: column(1, 1, GROUPS.length) }, { series: column(1, 2, GROUPS.length) }],
            },
          },
          position: at(1, 0, 4),
        },
      },
    },
    {
      addChart: {
        chart: {
          spec: {
            title: "逾期构成 Overdue share",
            pieChart: {
              legendPosition: "RIGHT_LEGEND",
              domain: { sourceRange: { sources: [{ sheetId: 0, startRowIndex: 10, endRowIndex: 13, startColumnIndex: 0, endColumnIndex: 1 }] } },
              series: { sourceRange: { sources: [{ sheetId: 0, startRowIndex: 10, endRowIndex: 13, startColumnIndex: 1, endColumnIndex: 2 }] } },
            },
          },
          position: at(1, 8, 4),
        },
      },
    },
  ];
  await api.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests } });
  return id;
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  [browser, spreadsheetId] = await Promise.all([launchChromium(), writeDashboard(s.api)]);
  page = await browser.newPage({ viewport: LAPTOP, locale: "zh-CN" });
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await page.goto(`${s.standin.url}view/${spreadsheetId}`);
});
afterAll(async () => {
  await browser?.close();
});

const chart = (title: string) => page.locator("figure.chart", { has: page.locator("svg title", { hasText: title }) });

describe("a dashboard's page in Chromium", () => {
  it("when the page opens, then every chart is drawn with its title and one mark per value", async () => {
    await page.screenshot({ path: join(ARTIFACTS, "dashboard-laptop.png") });
    await page.screenshot({ path: join(ARTIFACTS, "dashboard-full.png"), fullPage: true });
    expect(await page.locator("figure.chart svg").count()).toBe(4);

    const trend = chart("完成率趋势 Completion trend");
    expect(await trend.getAttribute("data-chart-type")).toBe("LINE");
    expect(await trend.locator("text.chart-title").textContent()).toBe("完成率趋势 Completion trend");
    expect(await trend.locator("circle.point").evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-value"))))).toEqual(RATES);
    expect(await trend.locator("path.line").count()).toBe(1);
    expect(await trend.locator("text.category").allTextContents()).toEqual(MONTHS);
    expect(await trend.locator("text.axis-title").allTextContents()).toEqual(["月份", "完成率"]);
    expect(await trend.locator("g.legend-item").allTextContents()).toEqual(["完成率 Completion"]);

    const byGroup = chart("各组按时率与完成率 By group");
    expect(await byGroup.locator("g.series").evaluateAll((els) => els.map((e) => e.getAttribute("data-series")))).toEqual([
      "按时率 On time",
      "完成率 Completion",
    ]);
    expect(await byGroup.locator("rect.bar").evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-value"))))).toEqual([...ON_TIME, ...COMPLETED]);
    expect(await byGroup.locator("text.category").allTextContents()).toEqual(GROUPS);

    const overdue = chart("逾期时长 Overdue by age");
    expect(await overdue.getAttribute("data-chart-type")).toBe("BAR");
    const bars = await overdue
      .locator("rect.bar")
      .evaluateAll((els) => els.map((e) => ({ v: Number(e.getAttribute("data-value")), w: Number(e.getAttribute("width")) })));
    expect(bars.map((b) => b.v)).toEqual(OVERDUE);
    expect(await overdue.locator("text.tick").allTextContents()).toEqual(["0", "1", "2", "3", "4", "5"]);
    expect(await trend.locator("text.tick").allTextContents()).toEqual(["0.0%", "20.0%", "40.0%", "60.0%", "80.0%", "100.0%"]);
    // Bar lengths follow the values.
    expect(bars[0]?.w).toBeGreaterThan(bars[1]?.w as number);
    expect(bars[1]?.w).toBeGreaterThan(bars[2]?.w as number);

    const share = chart("逾期构成 Overdue share");
    expect(await share.locator(".slice").count()).toBe(OVERDUE.length);
    expect(await share.locator("g.legend-item").allTextContents()).toEqual(AGES);
  });

  it("when the page opens, then the Chinese text is shown with a CJK font, cells show their formats, and nothing is wider than the screen", async () => {
    const heading = page.locator("h1");
    expect(await heading.textContent()).toBe("计划运营部 仪表板 2027");
    // A CJK glyph is about as wide as it is high; a missing-glyph box or a fallback would not render the 9 characters as text.
    const box = await page.locator("section.sheet h2").first().boundingBox();
    expect(box?.width).toBeGreaterThan(60);
    expect(await page.locator("section.sheet h2").allTextContents()).toEqual(["汇总 Summary", "分组 Groups"]);
    const a3 = page.locator('section#sheet-0 td[data-cell="B4"]');
    expect(await a3.textContent()).toBe("58.0%");
    expect(await a3.evaluate((e) => getComputedStyle(e).backgroundColor)).toBe("rgb(245, 204, 204)");
    expect(await page.locator('section#sheet-0 td[data-cell="A1"]').evaluate((e) => getComputedStyle(e).fontWeight)).toBe("700");
    expect(await page.locator('section#sheet-0 td[data-cell="A1"]').evaluate((e) => getComputedStyle(e).position)).toBe("sticky");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(pageErrors).toEqual([]);
  });
});

describe("column widths on the page", () => {
  it("when a cell's text is longer than its column, then the column keeps its width and the text is cut, as in Sheets", async () => {
    const created = await s.api.spreadsheets.create({
      requestBody: { properties: { title: "宽度 Widths" }, sheets: [{ properties: { title: "表 Sheet", gridProperties: { rowCount: 3, columnCount: 3 } } }] },
    });
    const id = created.data.spreadsheetId as string;
    const long = "很长的任务标题 A very long task title ".repeat(6);
    await s.api.spreadsheets.batchUpdate({
      spreadsheetId: id,
      requestBody: {
        requests: [
          {
            updateCells: {
              rows: [{ values: [str(long), str("B"), str("C")] }],
              fields: "userEnteredValue",
              start: { sheetId: 0, rowIndex: 0, columnIndex: 0 },
            },
          },
          {
            updateDimensionProperties: {
              range: { sheetId: 0, dimension: "COLUMNS", startIndex: 1, endIndex: 2 },
              properties: { pixelSize: 240 },
              fields: "pixelSize",
            },
          },
        ],
      },
    });
    const widths = await browser.newPage({ viewport: LAPTOP, locale: "zh-CN" });
    await widths.goto(`${s.standin.url}view/${id}`);
    const width = async (a1: string) => Math.round((await widths.locator(`td[data-cell="${a1}"]`).boundingBox())?.width ?? 0);
    // Sheets' default column is 100 px; B was set to 240 px.
    expect([await width("A1"), await width("B1"), await width("C1")]).toEqual([100, 240, 100]);
    await widths.close();
  });
});
