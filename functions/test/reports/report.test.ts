import { period } from "@planops/shared";
import { describe, expect, it } from "vitest";
import { demoEmail } from "../../local/demo-org.js";
import { loadReportFigures } from "../../src/operations/report-data.js";
import { driveApi } from "../../src/platform/drive-client.js";
import { sheetsApi } from "../../src/platform/sheets-client.js";
import { ANALYST_SHEET, SHEET } from "../../src/reports/layout.js";
import { call } from "../support/call.js";
import { useStack } from "../support/stack.js";

const stack = useStack();
const analyst = demoEmail("吴婷");
const planner = demoEmail("李明");
const management = demoEmail("刘洋");
const api = () => sheetsApi({ sheets: { apiRoot: stack.env.SHEETS_API_ROOT } });

/** Stored monthly values, as the operations-data submission keeps them. */
async function seedValues(values: Record<string, Record<string, number>>) {
  const batch = stack.db.batch();
  for (const [month, byCode] of Object.entries(values)) {
    for (const [indicator, value] of Object.entries(byCode)) {
      batch.set(stack.db.collection("operationsValues").doc(`${month}~${indicator}`), {
        period: month,
        indicator,
        value,
        note: "",
        submittedBy: { email: analyst, name: "吴婷" },
        submittedAt: "2027-01-05T02:00:00.000Z",
      });
    }
  }
  await batch.commit();
}

/** A year of sales and orders up to `last`, rising month by month. */
const year = (last: string, base: number) =>
  Object.fromEntries(
    Array.from({ length: 13 }, (_, i) => {
      const n = Number(last.slice(0, 4)) * 12 + Number(last.slice(5, 7)) - 13 + i;
      const month = `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, "0")}`;
      return [month, { "sales-revenue": base + 10 * i, orders: 200 + 5 * i }];
    }),
  );

const values = async (spreadsheetId: string, range: string) =>
  (await (await api()).spreadsheets.values.get({ spreadsheetId, range, valueRenderOption: "UNFORMATTED_VALUE" })).data.values ?? [];

const typeAnalystText = async (spreadsheetId: string, conclusions: string, recommendations: string) => {
  const sheets = await api();
  await sheets.spreadsheets.values.batchUpdate({
    spreadsheetId,
    requestBody: {
      valueInputOption: "RAW",
      data: [
        { range: `'${ANALYST_SHEET.title}'!${ANALYST_SHEET.conclusions}`, values: [[conclusions]] },
        { range: `'${ANALYST_SHEET.title}'!${ANALYST_SHEET.recommendations}`, values: [[recommendations]] },
      ],
    },
  });
};

