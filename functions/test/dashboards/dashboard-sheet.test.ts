import type { sheets_v4 } from "@googleapis/sheets";
import { startSheetsStandin } from "@planops/sheets-standin";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dashboardSpec, SHEET } from "../../src/dashboards/layout.js";
import type { SectionContent } from "../../src/dashboards/section.js";
import { integer, percent, text, writeSpreadsheet } from "../../src/dashboards/spreadsheet.js";
import { type SheetsApi, sheetsApi } from "../../src/platform/sheets-client.js";
import { departmentView } from "./view-fixture.js";

/** The dashboard as written through the real Sheets client into the stand-in, read back through the same client. */
let standin: { url: string; stop(): Promise<void> };
let api: SheetsApi;
beforeAll(async () => {
  standin = await startSheetsStandin({});
  api = await sheetsApi({ sheets: { apiRoot: standin.url } });
});
afterAll(async () => standin?.stop());

const spec = (target = 0.85) => dashboardSpec({ view: departmentView(), target, computedAtLocal: "2026-12-20 09:30", sections: [] });

const structure = async (spreadsheetId: string) => (await api.spreadsheets.get({ spreadsheetId })).data;

const values = async (spreadsheetId: string, range: string) =>
  (await api.spreadsheets.values.get({ spreadsheetId, range, valueRenderOption: "UNFORMATTED_VALUE" })).data.values ?? [];

const sheetOf = (s: sheets_v4.Schema$Spreadsheet, sheetId: number) => s.sheets?.find((x) => x.properties?.sheetId === sheetId);

/** What must not change between two refreshes of the same figures: everything but the charts' ids. */
function shape(s: sheets_v4.Schema$Spreadsheet) {
  return (s.sheets ?? []).map((sh) => ({
    properties: sh.properties,
    charts: (sh.charts ?? []).map((c) => ({ spec: c.spec, position: c.position })),
    conditionalFormats: sh.conditionalFormats ?? [],
  }));
}

