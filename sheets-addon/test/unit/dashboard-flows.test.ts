import type { Dashboard, Report, RollupView, RunRollupResponse } from "@planops/shared/api";
import { describe, expect, it } from "vitest";
import type { ApiResult } from "../../src/api/client.js";
import { openDashboard, refreshDashboard } from "../../src/dashboards/open-dashboard.js";
import { runRollup } from "../../src/dashboards/run-rollup.js";
import { dashboardSidebarService } from "../../src/dashboards/sidebar-service.js";
import { generateReport } from "../../src/reports/generate-report.js";
import { publishReport } from "../../src/reports/publish-report.js";
import { FakeSheet, fakeContext } from "../support/fake-context.js";

const sheet = () => new FakeSheet(1, "Sheet1", null);
const ok = (value: unknown): ApiResult<unknown> => ({ ok: true, value });
const refused = (status: number, code: string, zh: string, en: string): ApiResult<unknown> => ({
  ok: false,
  failure: { status, code, message: { zh, en }, cells: [] },
});

const run = (status: RunRollupResponse["status"], changedRecords: number): RunRollupResponse => ({
  runFor: "2026-12-02T01:00:00.000Z",
  status,
  generation: 7,
  changedRecords,
  documentReads: 40,
  computedAt: "2026-12-02T01:00:05.000Z",
});
const dashboard: Dashboard = {
  department: "计划运营部",
  spreadsheetId: "dash-1",
  url: "https://docs.google.com/spreadsheets/d/dash-1/edit",
  period: "2026-12",
  generation: 7,
  refreshedAt: "2026-12-02T01:10:00.000Z",
};
const report: Report = {
  period: "2027-Q1",
  spreadsheetId: "rep-1",
  url: "https://docs.google.com/spreadsheets/d/rep-1/edit",
  status: "draft",
  generatedAt: "2027-04-02T02:00:00.000Z",
  generatedBy: { email: "zhoujie@demo.planops.cn", name: "周杰" },
  publishedAt: null,
};
const band = (zh: string, en: string, minDays: number, maxDays: number | null, count: number) => ({ label: { zh, en }, minDays, maxDays, count });
const row = { key: "计划运营部", name: "计划运营部", inScope: 3, doneOnTime: 1, doneByEnd: 2, overdue: 1 };
const view = (overrides: Partial<RollupView> = {}): RollupView => ({
  period: "2026-12",
  department: "计划运营部",
  asOf: "2026-12-02",
  generation: 7,
  computedAt: "2026-12-02T01:00:05.000Z",
  summary: { ...row, onTimeRate: 1 / 3, completionRate: 2 / 3, weightedOnTimeRate: 1 / 3, weightedCompletionRate: 2 / 3 },
  people: [],
  groups: [],
  departments: [],
  items: [],
  overdue: {
    count: 7,
    ages: [
      band("1–7 天", "1–7 days", 1, 7, 4),
      band("8–30 天", "8–30 days", 8, 30, 2),
      band("31–90 天", "31–90 days", 31, 90, 1),
      band("90 天以上", "Over 90 days", 91, null, 0),
    ],
    tasks: [1, 45, 3, 9, 2, 12, 5].map((days, i) => ({
      itemId: `T-${i}`,
      planId: "plan-1",
      title: `任务 ${i}`,
      owner: i === 0 ? null : { email: "liming@demo.planops.cn", name: "李明" },
      department: "计划运营部",
      due: `2026-11-${String(30 - days).padStart(2, "0")}`,
      daysOverdue: days,
    })),
  },
  trend: [],
  trendByGroup: [],
  ...overrides,
});

describe("立即汇总 (run roll-up now)", () => {
  it("when the run did the work, then the user reads how many records changed and when it finished, in local time", () => {
    const { ctx, alerts, toasts, calls } = fakeContext({ sheets: [sheet()], respond: () => ok(run("done", 12)) });
    runRollup(ctx);
    expect(calls).toEqual([{ name: "runRollup", input: {} }]);
    expect(toasts).toEqual(["正在汇总…"]);
    expect(alerts).toEqual(["汇总完成：自上次汇总以来有 12 条记录发生变化，已全部计入。完成时间 2026-12-02 09:00。"]);
  });

  it("when a run for the same moment had finished already, then it says so in plain words, in English too", () => {
    const { ctx, alerts } = fakeContext({ lang: "en", sheets: [sheet()], respond: () => ok(run("already-done", 0)) });
    runRollup(ctx);
    expect(alerts).toEqual(["The roll-up is already up to date: the run for this moment finished at 2026-12-02 09:00, so nothing needed computing again."]);
  });

  it("when the caller may not run it, then the backend's refusal is shown in the user's language with its code", () => {
    const { ctx, alerts } = fakeContext({
      sheets: [sheet()],
      respond: () => refused(403, "FORBIDDEN", "只有管理层…可以立即汇总。", "Only management … may run it."),
    });
    runRollup(ctx);
    expect(alerts).toEqual(["只有管理层…可以立即汇总。（FORBIDDEN）"]);
  });
});

