import { ANNUAL_PLAN, MONTHLY_PLAN, QUARTERLY_PLAN, ROSTER, TASK_STEPS, type TemplateDef } from "@planops/shared";
import { expect, it } from "vitest";
import { ADDON_NAME, colOf, openWithAddon } from "./support/addon-session.js";
import { useAddonAndStack } from "./support/use-addon-stack.js";

const env = useAddonAndStack();

const HR = { email: "sunli@demo.planops.cn", locale: "zh_CN" };
const PLANNER = { email: "liming@demo.planops.cn", locale: "zh_CN" };
const MANAGER = { email: "zhangwei@demo.planops.cn", locale: "zh_CN" };
const MANAGEMENT = { email: "liuyang@demo.planops.cn", locale: "zh_CN" };
const YANG = { email: "yangqiang@demo.planops.cn", locale: "zh_CN" };

/**
 * The whole cascade through the built add-on and the real backend, pinned to
 * mid-December 2026 (so next year is 2027, next quarter 2027-Q1, next month
 * 2027-01): HR submits the roster sheet → the planning group drafts the annual
 * plan, which the department manager may not approve and company management
 * does → the quarterly plan links to annual items and is approved → the monthly
 * plan links to quarterly items, is approved and issued → an owner breaks a task
 * into steps and a planner records a finished task → progress appears on the
 * quarterly and annual sheets, and the quarter's and year's completion rates.
 */
