import { ANNUAL_PLAN, MONTHLY_PLAN, QUARTERLY_PLAN, ROSTER, TASK_STEPS, headerRow } from "@planops/shared";
import { describe, expect, it } from "vitest";
import { type ApiResult, type HttpRequest, createApiClient } from "../../src/api/client.js";
import { sidebarService } from "../../src/approvals/sidebar-service.js";
import { issuePlan } from "../../src/plans/issue-plan.js";
import { newTemplate } from "../../src/plans/new-template.js";
import { refreshProgress } from "../../src/plans/refresh-progress.js";
import { submit } from "../../src/plans/submit.js";
import { updateProgress } from "../../src/plans/update-progress.js";
import { completionRates } from "../../src/rollups/completion-rates.js";
import { FakeSheet, fakeContext } from "../support/fake-context.js";

const marker = { templateId: "monthly-plan", version: MONTHLY_PLAN.version, period: "2026-12" };
const quarterlyMarker = { templateId: "quarterly-plan", version: QUARTERLY_PLAN.version, period: "2027-Q1" };
const annualMarker = { templateId: "annual-plan", version: ANNUAL_PLAN.version, period: "2027" };
const rosterMarker = { templateId: "roster", version: ROSTER.version, period: null };
const stepsMarker = { templateId: "task-steps", version: TASK_STEPS.version, period: "2026-11" };
const headers = headerRow(MONTHLY_PLAN, "zh");
const dataRow = (content: string) => headers.map((_, i) => (i === 1 ? content : ""));
const values = [headers, dataRow("写周报"), dataRow(""), dataRow("做预算")];
const ok = (value: unknown): ApiResult<unknown> => ({ ok: true, value });
const refused = (code: string, cells: unknown[] = []): ApiResult<unknown> =>
  ({ ok: false, failure: { status: code === "VALIDATION_FAILED" ? 422 : 409, code, message: { zh: "不行", en: "No" }, cells } }) as ApiResult<unknown>;
const submitted = {
  kind: "monthly-plan",
  documentId: "plan-1",
  revision: 1,
  status: "pending_approval",
  unchanged: false,
  rows: [
    { row: 2, itemId: "T-1", status: "not_started" },
    { row: 4, itemId: "T-2", status: "not_started" },
  ],
  message: { zh: "已提交审批", en: "Submitted for approval" },
};