describe("打开仪表板 / 刷新仪表板 (open / refresh dashboard)", () => {
  it("when the dashboard exists, then a dialog shows its department, period, figures' day, last refresh and a new-tab link", () => {
    const { ctx, dialogs, calls } = fakeContext({ sheets: [sheet()], respond: (name) => ok(name === "dashboard" ? dashboard : view()) });
    openDashboard(ctx);
    expect(calls).toEqual([
      { name: "dashboard", input: {} },
      { name: "rollupView", input: { period: "2026-12", department: "计划运营部" } },
    ]);
    expect(dialogs).toHaveLength(1);
    const html = dialogs[0]?.html ?? "";
    expect(html).toContain("<h1>仪表板</h1>");
    for (const fact of [
      "<dt>部门</dt><dd>计划运营部</dd>",
      "<dt>期间</dt><dd>2026-12</dd>",
      "<dt>数据截至</dt><dd>2026-12-02</dd>",
      "<dt>最近刷新</dt><dd>2026-12-02 09:10</dd>",
    ]) {
      expect(html).toContain(fact);
    }
    expect(html).toContain(`href="${dashboard.url}" target="_blank" rel="noopener"`);
  });

  it("when the figures' view cannot be read, then the dialog still shows the dashboard, without the day", () => {
    const { ctx, dialogs } = fakeContext({
      sheets: [sheet()],
      respond: (name) => (name === "dashboard" ? ok({ ...dashboard, department: null }) : refused(403, "FORBIDDEN", "无权查看", "Not allowed")),
    });
    openDashboard(ctx);
    const html = dialogs[0]?.html ?? "";
    expect(html).toContain("<dt>部门</dt><dd>全公司</dd>");
    expect(html).not.toContain("数据截至");
    expect(html).toContain('data-testid="dialog-link"');
  });

  it("when there is no dashboard yet and the user agrees, then it is written (刷新仪表板) and shown", () => {
    const { ctx, confirmations, dialogs, calls } = fakeContext({
      sheets: [sheet()],
      confirms: [true],
      respond: (name) =>
        name === "dashboard" ? refused(404, "NOT_FOUND", "还没有仪表板", "No dashboard yet") : ok(name === "refreshDashboard" ? dashboard : view()),
    });
    openDashboard(ctx);
    expect(confirmations).toEqual(["还没有仪表板。是否现在生成（刷新仪表板）？"]);
    expect(calls.map((c) => c.name)).toEqual(["dashboard", "refreshDashboard", "rollupView"]);
    expect(dialogs[0]?.html).toContain("<h1>仪表板已刷新</h1>");
  });

  it("when there is no dashboard yet and the user declines, then nothing else is sent", () => {
    const { ctx, calls, dialogs, alerts } = fakeContext({
      sheets: [sheet()],
      confirms: [false],
      respond: () => refused(404, "NOT_FOUND", "还没有仪表板", "No dashboard yet"),
    });
    openDashboard(ctx);
    expect(calls.map((c) => c.name)).toEqual(["dashboard"]);
    expect(dialogs).toEqual([]);
    expect(alerts).toEqual([]);
  });

  it("when staff may not refresh, then the 403 is shown in plain words with its code, and no dialog", () => {
    const { ctx, alerts, dialogs } = fakeContext({
      lang: "en",
      sheets: [sheet()],
      respond: () => refused(403, "FORBIDDEN", "只有部门经理…可以刷新仪表板。", "Only the department's manager … may refresh the dashboard."),
    });
    refreshDashboard(ctx);
    expect(alerts).toEqual(["Only the department's manager … may refresh the dashboard. (FORBIDDEN)"]);
    expect(dialogs).toEqual([]);
  });

  it("when the backend's address is not a web address, then the dialog shows no link, only that it cannot be opened", () => {
    const { ctx, dialogs } = fakeContext({
      sheets: [sheet()],
      respond: (name) => ok(name === "dashboard" ? { ...dashboard, url: "javascript:alert(1)" } : view()),
    });
    openDashboard(ctx);
    const html = dialogs[0]?.html ?? "";
    expect(html).not.toContain("javascript:");
    expect(html).toContain('data-testid="dialog-no-link"');
  });
});

