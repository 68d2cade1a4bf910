import type { LoadedBundle } from "@planops/gas-standin";
import { beforeAll, expect, it } from "vitest";
import { ADDON_NAME, OWNER, openWithAddon } from "./support/addon-session.js";
import { MANAGER, MONTH, seedMarch, STAFF, TODAY } from "./support/dashboard-scenario.js";
import { useAddonAndStack } from "./support/use-addon-stack.js";

const env = useAddonAndStack();

/** 数据分析组: makes and publishes the data-analysis reports. */
const ANALYST = "zhoujie@demo.planops.cn";
const MANAGEMENT = "liuyang@demo.planops.cn";

beforeAll(async () => {
  await seedMarch(env.stack);
});

const open = (email: string) => openWithAddon({ ...env, email, now: () => TODAY });
const lastAlert = (doc: LoadedBundle) => doc.standIn.ui.alerts.at(-1);
const lastDialog = (doc: LoadedBundle) => doc.standIn.ui.dialogs.at(-1);
/** The href of the dialog's link, as the page would open it. */
const linkOf = (html: string) => /data-testid="dialog-link" href="([^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, "&");

/** The report's 结论与建议 sheet (functions/src/reports/layout.ts): conclusions in A2. */
const CONCLUSIONS = "'结论与建议 Conclusions'!A2";

/**
 * The analyst types into the report spreadsheet itself (Google Sheets' own UI; here
 * the local Sheets stand-in's REST API, whose address the report's link names).
 */
async function cellOfReport(reportUrl: string, range: string, write?: string): Promise<unknown> {
  const at = reportUrl.indexOf("view/");
  const id = reportUrl.slice(at + "view/".length);
  const address = `${reportUrl.slice(0, at)}v4/spreadsheets/${id}/values/${encodeURIComponent(range)}`;
  // The analyst's own Google sign-in; the stand-in takes any bearer token.
  const headers = { Authorization: "Bearer analyst", "Content-Type": "application/json" };
  const response =
    write === undefined
      ? await fetch(address, { headers })
      : await fetch(`${address}?valueInputOption=RAW`, { method: "PUT", headers, body: JSON.stringify({ values: [[write]] }) });
  const json = (await response.json()) as { values?: unknown[][] };
  if (!response.ok) throw new Error(`Sheets stand-in ${response.status}: ${JSON.stringify(json)}`);
  return json.values?.[0]?.[0];
}

/**
 * March 2027 through the built add-on and the real backend: 立即汇总 says what
 * it did; staff are refused in plain words; 打开仪表板 finds none, offers to write
 * it, and then shows it with a link that opens; 生成报告 asks for the period and
 * links the report; 发布报告 asks first and company management is mailed.
 */
