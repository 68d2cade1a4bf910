import { MONTHLY_PLAN, PLAN_ADJUSTMENT, type TemplateDef } from "@planops/shared";
import { expect, it } from "vitest";
import { ADDON_NAME, colOf, openWithAddon } from "./support/addon-session.js";
import { useAddonAndStack } from "./support/use-addon-stack.js";

const env = useAddonAndStack();

const PLANNER = { email: "liming@demo.planops.cn", locale: "zh_CN" };
const MANAGER = { email: "zhangwei@demo.planops.cn", locale: "zh_CN" };
const YANG = { email: "yangqiang@demo.planops.cn", locale: "zh_CN" };

/**
 * 计划调整 through the built add-on and the real backend: a January plan is
 * issued; mid-January its owner asks to move a task (调整申请) and the planner
 * asks to cancel another; the planning group writes its opinions (提交审核意见);
 * the manager approves the first in the approvals sidebar and rejects the second
 * → the plan's revision 2 moves only that task (same IDs), its owner is told what
 * changed, the sheet is synced to the new version, progress continues on it, and
 * the two versions' diff and the adjustment record show what changed, who
 * approved and why; the rejected request left the plan as it was.
 */
it("when an owner's adjustment request is reviewed and approved, then the plan is re-issued as a new version and tracking continues; a rejected one changes nothing", async () => {
  let today = new Date("2026-12-15T10:00:00+08:00");
  await env.stack.setNow(today);
  const doc = openWithAddon({ ...env, email: PLANNER.email, now: () => today });
  const { standIn } = doc;
  const lastAlert = () => standIn.ui.alerts.at(-1)?.prompt ?? "";
  const type = (sheet: string, template: TemplateDef, row: number, key: string, text: string) => standIn.typeInto(sheet, `${colOf(template, key)}${row}`, text);
  const cellOf = (sheet: string, template: TemplateDef, row: number, key: string) =>
    standIn.values(sheet)[row - 1]?.[template.columns.findIndex((c) => c.key === key)];
  const sidebar = <T>(fn: string, ...args: unknown[]) => doc.callAsSidebar(fn, ...args) as T;

  // December: the planning group drafts January; the manager approves; it is issued.
  standIn.setUser(PLANNER);
  doc.clickMenu(ADDON_NAME, "新建模板", "月度计划");
  const monthly = "月度计划 2027-01";
  const tasks = [
    { content: "整理审批流程清单", owner: "李明", due: "2027-01-10" },
    { content: "上线请假审批流程", owner: "杨强", due: "2027-01-20" },
    { content: "编写指标口径说明", owner: "陈静", due: "2027-01-25" },
  ];
  tasks.forEach((t, i) => {
    for (const [key, value] of Object.entries(t)) type(monthly, MONTHLY_PLAN, i + 2, key, value);
    type(monthly, MONTHLY_PLAN, i + 2, "department", "计划运营部");
  });
  doc.clickMenu(ADDON_NAME, "提交");
  expect(lastAlert()).toContain("已提交第 1 版（3 项）");
  const taskIds = [2, 3, 4].map((row) => String(cellOf(monthly, MONTHLY_PLAN, row, "taskId")));
  const planId = "monthly_2027-01_计划运营部";
  standIn.setUser(MANAGER);
  sidebar("sidebarDecide", { planId, revision: 1, decision: "approve", comment: "" });
  standIn.setUser(PLANNER);
  doc.clickMenu(ADDON_NAME, "下发计划");
  expect(lastAlert()).toContain("已下发，已通知 3 位责任人");

  // Mid-January: 杨强 asks to move his task (调整申请 of the current month).
  today = new Date("2027-01-12T10:00:00+08:00");
  await env.stack.setNow(today);
  standIn.setUser(YANG);
  doc.clickMenu(ADDON_NAME, "新建模板", "调整申请");
  const requests = "调整申请 2027-01";
  const fill = (row: number, r: Record<string, string>) => {
    for (const [key, value] of Object.entries(r)) type(requests, PLAN_ADJUSTMENT, row, key, value);
  };
  // Someone else's task is refused, cell by cell.
  fill(2, {
    type: "延期",
    item: taskIds[2]!,
    content: "完成时间 → 2027-01-28",
    reason: "接口供应商延期",
    impact: "顺延一周，不影响季度目标",
    solution: "先上线内部部分",
  });
  doc.clickMenu(ADDON_NAME, "提交");
  expect(lastAlert()).toMatch(/不是你负责的任务/);
  type(requests, PLAN_ADJUSTMENT, 2, "item", taskIds[1]!);
  doc.clickMenu(ADDON_NAME, "提交");
  expect(lastAlert()).toContain("已提交 1 项调整申请，等待计划组审核");
  const adjustmentId = String(cellOf(requests, PLAN_ADJUSTMENT, 2, "adjustmentId"));
  expect(adjustmentId).toBe("ADJ-2027-01-001");
  expect(cellOf(requests, PLAN_ADJUSTMENT, 2, "status")).toBe("待审核");

  // The planner asks to cancel 陈静's task on the same sheet.
  standIn.setUser(PLANNER);
  standIn.doc.active.sheet = standIn.sheet(requests);
  fill(3, { type: "取消", item: taskIds[2]!, reason: "需求方撤回", impact: "无", solution: "不再执行" });
  doc.clickMenu(ADDON_NAME, "提交");
  expect(lastAlert()).toContain("已提交 1 项调整申请");
  const rejectedId = String(cellOf(requests, PLAN_ADJUSTMENT, 3, "adjustmentId"));

  // 审核意见 by the planning group (陈静, who did not file the cancellation).
  standIn.setUser({ email: "chenjing@demo.planops.cn", locale: "zh_CN" });
  type(requests, PLAN_ADJUSTMENT, 2, "opinion", "理由充分，建议同意");
  type(requests, PLAN_ADJUSTMENT, 3, "opinion", "请经理定夺");
  doc.clickMenu(ADDON_NAME, "提交审核意见");
  expect(lastAlert()).toContain("已提交 2 项审核意见");
  expect([2, 3].map((row) => cellOf(requests, PLAN_ADJUSTMENT, row, "status"))).toEqual(["待审批", "待审批"]);

  // The manager decides in the approvals sidebar: approves the move, rejects the cancellation.
  standIn.setUser(MANAGER);
  const pending = sidebar<{ planId: string; adjustmentId?: string; title: { zh: string } }[]>("sidebarListPending");
  expect(pending.map((p) => p.adjustmentId)).toEqual([adjustmentId, rejectedId]);
  expect(pending[0]?.title.zh).toContain("延期");
  const mailsBefore = (await env.stack.mail()).length;
  const approved = sidebar<{ message: string }>("sidebarDecide", { planId, revision: 1, decision: "approve", comment: "同意顺延", adjustmentId });
  expect(approved.message).toContain("计划已更新为第 2 版并重新下达");
  sidebar("sidebarDecide", { planId, revision: 2, decision: "return", comment: "该任务仍需完成", adjustmentId: rejectedId });

  // The owner is told what changed for him.
  let mails = (await env.stack.mail()).slice(mailsBefore);
  for (let i = 0; i < 50 && !mails.some((m) => m.subject.includes("计划调整")); i++) {
    await new Promise((r) => setTimeout(r, 100));
    mails = (await env.stack.mail()).slice(mailsBefore);
  }
  const toYang = mails.find((m) => m.to.includes(YANG.email) && m.subject.includes("计划调整"));
  expect(toYang?.text).toContain(`${taskIds[1]} 上线请假审批流程：完成时间 2027-01-20 → 2027-01-28`);
  expect(toYang?.text).toContain("接口供应商延期");
  expect(mails.some((m) => m.to.includes("chenjing@demo.planops.cn") && m.subject.includes("计划调整"))).toBe(false);

  // Refreshing the request sheet shows both outcomes.
  standIn.setUser(YANG);
  doc.clickMenu(ADDON_NAME, "提交");
  expect([2, 3].map((row) => cellOf(requests, PLAN_ADJUSTMENT, row, "status"))).toEqual(["已批准并生效", "已驳回"]);

  // The planner syncs the plan sheet to revision 2: same IDs, the new due date; the rejected cancellation changed nothing.
  standIn.setUser(PLANNER);
  standIn.doc.active.sheet = standIn.sheet(monthly);
  doc.clickMenu(ADDON_NAME, "同步最新版本");
  expect(lastAlert()).toContain("已同步为第 2 版：更新 1 行，新增 0 行");
  expect([2, 3, 4].map((row) => String(cellOf(monthly, MONTHLY_PLAN, row, "taskId")))).toEqual(taskIds);
  expect(standIn.displayValues(monthly)[2]?.[MONTHLY_PLAN.columns.findIndex((c) => c.key === "due")]).toBe("2027-01-28");
  expect(cellOf(monthly, MONTHLY_PLAN, 4, "status")).toBe("未开始");

  // Tracking continues on the new version: 杨强 updates his moved task on the same row.
  standIn.setUser(YANG);
  type(monthly, MONTHLY_PLAN, 3, "status", "进行中");
  type(monthly, MONTHLY_PLAN, 3, "percent", "40%");
  doc.clickMenu(ADDON_NAME, "更新进度");
  expect(lastAlert()).toContain("已更新 1 项任务");

  // Every version stays readable, with its diff, who approved and why.
  standIn.setUser(MANAGER);
  const v2 = sidebar<{ revision: number; changes: unknown[]; history: { revision: number; by: { name: string }; comment: string }[] }>(
    "sidebarGetPlan",
    planId,
  );
  expect(v2.revision).toBe(2);
  expect(v2.changes).toEqual([
    { itemId: taskIds[1], kind: "changed", title: "上线请假审批流程", fields: [{ key: "due", from: "2027-01-20", to: "2027-01-28" }] },
  ]);
  expect(v2.history.at(-1)).toMatchObject({ revision: 2, by: { name: "张伟" }, comment: "同意顺延" });
  const call = (name: string, input: Record<string, string>) => {
    const url = `${env.stack.baseUrl}/${name}?${new URLSearchParams(input)}`;
    return fetch(url, { headers: { authorization: `Bearer ${env.stack.token(MANAGER.email)}` } }).then((r) => r.json());
  };
  const v1 = (await call("getPlan", { planId, revision: "1" })) as { items: { itemId: string; due: string; status: string }[] };
  expect(v1.items.find((t) => t.itemId === taskIds[1])?.due).toBe("2027-01-20");
  const record = (await call("planAdjustments", { planId })) as { adjustments: Record<string, unknown>[] };
  expect(record.adjustments).toEqual([
    expect.objectContaining({
      adjustmentId,
      status: "applied",
      appliedRevision: 2,
      reason: "接口供应商延期",
      changes: [{ key: "due", header: { zh: "完成时间", en: "Due date" }, from: "2027-01-20", to: "2027-01-28" }],
      review: expect.objectContaining({ opinion: "理由充分，建议同意" }),
      decision: expect.objectContaining({ by: { email: MANAGER.email, name: "张伟" }, comment: "同意顺延" }),
    }),
    expect.objectContaining({ adjustmentId: rejectedId, status: "rejected", appliedRevision: null }),
  ]);
  const live = (await call("getPlan", { planId })) as { revision: number; items: { itemId: string; status: string }[] };
  expect(live.revision).toBe(2);
  expect(live.items.find((t) => t.itemId === taskIds[2])?.status).toBe("not_started");
});