describe("the dashboard spreadsheet", () => {
  it("when a dashboard is written, then its sheets, tables, percent formats, charts and below-target rules read back as written", async () => {
    const { spreadsheetId, created } = await writeSpreadsheet(api, undefined, spec());
    expect(created).toBe(true);
    const s = await structure(spreadsheetId);
    expect(s.properties?.title).toBe("计划运营部 仪表板 Dashboard");
    expect(s.sheets?.map((x) => x.properties?.title)).toEqual([
      "汇总 Summary",
      "月度趋势 Trend",
      "分组趋势 Trend by group",
      "分组 Groups",
      "人员 People",
      "责任部门 Departments",
      "逾期时长 Overdue by age",
      "逾期任务 Overdue tasks",
      "计划项进度 Cascade progress",
      "图表 Charts",
    ]);

    expect(await values(spreadsheetId, "'汇总 Summary'!A1:B12")).toEqual([
      ["项目 Item", "数值 Value"],
      ["部门 Department", "计划运营部"],
      ["期间 Period", "2026-12"],
      ["截至 As of", "2026-12-20"],
      ["汇总批次 Generation", 7],
      ["按时完成率 On-time rate", 0.25],
      ["完成率 Completion rate", 0.5],
      ["加权按时完成率 Weighted on-time rate", 0.25],
      ["加权完成率 Weighted completion rate", 0.5],
      ["任务数 Tasks in scope", 4],
      ["逾期任务 Overdue tasks", 2],
      ["目标完成率 Target rate", 0.85],
    ]);
    expect(await values(spreadsheetId, "'人员 People'!A2:J3")).toEqual([
      ["李明", "liming@demo.planops.cn", 3, 1, 2, 1, 1 / 3, 2 / 3, 1 / 3, 2 / 3],
      ["杨强", "yangqiang@demo.planops.cn", 1, 0, 0, 0, 0, 0, 0, 0],
    ]);
    expect(await values(spreadsheetId, "'计划项进度 Cascade progress'!A2:D2")).toEqual([["季度 Quarterly", "Q-2026-4-1", "年底盘点", 0.55]]);
    expect((await values(spreadsheetId, "'月度趋势 Trend'!A1:A13")).flat()).toEqual(["月份 Month", ...departmentView().trend.map((p) => p.period)]);

    // Rates carry the PERCENT number format; counts are plain numbers.
    const grid = await api.spreadsheets.get({ spreadsheetId, ranges: ["'汇总 Summary'!B5:B6"], includeGridData: true });
    const cells = grid.data.sheets?.[0]?.data?.[0]?.rowData?.map((r) => r.values?.[0]?.userEnteredFormat?.numberFormat?.type);
    expect(cells).toEqual(["NUMBER", "PERCENT"]);

    const charts = sheetOf(s, SHEET.charts)?.charts ?? [];
    expect(charts.map((c) => [c.spec?.title, c.spec?.basicChart?.chartType])).toEqual([
      ["月度完成率趋势 Completion rate by month", "LINE"],
      ["逾期时长分布 Overdue tasks by age", "COLUMN"],
      ["分组完成率趋势 Completion rate by group", "LINE"],
    ]);
    const trendChart = charts[0]?.spec?.basicChart;
    expect(trendChart?.domains?.[0]?.domain?.sourceRange?.sources).toEqual([
      { sheetId: SHEET.trend, startRowIndex: 0, endRowIndex: 13, startColumnIndex: 0, endColumnIndex: 1 },
    ]);
    expect(trendChart?.series?.map((x) => x.series?.sourceRange?.sources?.[0]?.startColumnIndex)).toEqual([2, 3]);
    expect(charts[2]?.spec?.basicChart?.series).toHaveLength(2);

    const rules = sheetOf(s, SHEET.people)?.conditionalFormats ?? [];
    expect(rules).toHaveLength(1);
    expect(rules[0]?.booleanRule?.condition).toEqual({ type: "NUMBER_LESS", values: [{ userEnteredValue: "0.85" }] });
    expect(rules[0]?.ranges?.map((r) => [r.startRowIndex, r.endRowIndex, r.startColumnIndex])).toEqual([
      [1, 3, 6],
      [1, 3, 7],
      [1, 3, 8],
      [1, 3, 9],
    ]);
  });

  it("when a task title looks like a formula, then it is stored and shown as text, never as a formula", async () => {
    const { spreadsheetId, url } = await writeSpreadsheet(api, undefined, spec());
    const grid = await api.spreadsheets.get({ spreadsheetId, ranges: ["'逾期任务 Overdue tasks'!A2:A3"], includeGridData: true });
    const entered = grid.data.sheets?.[0]?.data?.[0]?.rowData?.map((r) => r.values?.[0]?.userEnteredValue);
    expect(entered).toEqual([{ stringValue: '=HYPERLINK("http://evil.example","点我")' }, { stringValue: "+1" }]);
    const shown = await api.spreadsheets.values.get({ spreadsheetId, range: "'逾期任务 Overdue tasks'!A2:A3", valueRenderOption: "FORMULA" });
    expect(shown.data.values).toEqual([['=HYPERLINK("http://evil.example","点我")'], ["+1"]]);

    // The stand-in's rendered page shows the text, escaped, and no link to the address.
    const page = await (await fetch(url)).text();
    expect(page).toContain("HYPERLINK(");
    expect(page).not.toMatch(/<a[^>]+evil\.example/);
  });

  it("when the dashboard is refreshed twice with the same figures, then the structure is the same: no sheets, charts or rules pile up", async () => {
    const first = await writeSpreadsheet(api, undefined, spec());
    const before = shape(await structure(first.spreadsheetId));
    const again = await writeSpreadsheet(api, first.spreadsheetId, spec());
    expect(again).toEqual({ ...first, created: false });
    const after = await structure(first.spreadsheetId);
    expect(shape(after)).toEqual(before);
    expect(after.sheets?.flatMap((x) => x.charts ?? [])).toHaveLength(3);
    expect(after.sheets?.flatMap((x) => x.conditionalFormats ?? [])).toHaveLength(7);
  });

  it("when fewer rows follow more, then no row of the earlier refresh is left behind", async () => {
    const first = await writeSpreadsheet(api, undefined, spec());
    const view = departmentView();
    const fewer = dashboardSpec({
      view: { ...view, people: view.people.slice(0, 1), overdue: { ...view.overdue, count: 0, tasks: [] } },
      target: 0.9,
      computedAtLocal: null,
      sections: [],
    });
    await writeSpreadsheet(api, first.spreadsheetId, fewer);
    expect(await values(first.spreadsheetId, "'人员 People'")).toHaveLength(2);
    expect(await values(first.spreadsheetId, "'逾期任务 Overdue tasks'")).toEqual([
      ["任务 Task", "编号 ID", "责任人 Owner", "责任部门 Department", "完成时间 Due", "逾期天数 Days overdue"],
    ]);
    const rules = sheetOf(await structure(first.spreadsheetId), SHEET.summary)?.conditionalFormats ?? [];
    expect(rules.map((r) => r.booleanRule?.condition?.values?.[0]?.userEnteredValue)).toEqual(["0.9"]);
  });

  it("when the remembered spreadsheet no longer exists, then a new one is made", async () => {
    const written = await writeSpreadsheet(api, "no-such-spreadsheet", spec());
    expect(written.created).toBe(true);
    expect(written.spreadsheetId).not.toBe("no-such-spreadsheet");
  });

  it("when a capability adds a section (here a made-up issue ledger), then its tab, chart and rule join the dashboard without any change to its core", async () => {
    const ledger = {
      row: 0,
      col: 0,
      header: ["状态 Status", "问题数 Issues", "按期解决率 Solved on time"],
      rows: [[text("未关闭 Open"), integer(4), percent(0.5)]],
    };
    const section: SectionContent = {
      sheets: [{ sheetId: 21, title: "问题台账 Issue ledger", tables: [ledger], frozenRows: 1 }],
      charts: [{ title: "问题数 Issues", type: "COLUMN", source: { sheetId: 21, table: ledger, series: [1] }, xTitle: "状态 Status", yTitle: "问题数 Issues" }],
      rules: [{ sheetId: 21, table: ledger, columns: [2], below: 0.9 }],
    };
    const written = await writeSpreadsheet(api, undefined, dashboardSpec({ view: departmentView(), target: 0.9, computedAtLocal: null, sections: [section] }));
    const got = await structure(written.spreadsheetId);
    const ids = got.sheets?.map((x) => x.properties?.sheetId);
    // Its tab comes before the charts tab; its chart is drawn on the charts tab after the dashboard's own.
    expect(ids?.indexOf(21)).toBe((ids?.indexOf(SHEET.charts) ?? 0) - 1);
    const chart = sheetOf(got, SHEET.charts)?.charts?.find((c) => c.spec?.title === "问题数 Issues");
    expect(chart?.spec?.basicChart?.chartType).toBe("COLUMN");
    expect(sheetOf(got, 21)?.conditionalFormats?.map((r) => r.booleanRule?.condition?.values?.[0]?.userEnteredValue)).toEqual(["0.9"]);
    expect(await values(written.spreadsheetId, "'问题台账 Issue ledger'")).toEqual([
      ["状态 Status", "问题数 Issues", "按期解决率 Solved on time"],
      ["未关闭 Open", 4, 0.5],
    ]);
  });
});