describe("数据分析报告: generate", () => {
  it("when the data-analysis group generates a month's report, then every section is there and the figures are the report figures", async () => {
    await seedValues(year("2026-12", 100));
    const r = await call(stack, analyst, "generateReport", { period: "2026-12" });
    expect(r.status, JSON.stringify(r.error)).toBe(200);
    expect(r.body).toMatchObject({ period: "2026-12", status: "draft", generatedBy: { email: analyst, name: "吴婷" }, publishedAt: null });

    const sheets = await api();
    const got = (await sheets.spreadsheets.get({ spreadsheetId: r.body.spreadsheetId })).data;
    expect(got.sheets?.map((s) => s.properties?.title)).toEqual([
      "数据概述 Overview",
      "分析方法 Methods",
      "分析结果·对比 Comparison",
      "分析结果·趋势 Trend",
      "分析结果·关联 Correlation",
      "分析结果·异常 Anomalies",
      "图表 Charts",
      "结论与建议 Conclusions",
    ]);
    const methods = (await values(r.body.spreadsheetId, "'分析方法 Methods'")).flat().join("\n");
    for (const word of ["对比分析", "趋势分析", "关联分析", "Comparison", "Trend", "Correlation"]) expect(methods).toContain(word);

    const figures = await loadReportFigures(stack.db, period("2026-12"));
    const sales = figures.indicators.find((i) => i.indicator.code === "sales-revenue")!;
    const rows = await values(r.body.spreadsheetId, "'分析结果·对比 Comparison'");
    const salesRow = rows.find((row) => row[0] === "销售额 Sales revenue");
    expect(salesRow?.slice(1, 11)).toEqual([
      "万元",
      sales.value,
      "",
      "",
      sales.previous.value,
      sales.previous.change,
      sales.previous.changeRatio,
      sales.lastYear.value,
      sales.lastYear.change,
      sales.lastYear.changeRatio,
    ]);
    expect(sales.value).toBe(220);
    const trend = await values(r.body.spreadsheetId, "'分析结果·趋势 Trend'");
    expect(trend.slice(1, 13).map((row) => row[0])).toEqual(sales.trend.points.map((p) => p.period));
    expect(trend.slice(1, 13).map((row) => row[1])).toEqual(sales.trend.points.map((p) => p.value));
    const matrix = await values(r.body.spreadsheetId, "'分析结果·关联 Correlation'!A1:C3");
    const r12 = figures.correlations.find((c) => c.a === "sales-revenue" && c.b === "orders")?.r;
    expect(matrix[1]?.[2]).toBeCloseTo(r12 ?? Number.NaN, 10);
    const overview = (await values(r.body.spreadsheetId, "'数据概述 Overview'")).flat().join("\n");
    expect(overview).toContain("2026年12月");

    const charts = got.sheets?.find((s) => s.properties?.sheetId === SHEET.charts)?.charts ?? [];
    expect(charts.map((c) => c.spec?.basicChart?.chartType)).toEqual(["LINE", "COLUMN"]);
    expect(charts[0]?.spec?.basicChart?.domains?.[0]?.domain?.sourceRange?.sources?.[0]?.sheetId).toBe(SHEET.trend);
    expect(charts[1]?.spec?.basicChart?.domains?.[0]?.domain?.sourceRange?.sources?.[0]?.sheetId).toBe(SHEET.comparison);
  });

  it("when the report is regenerated with new data, then the analyst's conclusions and recommendations are kept and the figures change", async () => {
    const first = await call(stack, analyst, "generateReport", { period: "2026-12" });
    expect(first.status, JSON.stringify(first.error)).toBe(200);
    await typeAnalystText(first.body.spreadsheetId, "销售额连续上升，=SUM(A1) 不是公式", "建议：保持节奏\n第二行");

    await seedValues({ "2026-12": { "sales-revenue": 400 } });
    const again = await call(stack, analyst, "generateReport", { period: "2026-12" });
    expect(again.status, JSON.stringify(again.error)).toBe(200);
    expect(again.body.spreadsheetId).toBe(first.body.spreadsheetId);

    const analystCells = await values(first.body.spreadsheetId, `'${ANALYST_SHEET.title}'!A1:A5`);
    expect(analystCells[1]).toEqual(["销售额连续上升，=SUM(A1) 不是公式"]);
    expect(analystCells[4]).toEqual(["建议：保持节奏\n第二行"]);
    const rows = await values(first.body.spreadsheetId, "'分析结果·对比 Comparison'");
    expect(rows.find((row) => row[0] === "销售额 Sales revenue")?.[2]).toBe(400);
    // Rewritten in place: the same sheets, and the two charts, not four.
    const after = (await (await api()).spreadsheets.get({ spreadsheetId: first.body.spreadsheetId })).data;
    expect(after.sheets).toHaveLength(8);
    expect(after.sheets?.flatMap((sh) => sh.charts ?? [])).toHaveLength(2);
  });

  it("when someone outside the data-analysis group, its managers and management asks, then it is refused with who may", async () => {
    const r = await call(stack, planner, "generateReport", { period: "2026-12" });
    expect(r.status).toBe(403);
    expect(r.error?.code).toBe("FORBIDDEN");
    expect(r.error?.message.zh).toContain("数据分析组");
    expect(r.error?.message.en).toContain("data-analysis group");
  });
});