describe("提交 (submit)", () => {
  it("when the sheet has no marker, then nothing is sent and the user is told why", () => {
    const sheet = new FakeSheet(1, "Sheet1", null, values);
    const { ctx, alerts, calls } = fakeContext({ sheets: [sheet] });
    submit(ctx);
    expect(calls).toEqual([]);
    expect(alerts).toEqual([ctx.t.notATemplateSheet("Sheet1")]);
  });

  it("when another execution holds the lock, then nothing is read or sent and the user is asked to wait", () => {
    const sheet = new FakeSheet(1, "月度计划 2026-12", marker, values);
    const { ctx, alerts, calls } = fakeContext({ sheets: [sheet], lockFree: false });
    submit(ctx);
    expect(calls).toEqual([]);
    expect(alerts).toEqual([ctx.t.busy]);
  });

  it("when submitting, then ONE request carries headers, non-empty rows with sheet rows, the marker's template, version and period, and the sheet", () => {
    const sheet = new FakeSheet(7, "月度计划 2026-12", marker, values);
    const { ctx, calls } = fakeContext({ sheets: [sheet], respond: () => ok(submitted) });
    submit(ctx);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      name: "submit",
      input: {
        headers,
        rows: [
          { row: 2, cells: expect.arrayContaining(["写周报"]) },
          { row: 4, cells: expect.arrayContaining(["做预算"]) },
        ],
        template: { id: "monthly-plan", version: MONTHLY_PLAN.version },
        period: "2026-12",
        spreadsheet: { id: "ss-1", sheetId: 7, sheetName: "月度计划 2026-12" },
      },
    });
    expect(sheet.cleared).toEqual([headers.length]);
  });

  it("when cells are refused, then each is marked, the summary counts them, and nothing is written back", () => {
    const sheet = new FakeSheet(7, "月度计划 2026-12", marker, values);
    const cells = [
      {
        row: 2,
        column: 8,
        header: "完成时间",
        code: "REQUIRED",
        message: { zh: "第 2 行：必填", en: "Row 2: required" },
        problem: { zh: "必填", en: "Required" },
      },
      {
        row: 4,
        column: 5,
        header: "责任人",
        code: "NOT_IN_ROSTER",
        message: { zh: "第 4 行：不在名册中", en: "Row 4: not in the roster" },
        problem: { zh: "不在名册中", en: "Not in the roster" },
      },
    ];
    const { ctx, alerts, planIds } = fakeContext({ sheets: [sheet], respond: () => refused("VALIDATION_FAILED", cells) });
    submit(ctx);
    expect(sheet.marks).toEqual([
      { row: 2, column: 8, note: "必填" },
      { row: 4, column: 5, note: "不在名册中" },
    ]);
    expect(alerts[0]).toContain(ctx.t.cellsWrong(2));
    expect(sheet.written).toEqual([]);
    expect(planIds[7]).toBeUndefined();
  });

  it("when a monthly plan is accepted, then the plan id is kept, item IDs and status labels are written, and the message shown in the user's language only", () => {
    const sheet = new FakeSheet(7, "月度计划 2026-12", marker, values);
    const { ctx, alerts, planIds } = fakeContext({ sheets: [sheet], respond: () => ok(submitted) });
    submit(ctx);
    expect(planIds[7]).toBe("plan-1");
    expect(sheet.written).toEqual([
      { column: 1, firstRow: 2, values: ["T-1"] },
      { column: 1, firstRow: 4, values: ["T-2"] },
      { column: 11, firstRow: 2, values: ["未开始"] },
      { column: 11, firstRow: 4, values: ["未开始"] },
    ]);
    expect(alerts).toEqual(["已提交审批"]);
  });

  it("when a quarterly plan is accepted, then only item IDs are written (the template has no status column) and its plan id is kept", () => {
    const qHeaders = headerRow(QUARTERLY_PLAN, "zh");
    const row = (title: string) => qHeaders.map((h) => (h === "具体任务" ? title : ""));
    const sheet = new FakeSheet(8, "季度计划 2027-Q1", quarterlyMarker, [qHeaders, row("客户回访"), row("流程梳理")]);
    const response = {
      ...submitted,
      kind: "quarterly-plan",
      documentId: "q-plan",
      rows: [
        { row: 2, itemId: "Q-1", status: null },
        { row: 3, itemId: "Q-2", status: null },
      ],
    };
    const { ctx, calls, planIds } = fakeContext({ sheets: [sheet], respond: () => ok(response) });
    submit(ctx);
    expect(calls[0]).toMatchObject({ name: "submit", input: { template: { id: "quarterly-plan", version: QUARTERLY_PLAN.version }, period: "2027-Q1" } });
    expect(sheet.written).toEqual([{ column: 1, firstRow: 2, values: ["Q-1", "Q-2"] }]);
    expect(planIds[8]).toBe("q-plan");
  });

  it("when the roster is submitted, then its period is empty, nothing is written back and no plan id is kept", () => {
    const rHeaders = headerRow(ROSTER, "zh");
    const sheet = new FakeSheet(9, "人员名册", rosterMarker, [rHeaders, rHeaders.map((h) => (h === "姓名" ? "李明" : h === "在职" ? true : ""))]);
    const response = {
      kind: "roster",
      documentId: "roster",
      revision: null,
      status: null,
      unchanged: false,
      rows: [{ row: 2, itemId: null, status: null }],
      message: { zh: "名册已更新", en: "Roster updated" },
    };
    const { ctx, calls, alerts, planIds } = fakeContext({ sheets: [sheet], respond: () => ok(response) });
    submit(ctx);
    expect(calls[0]).toMatchObject({ name: "submit", input: { template: { id: "roster", version: ROSTER.version }, period: "" } });
    expect(sheet.written).toEqual([]);
    expect(planIds[9]).toBeUndefined();
    expect(alerts).toEqual(["名册已更新"]);
  });

  it("when implementation steps are submitted, then the row results name tasks but nothing is written (no ID column)", () => {
    const sHeaders = headerRow(TASK_STEPS, "zh");
    const sheet = new FakeSheet(10, "实施步骤 2026-11", stepsMarker, [sHeaders, ["2026-11-计划运营部-001 写周报", "收集数据", "2026-11-03", false]]);
    const response = {
      kind: "task-steps",
      documentId: "steps_2026-11_x",
      revision: null,
      status: null,
      unchanged: false,
      rows: [{ row: 2, itemId: "2026-11-计划运营部-001", status: null }],
      message: { zh: "已保存", en: "Saved" },
    };
    const { ctx, calls, alerts } = fakeContext({ sheets: [sheet], respond: () => ok(response) });
    submit(ctx);
    expect(calls[0]).toMatchObject({
      input: { period: "2026-11", rows: [{ row: 2, cells: ["2026-11-计划运营部-001 写周报", "收集数据", "2026-11-03", false] }] },
    });
    expect(sheet.written).toEqual([]);
    expect(alerts).toEqual(["已保存"]);
  });

  it("when the rows were reordered during the call, then nothing is written and the user is asked to resubmit", () => {
    const sheet = new FakeSheet(7, "月度计划 2026-12", marker);
    sheet.reads = [values, [headers, dataRow("做预算"), dataRow(""), dataRow("写周报")]];
    const { ctx, alerts, planIds } = fakeContext({ sheets: [sheet], respond: () => ok(submitted) });
    submit(ctx);
    expect(sheet.written).toEqual([]);
    expect(alerts).toEqual([ctx.t.sheetChangedDuringCall]);
    expect(planIds[7]).toBe("plan-1");
  });

  it("when the backend refuses for another reason, then the alert has the user's language and the code", () => {
    const sheet = new FakeSheet(7, "Monthly plan 2026-12", marker, values);
    const { ctx, alerts } = fakeContext({ lang: "en", sheets: [sheet], respond: () => refused("PLAN_LOCKED") });
    submit(ctx);
    expect(alerts).toEqual(["No (PLAN_LOCKED)"]);
    expect(sheet.marks).toEqual([]);
  });

  it("when the table has no filled-in rows, then nothing is sent", () => {
    const sheet = new FakeSheet(7, "月度计划 2026-12", marker, [headers, dataRow("")]);
    const { ctx, alerts, calls } = fakeContext({ sheets: [sheet] });
    submit(ctx);
    expect(calls).toEqual([]);
    expect(alerts).toEqual([ctx.t.emptyTable]);
  });
});

