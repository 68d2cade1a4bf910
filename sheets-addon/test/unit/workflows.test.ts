import { MONTHLY_PLAN, headerRow } from "@planops/shared";
import { describe, expect, it } from "vitest";
import { type ApiResult, type HttpRequest, createApiClient } from "../../src/api/client.js";
import { sidebarService } from "../../src/approvals/sidebar-service.js";
import { issuePlan } from "../../src/plans/issue-plan.js";
import { newMonthlyPlan } from "../../src/plans/new-monthly-plan.js";
import { submitPlan } from "../../src/plans/submit-plan.js";
import { updateProgress } from "../../src/plans/update-progress.js";
import { completionRates } from "../../src/rollups/completion-rates.js";
import { FakeSheet, fakeContext } from "../support/fake-context.js";

const marker = { templateId: "monthly-plan", version: 1, period: "2026-12" };
const headers = headerRow(MONTHLY_PLAN, "zh");
const dataRow = (content: string) => headers.map((_, i) => (i === 1 ? content : ""));
const values = [headers, dataRow("写周报"), dataRow(""), dataRow("做预算")];
const ok = (value: unknown): ApiResult<unknown> => ({ ok: true, value });
const refused = (code: string, cells: unknown[] = []): ApiResult<unknown> =>
  ({ ok: false, failure: { status: code === "VALIDATION_FAILED" ? 422 : 409, code, message: { zh: "不行", en: "No" }, cells } }) as ApiResult<unknown>;
const submitted = {
  planId: "plan-1",
  revision: 1,
  status: "pending_approval",
  unchanged: false,
  tasks: [
    { row: 2, taskId: "T-1", status: "not_started" },
    { row: 4, taskId: "T-2", status: "not_started" },
  ],
  message: { zh: "已提交审批", en: "Submitted for approval" },
};

describe("提交计划 (submit plan)", () => {
  it("when the sheet has no marker, then nothing is sent and the user is told why", () => {
    const sheet = new FakeSheet(1, "Sheet1", null, values);
    const { ctx, alerts, calls } = fakeContext({ sheets: [sheet] });
    submitPlan(ctx);
    expect(calls).toEqual([]);
    expect(alerts).toEqual([ctx.t.notAPlanSheet("Sheet1")]);
  });

  it("when another execution holds the lock, then nothing is read or sent and the user is asked to wait", () => {
    const sheet = new FakeSheet(1, "月度计划 2026-12", marker, values);
    const { ctx, alerts, calls } = fakeContext({ sheets: [sheet], lockFree: false });
    submitPlan(ctx);
    expect(calls).toEqual([]);
    expect(alerts).toEqual([ctx.t.busy]);
  });

  it("when submitting, then ONE request carries headers, non-empty rows with sheet rows, template, period and sheet", () => {
    const sheet = new FakeSheet(7, "月度计划 2026-12", marker, values);
    const { ctx, calls } = fakeContext({ sheets: [sheet], respond: () => ok(submitted) });
    submitPlan(ctx);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      name: "submitPlan",
      input: {
        headers,
        rows: [
          { row: 2, cells: expect.arrayContaining(["写周报"]) },
          { row: 4, cells: expect.arrayContaining(["做预算"]) },
        ],
        template: { id: "monthly-plan", version: 1 },
        period: "2026-12",
        spreadsheet: { id: "ss-1", sheetId: 7, sheetName: "月度计划 2026-12" },
      },
    });
    expect(sheet.cleared).toEqual([headers.length]);
  });

  it("when cells are refused, then each is marked, the summary counts them, and nothing is written back", () => {
    const sheet = new FakeSheet(7, "月度计划 2026-12", marker, values);
    const cells = [
      { row: 2, column: 8, header: "完成时间", code: "REQUIRED", message: { zh: "必填", en: "Required" } },
      { row: 4, column: 5, header: "责任人", code: "NOT_IN_ROSTER", message: { zh: "不在名册中", en: "Not in the roster" } },
    ];
    const { ctx, alerts, planIds } = fakeContext({ sheets: [sheet], respond: () => refused("VALIDATION_FAILED", cells) });
    submitPlan(ctx);
    expect(sheet.marks).toEqual([
      { row: 2, column: 8, note: "必填\nRequired" },
      { row: 4, column: 5, note: "不在名册中\nNot in the roster" },
    ]);
    expect(alerts[0]).toContain(ctx.t.cellsWrong(2));
    expect(sheet.written).toEqual([]);
    expect(planIds[7]).toBeUndefined();
  });

  it("when accepted, then the plan id is kept, IDs and statuses are written, and the message shown in both languages", () => {
    const sheet = new FakeSheet(7, "月度计划 2026-12", marker, values);
    const { ctx, alerts, planIds } = fakeContext({ sheets: [sheet], respond: () => ok(submitted) });
    submitPlan(ctx);
    expect(planIds[7]).toBe("plan-1");
    expect(sheet.written).toEqual([
      { column: 1, firstRow: 2, values: ["T-1"] },
      { column: 1, firstRow: 4, values: ["T-2"] },
      { column: 11, firstRow: 2, values: ["未开始"] },
      { column: 11, firstRow: 4, values: ["未开始"] },
    ]);
    expect(alerts).toEqual(["已提交审批\nSubmitted for approval"]);
  });

  it("when the rows were reordered during the call, then nothing is written and the user is asked to resubmit", () => {
    const sheet = new FakeSheet(7, "月度计划 2026-12", marker);
    sheet.reads = [values, [headers, dataRow("做预算"), dataRow(""), dataRow("写周报")]];
    const { ctx, alerts, planIds } = fakeContext({ sheets: [sheet], respond: () => ok(submitted) });
    submitPlan(ctx);
    expect(sheet.written).toEqual([]);
    expect(alerts).toEqual([ctx.t.sheetChangedDuringCall]);
    expect(planIds[7]).toBe("plan-1");
  });

  it("when the backend refuses for another reason, then the alert has the user's language and the code", () => {
    const sheet = new FakeSheet(7, "Monthly plan 2026-12", marker, values);
    const { ctx, alerts } = fakeContext({ lang: "en", sheets: [sheet], respond: () => refused("PLAN_LOCKED") });
    submitPlan(ctx);
    expect(alerts).toEqual(["No (PLAN_LOCKED)"]);
    expect(sheet.marks).toEqual([]);
  });

  it("when the table has no task rows, then nothing is sent", () => {
    const sheet = new FakeSheet(7, "月度计划 2026-12", marker, [headers, dataRow("")]);
    const { ctx, alerts, calls } = fakeContext({ sheets: [sheet] });
    submitPlan(ctx);
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
        ok({ planId: "plan-1", updated: 1, unchanged: 1, feedbackSent: 0, tasks: [{ row: 2, taskId: "T-1", status: "done" }], message: { zh: "已更新", en: "Updated" } }),
    });
    updateProgress(ctx);
    expect(calls[0]).toMatchObject({ name: "updateProgress", input: { planId: "plan-1", headers } });
    expect(sheet.written).toContainEqual({ column: 11, firstRow: 2, values: ["已完成"] });
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
    expect(alerts).toEqual(["已下发\nIssued"]);
  });
});