describe("数据分析报告: publish", () => {
  it("when the conclusions are empty, then it cannot be published, with where to write them", async () => {
    await seedValues(year("2026-11", 90));
    expect((await call(stack, analyst, "generateReport", { period: "2026-11" })).status).toBe(200);
    const r = await call(stack, analyst, "publishReport", { period: "2026-11" });
    expect(r.status).toBe(422);
    expect(r.error?.code).toBe("VALIDATION_FAILED");
    expect(r.error?.message.zh).toContain("结论与建议 Conclusions");
    expect(r.error?.message.zh).toContain("A2");
    expect(r.error?.message.en).toContain("no conclusions");
  });

  it("when the report's spreadsheet was deleted, then publishing says so and to generate it again; generated again, it can be written in and published", async () => {
    await seedValues(year("2026-10", 70));
    const first = await call(stack, analyst, "generateReport", { period: "2026-10" });
    expect(first.status, JSON.stringify(first.error)).toBe(200);
    await typeAnalystText(first.body.spreadsheetId, "十月回款偏慢。", "");
    await (await driveApi({ drive: { apiRoot: stack.env.DRIVE_API_ROOT } })).files.delete({ fileId: first.body.spreadsheetId });

    const refused = await call(stack, analyst, "publishReport", { period: "2026-10" });
    expect(refused.status).toBe(404);
    expect(refused.error?.message.zh).toContain("表格已不存在");
    expect(refused.error?.message.zh).toContain("重新生成");

    const again = await call(stack, analyst, "generateReport", { period: "2026-10" });
    expect(again.status, JSON.stringify(again.error)).toBe(200);
    expect(again.body.spreadsheetId).not.toBe(first.body.spreadsheetId);
    await typeAnalystText(again.body.spreadsheetId, "十月回款偏慢。", "");
    const published = await call(stack, analyst, "publishReport", { period: "2026-10" });
    expect(published.status, JSON.stringify(published.error)).toBe(200);
    expect(published.body.spreadsheetId).toBe(again.body.spreadsheetId);
  });

  it("when a report that was never generated is published, then the answer says to generate it first", async () => {
    const r = await call(stack, analyst, "publishReport", { period: "2025-Q1" });
    expect(r.status).toBe(404);
    expect(r.error?.message.en).toContain("generate it");
  });

  it("when a report with conclusions is published twice, then company management is told once, with the link", async () => {
    const generated = await call(stack, analyst, "generateReport", { period: "2026-Q4" });
    expect(generated.status, JSON.stringify(generated.error)).toBe(200);
    await typeAnalystText(generated.body.spreadsheetId, "四季度销售额达到全年最高。", "");
    const before = stack.mail.messages().length;

    const first = await call(stack, analyst, "publishReport", { period: "2026-Q4" });
    expect(first.status, JSON.stringify(first.error)).toBe(200);
    expect(first.body.status).toBe("published");
    expect(first.body.publishedAt).not.toBeNull();
    const mail = (await stack.mail.waitFor(before + 1))[before]!;
    expect(mail.to).toEqual([management]);
    expect(mail.subject).toBe("数据分析报告已发布：2026-Q4");
    expect(mail.text).toContain(generated.body.url);

    const second = await call(stack, analyst, "publishReport", { period: "2026-Q4" });
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    const notices = await stack.db.collection("outbox").where("to", "==", management).get();
    expect(notices.docs.map((d) => d.id).filter((id) => id.startsWith("report-published:2026-Q4"))).toEqual([`report-published:2026-Q4:${management}`]);

    // Regenerating a published report keeps it published.
    const regenerated = await call(stack, analyst, "generateReport", { period: "2026-Q4" });
    expect(regenerated.body).toMatchObject({ status: "published", publishedAt: first.body.publishedAt });
  });
});