describe("更新进度 and 下发计划", () => {
  it("when the sheet was never submitted, then progress is not sent and the user is told to submit first", () => {
    const sheet = new FakeSheet(7, "月度计划 2026-12", marker, values);
    const { ctx, alerts, calls } = fakeContext({ sheets: [sheet] });
    updateProgress(ctx);
    issuePlan(ctx);
    expect(calls).toEqual([]);
    expect(alerts).toEqual([ctx.t.noPlanYet, ctx.t.noPlanYet]);
  });

  it("when updating progress, then the stored plan id goes with the table and statuses come back", () => {
    const sheet = new FakeSheet(7, "月度计划 2026-12", marker, values);
    const { ctx, calls } = fakeContext({
      sheets: [sheet],
      planIds: { 7: "plan-1" },
      respond: () =>
        ok({
          planId: "plan-1",
          updated: 1,
          unchanged: 1,
          skippedNotYours: 0,
          feedbackSent: 0,
          rows: [{ row: 2, itemId: "T-1", status: "done" }],
          message: { zh: "已更新", en: "Updated" },
        }),
    });
    updateProgress(ctx);
    expect(calls[0]).toMatchObject({ name: "updateProgress", input: { planId: "plan-1", headers } });
    expect(sheet.written).toContainEqual({ column: 11, firstRow: 2, values: ["已完成"] });
    expect(sheet.written).toContainEqual({ column: 1, firstRow: 2, values: ["T-1"] });
  });

  it("when issuing, then the plan id is sent and the backend's message shown", () => {
    const sheet = new FakeSheet(7, "月度计划 2026-12", marker, values);
    const { ctx, calls, alerts } = fakeContext({
      sheets: [sheet],
      planIds: { 7: "plan-1" },
      respond: () => ok({ planId: "plan-1", status: "issued", notifiedOwners: 2, message: { zh: "已下发", en: "Issued" } }),
    });
    issuePlan(ctx);
    expect(calls).toEqual([{ name: "issuePlan", input: { planId: "plan-1" } }]);
    expect(alerts).toEqual(["已下发"]);
  });

  it("when on a quarterly plan sheet, then progress and issuing are refused locally, naming the monthly plan", () => {
    const sheet = new FakeSheet(8, "季度计划 2027-Q1", quarterlyMarker, values);
    const { ctx, alerts, calls } = fakeContext({ sheets: [sheet], planIds: { 8: "q-plan" } });
    updateProgress(ctx);
    issuePlan(ctx);
    expect(calls).toEqual([]);
    expect(alerts).toEqual([ctx.t.onlyFor("更新进度", "季度计划 2027-Q1", ["月度计划"]), ctx.t.onlyFor("下发计划", "季度计划 2027-Q1", ["月度计划"])]);
  });
});

