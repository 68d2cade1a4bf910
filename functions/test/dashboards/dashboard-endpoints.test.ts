import { DOCUMENT_KINDS } from "@planops/shared";
import { describe, expect, it } from "vitest";
import { demoEmail } from "../../local/demo-org.js";
import { refreshDashboards } from "../../src/dashboards/refresh.js";
import { SHEET } from "../../src/dashboards/layout.js";
import { operationsSection } from "../../src/operations/dashboard-section.js";
import { smtpSender } from "../../src/notifications/mailer.js";
import { parseConfig } from "../../src/platform/config.js";
import { sheetsApi } from "../../src/platform/sheets-client.js";
import { call } from "../support/call.js";
import { planTable, task } from "../support/plan-sheet.js";
import { useStack } from "../support/stack.js";

const stack = useStack();
const planner = demoEmail("李明");
const manager = demoEmail("张伟");
const deputy = demoEmail("赵磊");
const staff = demoEmail("杨强");
const salesManager = demoEmail("郑浩");
const management = demoEmail("刘洋");
const hr = demoEmail("孙丽");
const P = "2026-12";
const HOSTILE = '=HYPERLINK("http://evil.example","点我")';

const api = () => sheetsApi({ sheets: { apiRoot: stack.env.SHEETS_API_ROOT } });

/** Every cell's entered value of a spreadsheet, as text: what anyone opening it could read. */
async function everything(spreadsheetId: string): Promise<string[]> {
  const got = await (await api()).spreadsheets.get({ spreadsheetId, includeGridData: true });
  return (got.data.sheets ?? []).flatMap((s) =>
    (s.data ?? []).flatMap((d) =>
      (d.rowData ?? []).flatMap((r) => (r.values ?? []).map((c) => String(c.userEnteredValue?.stringValue ?? c.userEnteredValue?.numberValue ?? ""))),
    ),
  );
}

async function approvedPlan(submitter: string, approver: string, rows: Parameters<typeof planTable>[0]) {
  const sub = await call(stack, submitter, "submit", planTable(rows, { period: P }));
  expect(sub.status, JSON.stringify(sub.error)).toBe(200);
  const decided = await call(stack, approver, "decide", { planId: sub.body.documentId, revision: 1, decision: "approve" });
  expect(decided.status, JSON.stringify(decided.error)).toBe(200);
}