it("when a year is planned from the roster down to monthly tasks, then progress and completion rates roll up the cascade", async () => {
  let today = new Date("2026-12-15T10:00:00+08:00");
  const doc = openWithAddon({ ...env, email: HR.email, now: () => today });
  const { standIn } = doc;
  const lastAlert = () => standIn.ui.alerts.at(-1)?.prompt ?? "";
  const type = (sheet: string, template: TemplateDef, row: number, key: string, text: string) => standIn.typeInto(sheet, `${colOf(template, key)}${row}`, text);
  const cellOf = (sheet: string, template: TemplateDef, row: number, key: string) =>
    standIn.values(sheet)[row - 1]?.[template.columns.findIndex((c) => c.key === key)];
  const dropdown = (sheet: string, template: TemplateDef, key: string) =>
    (standIn.sheet(sheet).cell(2, template.columns.findIndex((c) => c.key === key) + 1)?.validation?.rule.values[0] ?? []) as string[];
  const sidebar = <T>(fn: string, ...args: unknown[]) => doc.callAsSidebar(fn, ...args) as T;
  const pendingIds = () => sidebar<{ planId: string }[]>("sidebarListPending").map((p) => p.planId);

  // 人员名册: HR opens the stored roster as a sheet, adds a newcomer and submits it.
  standIn.setUser(HR);
  doc.clickMenu(ADDON_NAME, "新建模板", "人员名册");
  const roster = "人员名册";
  const newRow = standIn.values(roster).length + 1;
  expect(
    standIn
      .values(roster)
      .slice(1)
      .map((r) => r[1]),
  ).toContain(PLANNER.email);
  type(roster, ROSTER, newRow, "name", "林晓");
  type(roster, ROSTER, newRow, "email", "linxiao@demo.planops.cn");
  type(roster, ROSTER, newRow, "department", "计划运营部");
  type(roster, ROSTER, newRow, "group", "运营组");
  type(roster, ROSTER, newRow, "roles", "员工");
  type(roster, ROSTER, newRow, "supervisor", "赵磊");
  doc.clickMenu(ADDON_NAME, "提交");
  expect(lastAlert()).toContain("名册已更新：新增 1 人");

  // 年度计划 2027, drafted by the planning group.
  standIn.setUser(PLANNER);
  doc.clickMenu(ADDON_NAME, "新建模板", "年度计划");
  const annual = "年度计划 2027";
  const annualRows = [
    { category: "公司目标", title: "运营数字化", indicator: "线上流程占比", target: "80%", owner: "李明", due: "2027-12-31", weight: "2" },
    { category: "资源需求", title: "数据分析平台", indicator: "上线", target: "1 套", owner: "周杰", due: "2027-06-30", weight: "1" },
  ];
  annualRows.forEach((r, i) => {
    for (const [key, value] of Object.entries(r)) type(annual, ANNUAL_PLAN, i + 2, key, value);
    type(annual, ANNUAL_PLAN, i + 2, "department", "计划运营部");
  });
  doc.clickMenu(ADDON_NAME, "提交");
  expect(lastAlert()).toContain("等待公司管理层审批");
  const annualIds = [2, 3].map((row) => String(cellOf(annual, ANNUAL_PLAN, row, "itemId")));
  expect(annualIds).toEqual(["2027-计划运营部-001", "2027-计划运营部-002"]);
  const annualPlanId = "annual_2027_计划运营部";

  // The department manager does not see it and is refused; company management approves it.
  standIn.setUser(MANAGER);
  expect(pendingIds()).not.toContain(annualPlanId);
  expect(() => sidebar("sidebarDecide", { planId: annualPlanId, revision: 1, decision: "approve", comment: "" })).toThrow(/公司管理层审批.*NOT_APPROVER/);
  standIn.setUser(MANAGEMENT);
  expect(pendingIds()).toEqual([annualPlanId]);
  expect(sidebar("sidebarDecide", { planId: annualPlanId, revision: 1, decision: "approve", comment: "同意" })).toMatchObject({ status: "approved" });

  // 季度计划 2027-Q1: each task chosen under an approved annual item from the dropdown.
  standIn.setUser(PLANNER);
  doc.clickMenu(ADDON_NAME, "新建模板", "季度计划");
  const quarterly = "季度计划 2027-Q1";
  const annualChoices = dropdown(quarterly, QUARTERLY_PLAN, "annualItem");
  expect(annualChoices).toEqual(["2027-计划运营部-001 运营数字化", "2027-计划运营部-002 数据分析平台"]);
  const quarterlyRows = [
    { annualItem: annualChoices[0]!, focus: "流程线上化", title: "梳理并上线审批流程", owner: "李明", due: "2027-03-31", weight: "1" },
    { annualItem: annualChoices[0]!, focus: "数据治理", title: "统一运营指标口径", owner: "陈静", due: "2027-03-15", weight: "3" },
  ];
  quarterlyRows.forEach((r, i) => {
    for (const [key, value] of Object.entries(r)) type(quarterly, QUARTERLY_PLAN, i + 2, key, value);
    type(quarterly, QUARTERLY_PLAN, i + 2, "department", "计划运营部");
  });
  doc.clickMenu(ADDON_NAME, "提交");
  expect(lastAlert()).toContain("等待部门经理审批");
  const quarterlyIds = [2, 3].map((row) => String(cellOf(quarterly, QUARTERLY_PLAN, row, "itemId")));
  const quarterlyPlanId = "quarterly_2027-Q1_计划运营部";
  standIn.setUser(MANAGEMENT);
  expect(pendingIds()).not.toContain(quarterlyPlanId);
  standIn.setUser(MANAGER);
  expect(pendingIds()).toEqual([quarterlyPlanId]);
  sidebar("sidebarDecide", { planId: quarterlyPlanId, revision: 1, decision: "approve", comment: "" });

  // 月度计划 2027-01 under the quarterly items; approved and issued.
  standIn.setUser(PLANNER);
  doc.clickMenu(ADDON_NAME, "新建模板", "月度计划");
  const monthly = "月度计划 2027-01";
  const quarterlyChoices = dropdown(monthly, MONTHLY_PLAN, "quarterlyItem");
  expect(quarterlyChoices.map((c) => c.split(" ")[0])).toEqual(quarterlyIds);
  const tasks = [
    { content: "整理审批流程清单", quarterlyItem: quarterlyChoices[0]!, owner: "李明", due: "2027-01-10", weight: "1" },
    { content: "上线请假审批流程", quarterlyItem: quarterlyChoices[0]!, owner: "杨强", due: "2027-01-20", weight: "1" },
    { content: "编写指标口径说明", quarterlyItem: quarterlyChoices[1]!, owner: "陈静", due: "2027-01-25", weight: "2" },
  ];
  tasks.forEach((t, i) => {
    for (const [key, value] of Object.entries(t)) type(monthly, MONTHLY_PLAN, i + 2, key, value);
    type(monthly, MONTHLY_PLAN, i + 2, "department", "计划运营部");
  });
  doc.clickMenu(ADDON_NAME, "提交");
  expect(lastAlert()).toContain("已提交第 1 版（3 项）");
  const taskIds = [2, 3, 4].map((row) => String(cellOf(monthly, MONTHLY_PLAN, row, "taskId")));
  const monthlyPlanId = "monthly_2027-01_计划运营部";
  standIn.setUser(MANAGER);
  sidebar("sidebarDecide", { planId: monthlyPlanId, revision: 1, decision: "approve", comment: "" });
  standIn.setUser(PLANNER);
  doc.clickMenu(ADDON_NAME, "下发计划");
  expect(lastAlert()).toContain("已下发，已通知 3 位责任人");

  // January: 杨强 breaks his task into two steps, one done; his % complete follows them.
  today = new Date("2027-01-12T10:00:00+08:00");
  await env.stack.setNow(today);
  standIn.setUser(YANG);
  doc.clickMenu(ADDON_NAME, "新建模板", "实施步骤");
  const steps = "实施步骤 2027-01";
  const mine = dropdown(steps, TASK_STEPS, "task");
  expect(mine).toEqual([`${taskIds[1]} 上线请假审批流程`]);
  type(steps, TASK_STEPS, 2, "task", mine[0]!);
  type(steps, TASK_STEPS, 2, "step", "配置表单");
  type(steps, TASK_STEPS, 2, "planned", "2027-01-08");
  type(steps, TASK_STEPS, 2, "done", "TRUE");
  type(steps, TASK_STEPS, 3, "task", mine[0]!);
  type(steps, TASK_STEPS, 3, "step", "试运行");
  type(steps, TASK_STEPS, 3, "planned", "2027-01-18");
  doc.clickMenu(ADDON_NAME, "提交");
  expect(lastAlert()).toContain("已保存 1 项任务的实施步骤");

  // The planner records the first task as done on time.
  standIn.setUser(PLANNER);
  standIn.doc.active.sheet = standIn.sheet(monthly);
  type(monthly, MONTHLY_PLAN, 2, "status", "已完成");
  type(monthly, MONTHLY_PLAN, 2, "actualFinish", "2027-01-08");
  doc.clickMenu(ADDON_NAME, "更新进度");
  expect(lastAlert()).toContain("已更新 1 项任务");

  // 刷新进度 on the quarterly sheet: Q1 item 1 = (100 + 50) / 2; item 2 = its one task, 0.
  standIn.doc.active.sheet = standIn.sheet(quarterly);
  doc.clickMenu(ADDON_NAME, "刷新进度");
  expect(lastAlert()).toContain("已刷新 2 行的进度");
  expect([2, 3].map((row) => cellOf(quarterly, QUARTERLY_PLAN, row, "progress"))).toEqual([0.75, 0]);
  expect(standIn.displayValues(quarterly)[1]?.[QUARTERLY_PLAN.columns.findIndex((c) => c.key === "progress")]).toBe("75%");

  // …and on the annual sheet: item 1 = (1 × 75 + 3 × 0) / 4; item 2 has nothing under it yet.
  standIn.doc.active.sheet = standIn.sheet(annual);
  doc.clickMenu(ADDON_NAME, "刷新进度");
  expect([2, 3].map((row) => cellOf(annual, ANNUAL_PLAN, row, "progress"))).toEqual([0.1875, ""]);

  // 完成率 of the quarter, from the quarterly sheet: 1 of 3 tasks done, on time; rows per plan item too.
  standIn.doc.active.sheet = standIn.sheet(quarterly);
  doc.clickMenu(ADDON_NAME, "完成率");
  const quarterReport = standIn.displayValues(standIn.doc.active.sheet.name);
  expect(quarterReport[0]?.[0]).toContain("2027-Q1");
  const department = quarterReport.find((r) => r[0] === "计划运营部" && r[1] !== "");
  expect(department?.slice(1, 7)).toEqual(["3", "1", "1", "0", "33.3%", "33.3%"]);
  expect(quarterReport.some((r) => String(r[0]).includes("梳理并上线审批流程"))).toBe(true);

  // …and of the year, from the annual sheet: the same tasks, and the annual item above them.
  standIn.doc.active.sheet = standIn.sheet(annual);
  doc.clickMenu(ADDON_NAME, "完成率");
  const yearReport = standIn.displayValues(standIn.doc.active.sheet.name);
  expect(yearReport[0]?.[0]).toContain("2027");
  expect(yearReport.find((r) => r[0] === "计划运营部" && r[1] !== "")?.slice(1, 3)).toEqual(["3", "1"]);
  expect(yearReport.some((r) => String(r[0]).includes("运营数字化"))).toBe(true);
});