describe("刷新进度 (refresh progress)", () => {
  const qHeaders = headerRow(QUARTERLY_PLAN, "zh");
  const progressColumn = QUARTERLY_PLAN.columns.findIndex((c) => c.key === "progress") + 1;
  const row = (id: string, title: string) => qHeaders.map((h) => (h === "编号" ? id : h === "具体任务" ? title : ""));
  const progress = {
    planId: "q-plan",
    items: [
      { itemId: "Q-1", title: "甲", progress: 45, children: 2 },
      { itemId: "Q-2", title: "乙", progress: null, children: 0 },
      { itemId: "Q-3", title: "丙", progress: 100, children: 1 },
    ],
  };

  it("when on a submitted quarterly sheet, then each matching row gets its progress as a 0–1 number and the user is told how many", () => {
    const sheet = new FakeSheet(8, "季度计划 2027-Q1", quarterlyMarker, [
      qHeaders,
      row("Q-1", "甲"),
      row("", "新的一行"),
      row(" Q-3 ", "丙"),
      row("Q-9", "别处"),
      row("Q-2", "乙"),
    ]);
    const { ctx, calls, alerts } = fakeContext({ sheets: [sheet], planIds: { 8: "q-plan" }, respond: () => ok(progress) });
    refreshProgress(ctx);
    expect(calls).toEqual([{ name: "planProgress", input: { planId: "q-plan" } }]);
    expect(sheet.written).toEqual([
      { column: progressColumn, firstRow: 2, values: [0.45] },
      { column: progressColumn, firstRow: 4, values: [1] },
      { column: progressColumn, firstRow: 6, values: [""] },
    ]);
    expect(alerts).toEqual([ctx.t.progressRefreshed(3)]);
  });

  it("when on an annual plan sheet, then the annual progress column is used", () => {
    const aHeaders = headerRow(ANNUAL_PLAN, "en");
    const sheet = new FakeSheet(9, "Annual plan 2027", annualMarker, [aHeaders, aHeaders.map((h) => (h === "Item ID" ? "A-1" : h === "Item" ? "增长" : ""))]);
    const { ctx, alerts } = fakeContext({
      lang: "en",
      sheets: [sheet],
      planIds: { 9: "a-plan" },
      respond: () => ok({ planId: "a-plan", items: [{ itemId: "A-1", title: "增长", progress: 12.5, children: 3 }] }),
    });
    refreshProgress(ctx);
    expect(sheet.written).toEqual([{ column: ANNUAL_PLAN.columns.findIndex((c) => c.key === "progress") + 1, firstRow: 2, values: [0.125] }]);
    expect(alerts).toEqual(["Refreshed the progress of 1 row."]);
  });

  it("when on a monthly sheet, or before the plan was submitted, then nothing is asked", () => {
    const monthly = fakeContext({ sheets: [new FakeSheet(7, "月度计划 2026-12", marker, values)], planIds: { 7: "plan-1" } });
    refreshProgress(monthly.ctx);
    expect(monthly.calls).toEqual([]);
    expect(monthly.alerts).toEqual([monthly.ctx.t.onlyFor("刷新进度", "月度计划 2026-12", ["年度计划", "季度计划"])]);

    const unsent = fakeContext({ sheets: [new FakeSheet(8, "季度计划 2027-Q1", quarterlyMarker, [qHeaders])] });
    refreshProgress(unsent.ctx);
    expect(unsent.calls).toEqual([]);
    expect(unsent.alerts).toEqual([unsent.ctx.t.noPlanYet]);
  });

  it("when the backend refuses, then nothing is written and the refusal is shown", () => {
    const sheet = new FakeSheet(8, "季度计划 2027-Q1", quarterlyMarker, [qHeaders, row("Q-1", "甲")]);
    const { ctx, alerts } = fakeContext({ sheets: [sheet], planIds: { 8: "q-plan" }, respond: () => refused("FORBIDDEN") });
    refreshProgress(ctx);
    expect(sheet.written).toEqual([]);
    expect(alerts).toEqual(["不行（FORBIDDEN）"]);
  });
});