describe("生成报告 (generate report)", () => {
  it("when the user leaves the period empty, then this month's report is generated and its link shown, with the analyst's text kept", () => {
    const { ctx, asked, calls, dialogs } = fakeContext({
      sheets: [sheet()],
      today: { year: 2026, month: 12 },
      answers: [""],
      respond: () => ok({ ...report, period: "2026-12" }),
    });
    generateReport(ctx);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toContain("留空即为本月（2026-12）");
    expect(calls).toEqual([{ name: "generateReport", input: { period: "2026-12" } }]);
    const html = dialogs[0]?.html ?? "";
    expect(html).toContain("<h1>已生成 2026-12 数据分析报告</h1>");
    expect(html).toContain("<dt>状态</dt><dd>草稿</dd>");
    expect(html).toContain("<dt>生成人</dt><dd>周杰</dd>");
    expect(html).toContain("结论和建议会保留");
    expect(html).toContain(`href="${report.url}"`);
  });

  it.each([
    ["2027-Q1", "2027-Q1"],
    ["２０２７ｑ１", "2027-Q1"],
    ["2027年第1季度", "2027-Q1"],
    ["2027-1", "2027-01"],
    ["2027年3月", "2027-03"],
    [" 2027 ", "2027"],
  ])("when the user types %j, then the report of %s is generated", (typed, period) => {
    const { ctx, calls } = fakeContext({ sheets: [sheet()], answers: [typed], respond: () => ok({ ...report, period }) });
    generateReport(ctx);
    expect(calls).toEqual([{ name: "generateReport", input: { period } }]);
  });

  it("when the user types something that is not a period, then nothing is sent and the allowed forms are named", () => {
    const { ctx, calls, alerts } = fakeContext({ sheets: [sheet()], answers: ["下个月"] });
    generateReport(ctx);
    expect(calls).toEqual([]);
    expect(alerts).toEqual(["「下个月」不是有效的期间。请填写月份（如 2027-01）、季度（如 2027-Q1）或年份（如 2027）。"]);
  });

  it("when the user cancels the prompt, then nothing is sent or shown", () => {
    const { ctx, calls, alerts, dialogs } = fakeContext({ sheets: [sheet()], answers: [null] });
    generateReport(ctx);
    expect([calls, alerts, dialogs]).toEqual([[], [], []]);
  });

  it("when the backend refuses (no figures for the period), then its message is shown with its code", () => {
    const { ctx, alerts, dialogs } = fakeContext({
      sheets: [sheet()],
      answers: ["2027"],
      respond: () => refused(404, "NOT_FOUND", "2027 年没有运营数据", "No data for 2027"),
    });
    generateReport(ctx);
    expect(alerts).toEqual(["2027 年没有运营数据（NOT_FOUND）"]);
    expect(dialogs).toEqual([]);
  });
});

describe("发布报告 (publish report)", () => {
  it("when the user confirms, then the report is published and the user is told company management was notified", () => {
    const published = { ...report, status: "published", publishedAt: "2027-04-03T03:30:00.000Z" };
    const { ctx, confirmations, calls, alerts } = fakeContext({ sheets: [sheet()], answers: ["2027-Q1"], confirms: [true], respond: () => ok(published) });
    publishReport(ctx);
    expect(confirmations).toEqual(["确定发布 2027-Q1 数据分析报告吗？\n\n发布后，公司管理层会收到邮件通知，报告状态变为“已发布”。"]);
    expect(calls).toEqual([{ name: "publishReport", input: { period: "2027-Q1" } }]);
    expect(alerts).toEqual(["已于 2027-04-03 11:30 发布 2027-Q1 数据分析报告，公司管理层已收到邮件通知。"]);
  });

  it("when the user does not confirm, then nothing is published", () => {
    const { ctx, calls } = fakeContext({ sheets: [sheet()], answers: ["2027-Q1"], confirms: [false] });
    publishReport(ctx);
    expect(calls).toEqual([]);
  });

  it("when the report was never generated, then the backend's refusal is shown", () => {
    const { ctx, alerts } = fakeContext({
      lang: "en",
      sheets: [sheet()],
      answers: ["2027-Q1"],
      confirms: [true],
      respond: () => refused(404, "NOT_FOUND", "2027-Q1 的报告尚未生成", "The 2027-Q1 report has not been generated"),
    });
    publishReport(ctx);
    expect(alerts).toEqual(["The 2027-Q1 report has not been generated (NOT_FOUND)"]);
  });
});