describe("新建模板 › 月度计划 and 完成率", () => {
  const roster = { departments: ["计划运营部"], people: [] };

  it("when it is November, then the December sheet is built from the roster", () => {
    const { ctx, created, toasts } = fakeContext({
      sheets: [new FakeSheet(0, "Sheet1", null)],
      respond: () => ok(roster),
    });
    newMonthlyPlan(ctx);
    expect(created.map((l) => l.sheetName)).toEqual(["月度计划 2026-12"]);
    expect(toasts).toContain(ctx.t.planSheetCreated("月度计划 2026-12"));
  });

  it("when it is December, then the sheet is for January of the next year", () => {
    const { ctx, created } = fakeContext({ sheets: [new FakeSheet(0, "Sheet1", null)], respond: () => ok(roster), today: { year: 2026, month: 12 } });
    newMonthlyPlan(ctx);
    expect(created[0]?.sheetName).toBe("月度计划 2027-01");
  });

  it("when next month's plan sheet exists under any name, then it is activated and nothing is created", () => {
    const existing = new FakeSheet(5, "Monthly plan 2026-12", marker);
    const { ctx, created, alerts, calls } = fakeContext({ sheets: [new FakeSheet(0, "Sheet1", null), existing] });
    newMonthlyPlan(ctx);
    expect(existing.activations).toBe(1);
    expect(created).toEqual([]);
    expect(calls).toEqual([]);
    expect(alerts).toEqual([ctx.t.planSheetExists("Monthly plan 2026-12")]);
  });

  it("when an unmarked sheet already has the name, then nothing is created", () => {
    const { ctx, created, alerts } = fakeContext({ sheets: [new FakeSheet(3, "月度计划 2026-12", null)], respond: () => ok(roster) });
    newMonthlyPlan(ctx);
    expect(created).toEqual([]);
    expect(alerts).toEqual([ctx.t.sheetNameTaken("月度计划 2026-12")]);
  });

  it("when the roster cannot be read, then no sheet is created and the refusal is shown", () => {
    const { ctx, created, alerts } = fakeContext({ sheets: [new FakeSheet(0, "Sheet1", null)], respond: () => refused("NOT_IN_ROSTER") });
    newMonthlyPlan(ctx);
    expect(created).toEqual([]);
    expect(alerts).toEqual(["不行（NOT_IN_ROSTER）"]);
  });

  it("when on a plan sheet, then rates are for its month; elsewhere for the current month", () => {
    const rates = { period: "x", asOf: "2026-12-31", people: [], groups: [], departments: [] };
    const onPlan = fakeContext({ sheets: [new FakeSheet(7, "月度计划 2026-12", marker)], respond: () => ok(rates) });
    completionRates(onPlan.ctx);
    const elsewhere = fakeContext({ sheets: [new FakeSheet(0, "Sheet1", null)], respond: () => ok(rates), today: { year: 2027, month: 3 } });
    completionRates(elsewhere.ctx);
    expect(onPlan.calls).toEqual([{ name: "completionRates", input: { period: "2026-12" } }]);
    expect(elsewhere.calls).toEqual([{ name: "completionRates", input: { period: "2027-03" } }]);
    expect(onPlan.reports).toHaveLength(1);
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
    submitPlan(ctx);
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