describe("新建模板 (new template)", () => {
  const roster = { departments: ["计划运营部"], people: [] };
  const references = (options: { itemId: string; title: string; label: string }[]) => ({
    columns: [{ key: "quarterlyItem", parentPlanId: "quarterly_2026-Q4_计划运营部", parentStatus: options.length ? "approved" : null, options }],
  });
  const respondWith = (answers: Record<string, unknown>) => (name: string) => (name in answers ? ok(answers[name]) : refused("NOT_FOUND"));

  it("when it is November, then the monthly plan sheet is for December, built from the roster and the quarter's reference options", () => {
    const { ctx, created, toasts, alerts, calls } = fakeContext({
      sheets: [new FakeSheet(0, "Sheet1", null)],
      respond: respondWith({ roster, referenceOptions: references([{ itemId: "Q-1", title: "回访", label: "Q-1 回访" }]) }),
    });
    newTemplate(ctx, "monthly-plan");
    expect(calls).toEqual([
      { name: "roster", input: {} },
      { name: "referenceOptions", input: { template: "monthly-plan", period: "2026-12" } },
    ]);
    expect(created.map((l) => l.sheetName)).toEqual(["月度计划 2026-12"]);
    expect(created[0]?.dropdowns).toContainEqual({ column: 3, values: ["Q-1 回访"], helpText: expect.any(String) });
    expect(toasts).toContain(ctx.t.sheetCreated("月度计划 2026-12"));
    expect(alerts).toEqual([ctx.t.templateHelp("月度计划 2026-12", MONTHLY_PLAN.help.zh)]);
  });

  it.each([
    ["annual-plan", { year: 2026, month: 11 }, "年度计划 2027"],
    ["annual-plan", { year: 2026, month: 1 }, "年度计划 2027"],
    ["quarterly-plan", { year: 2026, month: 11 }, "季度计划 2027-Q1"],
    ["quarterly-plan", { year: 2026, month: 5 }, "季度计划 2026-Q3"],
    ["monthly-plan", { year: 2026, month: 12 }, "月度计划 2027-01"],
    ["task-steps", { year: 2026, month: 11 }, "实施步骤 2026-11"],
    ["roster", { year: 2026, month: 11 }, "人员名册"],
  ])("when %s is created in %o, then the sheet is %s", (kind, today, name) => {
    const { ctx, created } = fakeContext({
      sheets: [new FakeSheet(0, "Sheet1", null)],
      today,
      respond: respondWith({ roster, referenceOptions: { columns: [] }, rosterRecords: { rows: [] } }),
    });
    newTemplate(ctx, kind);
    expect(created.map((l) => l.sheetName)).toEqual([name]);
  });

  it("when the annual plan is created, then only the roster is asked (no reference column)", () => {
    const { ctx, calls } = fakeContext({ sheets: [new FakeSheet(0, "Sheet1", null)], respond: respondWith({ roster }) });
    newTemplate(ctx, "annual-plan");
    expect(calls.map((c) => c.name)).toEqual(["roster"]);
  });

  it("when implementation steps are created, then only the caller's tasks are asked as reference options (no roster columns)", () => {
    const { ctx, calls, created } = fakeContext({
      sheets: [new FakeSheet(0, "Sheet1", null)],
      respond: respondWith({
        referenceOptions: {
          columns: [{ key: "task", parentPlanId: null, parentStatus: null, options: [{ itemId: "T-1", title: "写周报", label: "T-1 写周报" }] }],
        },
      }),
    });
    newTemplate(ctx, "task-steps");
    expect(calls).toEqual([{ name: "referenceOptions", input: { template: "task-steps", period: "2026-11" } }]);
    expect(created[0]?.dropdowns).toEqual([{ column: 1, values: ["T-1 写周报"], helpText: TASK_STEPS.columns[0].help.zh }]);
    expect(created[0]?.checkboxes).toEqual([{ column: 4, helpText: "完成后勾选" }]);
  });

  it("when the roster is created, then it is pre-filled from the stored roster and has no period in its marker", () => {
    const rows = [
      {
        name: "李明",
        email: "liming@x.cn",
        department: "计划运营部",
        group: "计划组",
        roles: ["staff"],
        supervisor: "zhangwei@x.cn",
        actsFor: [],
        language: "zh",
        active: "active",
      },
    ];
    const { ctx, calls, created } = fakeContext({ sheets: [new FakeSheet(0, "Sheet1", null)], respond: respondWith({ rosterRecords: { rows } }) });
    newTemplate(ctx, "roster");
    expect(calls).toEqual([{ name: "rosterRecords", input: {} }]);
    expect(created[0]?.rows).toEqual([["李明", "liming@x.cn", "计划运营部", "计划组", "员工", "zhangwei@x.cn", "", "中文", "在职"]]);
    expect(created[0]?.marker.map(([k]) => k)).toEqual(["planops.template", "planops.version"]);
  });

  it("when next month's plan sheet exists under any name, then it is activated and nothing is created or asked", () => {
    const existing = new FakeSheet(5, "Monthly plan 2026-12", marker);
    const { ctx, created, alerts, calls } = fakeContext({ sheets: [new FakeSheet(0, "Sheet1", null), existing] });
    newTemplate(ctx, "monthly-plan");
    expect(existing.activations).toBe(1);
    expect(created).toEqual([]);
    expect(calls).toEqual([]);
    expect(alerts).toEqual(["下月的计划表「Monthly plan 2026-12」已存在，已为您切换到该表。"]);
  });

  it("when the roster sheet exists, then it is found by its marker without a period", () => {
    const existing = new FakeSheet(5, "Roster", rosterMarker);
    const { ctx, created, alerts } = fakeContext({ lang: "en", sheets: [existing] });
    newTemplate(ctx, "roster");
    expect(existing.activations).toBe(1);
    expect(created).toEqual([]);
    expect(alerts).toEqual(['The sheet "Roster" already exists; it is now the active sheet.']);
  });

  it("when a sheet of an older template version has the name, then the user is asked to rename it", () => {
    const old = new FakeSheet(3, "月度计划 2026-12", { ...marker, version: 1 });
    const { ctx, created, alerts, calls } = fakeContext({ sheets: [old] });
    newTemplate(ctx, "monthly-plan");
    expect(created).toEqual([]);
    expect(calls).toEqual([]);
    expect(alerts).toEqual([ctx.t.outdatedSheetExists("月度计划 2026-12")]);
  });

  it("when an unmarked sheet already has the name, then nothing is created", () => {
    const { ctx, created, alerts } = fakeContext({ sheets: [new FakeSheet(3, "月度计划 2026-12", null)], respond: () => ok(roster) });
    newTemplate(ctx, "monthly-plan");
    expect(created).toEqual([]);
    expect(alerts).toEqual([ctx.t.sheetNameTaken("月度计划 2026-12")]);
  });

  it.each(["roster", "referenceOptions"])("when %s cannot be read, then no sheet is created and the refusal is shown", (failing) => {
    const { ctx, created, alerts } = fakeContext({
      sheets: [new FakeSheet(0, "Sheet1", null)],
      respond: (name) => (name === failing ? refused("NOT_IN_ROSTER") : ok(name === "roster" ? roster : { columns: [] })),
    });
    newTemplate(ctx, "monthly-plan");
    expect(created).toEqual([]);
    expect(alerts).toEqual(["不行（NOT_IN_ROSTER）"]);
  });
});