describe("the 汇总 / 仪表板 sidebar's server side", () => {
  it("when the summary is read, then it is this month's view in the user's language: rates, age bands, the five longest overdue first", () => {
    const { ctx, calls } = fakeContext({ lang: "en", sheets: [sheet()], today: { year: 2026, month: 12 }, respond: () => ok(view()) });
    const summary = dashboardSidebarService(ctx).sidebarRollupSummary();
    expect(calls).toEqual([{ name: "rollupView", input: { period: "2026-12" } }]);
    expect(summary).toMatchObject({ period: "2026-12", scope: "计划运营部", asOf: "2026-12-02", computedAt: "2026-12-02 09:00", inScope: 3 });
    expect(summary.overdue.ages.map((a) => `${a.label}:${a.count}`)).toEqual(["1–7 days:4", "8–30 days:2", "31–90 days:1", "Over 90 days:0"]);
    expect(summary.overdue.oldest.map((t) => t.daysOverdue)).toEqual([45, 12, 9, 5, 3]);
    expect(summary.overdue.oldest.find((t) => t.itemId === "T-0")).toBeUndefined();
  });

  it("when the view is company-wide, then its scope is named in the user's language; a staff member's is their own name", () => {
    const company = view({ department: null, summary: { ...view().summary, key: "company", name: "全公司" } });
    const own = view({ department: null, summary: { ...view().summary, key: "liming@demo.planops.cn", name: "李明" } });
    const { ctx } = fakeContext({ lang: "en", sheets: [sheet()], respond: () => ok(company) });
    expect(dashboardSidebarService(ctx).sidebarRollupSummary().scope).toBe("Whole company");
    const staff = fakeContext({ lang: "en", sheets: [sheet()], respond: () => ok(own) });
    expect(dashboardSidebarService(staff.ctx).sidebarRollupSummary().scope).toBe("李明");
  });

  it("when no run has finished yet, then the summary says so rather than inventing a time", () => {
    const { ctx } = fakeContext({ sheets: [sheet()], respond: () => ok(view({ computedAt: null })) });
    expect(dashboardSidebarService(ctx).sidebarRollupSummary().computedAt).toBeNull();
  });

  it("when the dashboard is refused, then the error thrown to the page carries the message in the user's language and the code", () => {
    const { ctx } = fakeContext({ sheets: [sheet()], respond: () => refused(404, "NOT_FOUND", "还没有仪表板", "No dashboard yet") });
    expect(() => dashboardSidebarService(ctx).sidebarDashboard()).toThrow("还没有仪表板（NOT_FOUND）");
  });

  it("when the dashboard is read or refreshed, then the page gets its department, period, local refresh time and a safe link", () => {
    const { ctx } = fakeContext({ sheets: [sheet()], respond: (name) => ok(name === "dashboard" ? dashboard : { ...dashboard, url: "data:text/html,x" }) });
    const service = dashboardSidebarService(ctx);
    expect(service.sidebarDashboard()).toEqual({ department: "计划运营部", period: "2026-12", url: dashboard.url, refreshedAt: "2026-12-02 09:10" });
    expect(service.sidebarRefreshDashboard().url).toBeNull();
  });

  it("when 立即汇总 runs from the sidebar, then the page gets the same words as the menu's", () => {
    const { ctx } = fakeContext({ sheets: [sheet()], respond: () => ok(run("done", 1)) });
    expect(dashboardSidebarService(ctx).sidebarRunRollup()).toEqual({
      message: "汇总完成：自上次汇总以来有 1 条记录发生变化，已全部计入。完成时间 2026-12-02 09:00。",
    });
  });
});
