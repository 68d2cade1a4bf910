import { headerRow, MONTHLY_PLAN } from "@planops/shared";
import { OWNER } from "./addon-session.js";
import type { RemoteStack } from "./remote-stack.js";
import { decideDirectly, submitSheet } from "./submit-directly.js";

export const MANAGER = "zhangwei@demo.planops.cn";
/** 运营组 staff: owns tasks, may neither run the roll-up nor refresh the dashboard. */
export const STAFF = "yangqiang@demo.planops.cn";
const HUANG = "huangmin@demo.planops.cn";

/** The month the scenario's figures are for, and the day they are read on (10:00 in Shanghai). */
export const MONTH = "2027-03";
export const TODAY = new Date("2027-03-25T02:00:00Z");
/** When the plan was drafted and approved: the month before. */
const DRAFTED = new Date("2027-02-20T02:00:00Z");

/**
 * March 2027 of 计划运营部, read on 03-25: five tasks of an approved, issued
 * monthly plan. 核对库存周转数据 was done on time (03-05, due 03-06); three are
 * overdue by 23, 15 and 5 days; one is not due yet. So 1 of 5 on time (20.0 %),
 * 3 overdue: two of 8–30 days, one of 1–7.
 */
export async function seedMarch(stack: RemoteStack): Promise<{ planId: string }> {
  await stack.setNow(DRAFTED);
  const task = (content: string, owner: string, due: string) => ({ 任务内容: content, 责任部门: "计划运营部", 责任人: owner, 完成时间: `${MONTH}-${due}` });
  const plan = await submitSheet(stack, OWNER, MONTHLY_PLAN, MONTH, [
    task("整理二月运营数据", "黄敏", "02"),
    task("供应商满意度回访", "杨强", "10"),
    task("更新采购流程控制点清单", "陈静", "20"),
    task("编制三月运营分析报告", "周杰", "28"),
    task("核对库存周转数据", "黄敏", "06"),
  ]);
  await decideDirectly(stack, MANAGER, { planId: plan.documentId, revision: plan.revision, decision: "approve" });
  await post(stack, OWNER, "issuePlan", { planId: plan.documentId });
  await stack.setNow(TODAY);
  const done = plan.rows[4]?.itemId;
  if (!done) throw new Error("the plan's fifth task has no ID");
  const headers = headerRow(MONTHLY_PLAN, "zh");
  const cells: Record<string, string> = { 任务编号: done, 任务内容: "核对库存周转数据", 状态: "已完成", 完成百分比: "100", 实际完成时间: `${MONTH}-05` };
  await post(stack, HUANG, "updateProgress", { planId: plan.documentId, headers, rows: [{ row: 6, cells: headers.map((h) => cells[h] ?? null) }] });
  return { planId: plan.documentId };
}

async function post(stack: RemoteStack, email: string, endpoint: string, body: unknown): Promise<unknown> {
  const response = await fetch(`${stack.baseUrl}/${endpoint}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${stack.token(email)}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const json: unknown = await response.json();
  if (!response.ok) throw new Error(`${endpoint} failed: ${response.status} ${JSON.stringify(json)}`);
  return json;
}