describe("完成率 (completion rates)", () => {
  const rates = { period: "x", asOf: "2026-12-31", people: [], groups: [], departments: [], items: [] };

  it.each([
    ["a monthly plan sheet", marker, "2026-12"],
    ["a quarterly plan sheet", quarterlyMarker, "2027-Q1"],
    ["an annual plan sheet", annualMarker, "2027"],
    ["the roster", rosterMarker, "2027-03"],
    ["an ordinary sheet", null, "2027-03"],
  ] as const)("when on %s, then the rates are for %s", (_what, sheetMarker, period) => {
    const { ctx, calls, reports } = fakeContext({ sheets: [new FakeSheet(7, "any", sheetMarker)], respond: () => ok(rates), today: { year: 2027, month: 3 } });
    completionRates(ctx);
    expect(calls).toEqual([{ name: "completionRates", input: { period } }]);
    expect(reports).toHaveLength(1);
  });
});

describe("a missing identity token", () => {
  /** The real client over a transport that records: what the user would see, and whether anything left. */
  const tokenless = (lang: "zh" | "en") => {
    const sheet = new FakeSheet(7, "月度计划 2026-12", marker, values);
    const faked = fakeContext({ lang, sheets: [sheet], planIds: { 7: "plan-1" } });
    const requests: HttpRequest[] = [];
    faked.ctx.api = createApiClient({
      baseUrl: "https://api.example.test",
      identityToken: () => null,
      transport: (request) => {
        requests.push(request);
        return { status: 401, body: "{}" };
      },
    });
    return { ...faked, sheet, requests };
  };

  it.each(["zh", "en"] as const)("when a %s user submits, updates or issues, then nothing is sent or marked and they are asked to reauthorise", (lang) => {
    const { ctx, alerts, requests, sheet, planIds } = tokenless(lang);
    submit(ctx);
    updateProgress(ctx);
    issuePlan(ctx);
    const expected = ctx.t.failure(ctx.t.noIdentityToken, "NO_IDENTITY_TOKEN");
    expect(alerts).toEqual([expected, expected, expected]);
    expect(requests).toEqual([]);
    expect(sheet.marks).toEqual([]);
    expect(sheet.written).toEqual([]);
    expect(planIds[7]).toBe("plan-1");
  });

  it("when the approvals sidebar asks for its list, then the RPC fails with the reauthorise message in the user's language", () => {
    const { ctx, requests } = tokenless("en");
    expect(() => sidebarService(ctx).sidebarListPending()).toThrow(ctx.t.failure(ctx.t.noIdentityToken, "NO_IDENTITY_TOKEN"));
    expect(requests).toEqual([]);
  });
});