describe("dashboards through the API", () => {
  it("when nothing was refreshed yet, then the dashboard answers 404 saying to refresh it", async () => {
    const r = await call(stack, manager, "dashboard");
    expect(r.status).toBe(404);
    expect(r.error?.code).toBe("NOT_FOUND");
    expect(r.error?.message.zh).toContain("请先刷新仪表板");
    expect(r.error?.message.en).toContain("refresh it first");
  });

  it("when two departments have plans, then each department's dashboard holds only its own plans' rows and the company's both", async () => {
    stack.setNow(new Date(`${P}-01T02:00:00Z`));
    await approvedPlan(planner, manager, [
      task({ content: HOSTILE, owner: "杨强", start: `${P}-01`, due: `${P}-05` }),
      task({ content: "+1", owner: "李明", start: `${P}-01`, due: `${P}-10` }),
    ]);
    await approvedPlan(salesManager, management, [task({ content: "销售部年终冲刺", department: "销售部", owner: "马晓明", start: null, due: `${P}-08` })]);
    // The month's operations figures: a configured indicator with a target, and its value.
    await stack.db
      .collection("operationsIndicators")
      .doc("sales-revenue")
      .set({
        code: "sales-revenue",
        name: { zh: "销售额", en: "Sales revenue" },
        category: "sales",
        unit: "万元",
        target: 150,
        min: 0,
        max: null,
        threshold: 0.3,
        aggregate: "sum",
        better: "higher",
        active: true,
        order: 1,
        since: "2026-01",
        updatedAt: `${P}-01T02:00:00.000Z`,
        updatedBy: { email: demoEmail("吴婷"), name: "吴婷" },
      });
    await stack.db
      .collection("operationsValues")
      .doc(`${P}~sales-revenue`)
      .set({
        period: P,
        indicator: "sales-revenue",
        value: 120,
        note: "",
        submittedBy: { email: demoEmail("吴婷"), name: "吴婷" },
        submittedAt: `${P}-05T02:00:00.000Z`,
      });
    stack.setNow(new Date(`${P}-20T04:00:00Z`));
    const run = await call(stack, management, "runRollup");
    expect(run.status, JSON.stringify(run.error)).toBe(200);

    const ours = await call(stack, planner, "refreshDashboard");
    expect(ours.status, JSON.stringify(ours.error)).toBe(200);
    expect(ours.body).toMatchObject({ department: "计划运营部", period: P, generation: run.body.generation });
    const oursCells = await everything(ours.body.spreadsheetId);
    expect(oursCells).toContain(HOSTILE);
    expect(oursCells).toContain("+1");
    expect(oursCells).not.toContain("销售部年终冲刺");
    expect(oursCells).not.toContain("马晓明");

    const sales = await call(stack, hr, "refreshDashboard", { department: "销售部" });
    expect(sales.status, JSON.stringify(sales.error)).toBe(200);
    const salesCells = await everything(sales.body.spreadsheetId);
    expect(salesCells).toContain("销售部年终冲刺");
    expect(salesCells).not.toContain(HOSTILE);
    expect(salesCells).not.toContain("杨强");

    const company = await call(stack, management, "refreshDashboard");
    expect(company.status, JSON.stringify(company.error)).toBe(200);
    expect(company.body.department).toBeNull();
    const companyCells = await everything(company.body.spreadsheetId);
    expect(companyCells).toEqual(expect.arrayContaining([HOSTILE, "销售部年终冲刺", "全公司 Company"]));
    expect(new Set([ours.body.spreadsheetId, sales.body.spreadsheetId, company.body.spreadsheetId]).size).toBe(3);

    // Operations against target: on the company dashboard, whose readers may see operations data; not on a department's.
    const companySheet = (await (await api()).spreadsheets.get({ spreadsheetId: company.body.spreadsheetId })).data;
    const operationsValues = await (await api()).spreadsheets.values.get({
      spreadsheetId: company.body.spreadsheetId,
      range: "'运营指标 Operations'",
      valueRenderOption: "UNFORMATTED_VALUE",
    });
    expect(operationsValues.data.values).toEqual([
      ["指标 Indicator", "本月 Value", "目标 Target", "达成率 Attainment", "单位 Unit"],
      ["销售额 Sales revenue", 120, 150, 0.8, "万元"],
    ]);
    const operationsChart = companySheet.sheets?.flatMap((x) => x.charts ?? []).find((c) => c.spec?.title === "运营指标与目标 Operations against target");
    expect(operationsChart?.spec?.basicChart?.chartType).toBe("COLUMN");
    expect(operationsChart?.spec?.basicChart?.series?.map((x) => x.series?.sourceRange?.sources?.[0])).toEqual([
      { sheetId: operationsSection.firstSheetId, startRowIndex: 0, endRowIndex: 2, startColumnIndex: 1, endColumnIndex: 2 },
      { sheetId: operationsSection.firstSheetId, startRowIndex: 0, endRowIndex: 2, startColumnIndex: 2, endColumnIndex: 3 },
    ]);
    const oursSheets = (await (await api()).spreadsheets.get({ spreadsheetId: ours.body.spreadsheetId })).data.sheets ?? [];
    expect(oursSheets.map((x) => x.properties?.sheetId)).not.toContain(operationsSection.firstSheetId);
    expect(oursCells).not.toContain("销售额 Sales revenue");

    // The records answer the dashboard endpoint, each to whom may see it.
    expect((await call(stack, manager, "dashboard")).body).toEqual(ours.body);
    expect((await call(stack, management, "dashboard")).body).toEqual(company.body);
    expect((await call(stack, salesManager, "dashboard")).body).toEqual(sales.body);

    // The formula-looking title is text in the sheet, as typed.
    const shown = await (await api()).spreadsheets.values.get({
      spreadsheetId: ours.body.spreadsheetId,
      range: "'逾期任务 Overdue tasks'!A2:A2",
      valueRenderOption: "FORMULA",
    });
    expect(shown.data.values).toEqual([[HOSTILE]]);
  });

  it.each([
    ["a staff member", staff, {}],
    ["a staff member, for their department", staff, { department: "计划运营部" }],
    ["a manager, for another department", manager, { department: "销售部" }],
    ["a deputy, for another department", deputy, { department: "销售部" }],
    ["another department's manager, for ours", salesManager, { department: "计划运营部" }],
  ])("when %s asks to refresh, then it is refused with who may", async (_who, as, input) => {
    const r = await call(stack, as, "refreshDashboard", input);
    expect(r.status).toBe(403);
    expect(r.error?.code).toBe("FORBIDDEN");
    expect(r.error?.message.zh).toContain("计划组");
    expect(r.error?.message.en).toContain("management and HR");
    expect((await call(stack, as, "dashboard", input)).status).toBe(403);
  });

  it("when HR names a department the roster does not have, then nothing is made and the answer lists the departments", async () => {
    const r = await call(stack, hr, "refreshDashboard", { department: "销售 部" });
    expect(r.status).toBe(404);
    expect(r.error?.message.zh).toContain("人员名册中没有部门「销售 部」");
    expect(r.error?.message.en).toContain("销售部");
    expect((await stack.db.collection("dashboards").doc("销售 部").get()).exists).toBe(false);
  });

  it("when the department sets its own target, then the dashboard flags rates below it", async () => {
    await stack.db
      .collection("departments")
      .doc("计划运营部")
      .set({ approvals: { submitterMayDecide: false }, dashboard: { rateTarget: 0.75 } });
    const r = await call(stack, deputy, "refreshDashboard");
    expect(r.status, JSON.stringify(r.error)).toBe(200);
    const got = await (await api()).spreadsheets.get({ spreadsheetId: r.body.spreadsheetId });
    const rules = got.data.sheets?.find((s) => s.properties?.sheetId === SHEET.people)?.conditionalFormats ?? [];
    expect(rules.map((x) => x.booleanRule?.condition)).toEqual([{ type: "NUMBER_LESS", values: [{ userEnteredValue: "0.75" }] }]);
  });

  it("when the scheduled roll-up refreshes every dashboard, then the company's and each planning department's are rewritten in place", async () => {
    const config = parseConfig(stack.env);
    const deps = {
      db: stack.db,
      config,
      now: () => new Date(`${P}-21T04:00:00Z`),
      send: smtpSender(config.mail.smtpUrl, config.mail.from),
      kinds: DOCUMENT_KINDS,
    };
    const before = (await stack.db.collection("dashboards").get()).docs.map((d) => [d.id, d.data().spreadsheetId]);
    const result = await refreshDashboards(deps);
    expect(result).toEqual({ refreshed: ["company", "计划运营部", "销售部"], failed: [] });
    const after = (await stack.db.collection("dashboards").get()).docs.map((d) => [d.id, d.data().spreadsheetId]);
    expect(after).toEqual(before);
    expect((await stack.db.collection("dashboards").doc("销售部").get()).data()?.refreshedAt).toBe(`${P}-21T04:00:00.000Z`);
  });
});