it("when the planner runs the roll-up, the manager opens the dashboard and the analyst generates and publishes the report, then each step says what happened and links what it made", async () => {
  // 仪表板 › 立即汇总
  const planner = open(OWNER);
  planner.clickMenu(ADDON_NAME, "仪表板", "立即汇总");
  expect(planner.requests.filter((r) => r.url.endsWith("/runRollup"))).toHaveLength(1);
  expect(lastAlert(planner)?.prompt).toMatch(/^汇总完成：自上次汇总以来有 [1-9]\d* 条记录发生变化，已全部计入。完成时间 2027-03-25 \d\d:\d\d。$/);

  // Staff may not run it: the backend's reason in Chinese, with its code.
  const staff = open(STAFF);
  staff.clickMenu(ADDON_NAME, "仪表板", "立即汇总");
  expect(lastAlert(staff)?.prompt).toMatch(/^[^A-Za-z]+（FORBIDDEN）$/);

  // 仪表板 › 打开仪表板: none yet → the manager agrees to write it → the dialog shows it.
  const manager = open(MANAGER);
  manager.standIn.answerNextAlerts("YES");
  manager.clickMenu(ADDON_NAME, "仪表板", "打开仪表板");
  expect(lastAlert(manager)).toMatchObject({ prompt: "还没有仪表板。是否现在生成（刷新仪表板）？", buttons: "YES_NO", answer: "YES" });
  const written = lastDialog(manager);
  expect(written?.kind).toBe("modal");
  expect(written?.html).toContain("<h1>仪表板已刷新</h1>");
  expect(written?.html).toContain("<dt>部门</dt><dd>计划运营部</dd>");
  expect(written?.html).toContain("<dt>数据截至</dt><dd>2027-03-25</dd>");
  expect(written?.html).toMatch(/<dt>最近刷新<\/dt><dd>2027-03-25 \d\d:\d\d<\/dd>/);
  const dashboardUrl = linkOf(written?.html ?? "");
  expect(dashboardUrl).toMatch(/^https?:\/\//);
  expect((await fetch(dashboardUrl ?? "")).status).toBe(200);

  // Opened again, it is there: no question, the same link.
  const alertsBefore = manager.standIn.ui.alerts.length;
  manager.clickMenu(ADDON_NAME, "仪表板", "打开仪表板");
  expect(manager.standIn.ui.alerts).toHaveLength(alertsBefore);
  expect(lastDialog(manager)?.html).toContain("<h1>仪表板</h1>");
  expect(linkOf(lastDialog(manager)?.html ?? "")).toBe(dashboardUrl);

  // 数据分析报告 › 生成报告: the period asked for, this month by default.
  const analyst = open(ANALYST);
  analyst.standIn.answerNextPrompts({ text: "" });
  analyst.clickMenu(ADDON_NAME, "数据分析报告", "生成报告");
  expect(analyst.standIn.ui.prompts.at(-1)?.prompt).toContain(`留空即为本月（${MONTH}）`);
  expect(analyst.requests.filter((r) => r.url.endsWith("/generateReport")).map((r) => r.payload)).toEqual([JSON.stringify({ period: MONTH })]);
  const report = lastDialog(analyst);
  expect(report?.html).toContain(`<h1>已生成 ${MONTH} 数据分析报告</h1>`);
  expect(report?.html).toContain("<dt>状态</dt><dd>草稿</dd>");
  expect(report?.html).toContain("<dt>生成人</dt><dd>周杰</dd>");
  expect(report?.html).toContain("结论和建议会保留");
  const reportUrl = linkOf(report?.html ?? "");
  expect(reportUrl).toMatch(/^https?:\/\//);
  expect((await fetch(reportUrl ?? "")).status).toBe(200);

  // A period that is none: nothing is sent, the allowed forms are named.
  analyst.standIn.answerNextPrompts({ text: "下个月" });
  analyst.clickMenu(ADDON_NAME, "数据分析报告", "生成报告");
  expect(analyst.requests.filter((r) => r.url.endsWith("/generateReport"))).toHaveLength(1);
  expect(lastAlert(analyst)?.prompt).toBe("「下个月」不是有效的期间。请填写月份（如 2027-01）、季度（如 2027-Q1）或年份（如 2027）。");

  // 数据分析报告 › 发布报告: declined (nothing sent); confirmed without conclusions (refused, in plain words).
  analyst.standIn.answerNextPrompts({ text: MONTH }, { text: "2027年3月" });
  analyst.standIn.answerNextAlerts("NO", "YES");
  analyst.clickMenu(ADDON_NAME, "数据分析报告", "发布报告");
  expect(analyst.requests.filter((r) => r.url.endsWith("/publishReport"))).toHaveLength(0);
  analyst.clickMenu(ADDON_NAME, "数据分析报告", "发布报告");
  expect(analyst.requests.filter((r) => r.url.endsWith("/publishReport")).map((r) => r.payload)).toEqual([JSON.stringify({ period: MONTH })]);
  expect(lastAlert(analyst)?.prompt).toMatch(/^报告尚无结论，不能发布：.*（VALIDATION_FAILED）$/);

  // The analyst writes the conclusions; generating again keeps them.
  const conclusions = "逾期集中在运营组，建议每周跟进供应商回访。";
  await cellOfReport(reportUrl ?? "", CONCLUSIONS, conclusions);
  analyst.standIn.answerNextPrompts({ text: MONTH });
  analyst.clickMenu(ADDON_NAME, "数据分析报告", "生成报告");
  expect(linkOf(lastDialog(analyst)?.html ?? "")).toBe(reportUrl);
  expect(await cellOfReport(reportUrl ?? "", CONCLUSIONS)).toBe(conclusions);

  // Published now; company management is mailed.
  analyst.standIn.answerNextPrompts({ text: MONTH });
  analyst.standIn.answerNextAlerts("YES");
  analyst.clickMenu(ADDON_NAME, "数据分析报告", "发布报告");
  const alerts = analyst.standIn.ui.alerts.map((a) => a.prompt);
  expect(alerts.at(-2)).toContain(`确定发布 ${MONTH} 数据分析报告吗？`);
  expect(alerts.at(-1)).toMatch(new RegExp(`^已于 2027-03-25 \\d\\d:\\d\\d 发布 ${MONTH} 数据分析报告，公司管理层已收到邮件通知。$`));
  const mails = (await env.stack.mail()).filter((m) => m.subject.startsWith(`数据分析报告已发布：${MONTH}`));
  expect(mails.flatMap((m) => m.to)).toContain(MANAGEMENT);
});
