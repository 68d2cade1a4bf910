import { createHash } from "node:crypto";
import { planAwaitsApproval } from "../notifications/messages.js";
import { enqueue } from "../notifications/outbox.js";
import type { Call, Outcome } from "../platform/context.js";
import { AppError, type CellError } from "../platform/errors.js";
import { approversOf, loadRoster, overseesDepartment } from "../roster/roster.js";
import { cellError, columnPosition } from "../sheets/table.js";
import { MONTHLY_PLAN } from "@planops/shared";
import { assignTaskIds } from "./assign-task-ids.js";
import { type DraftTask, readMonthlyPlan } from "./read-monthly-plan.js";
import type { SubmitPlanRequest, SubmitPlanResponse } from "@planops/shared/api";
import { monthlyPlanId, type PlanDoc, planRef, readPlanInTx, type TaskDoc, TASKS, sheetUrl } from "./store.js";

/** The plan's content, independent of row order and of progress columns: equal hashes mean nothing to approve. */
function contentHash(tasks: readonly DraftTask[]): string {
  const canonical = tasks
    .map((t) => [t.content, t.quarterlyItem, t.department, t.owner.email, t.priority, t.start, t.due, t.deliverable, t.weight])
    .map((fields) => JSON.stringify(fields))
    .sort();
  return createHash("sha256").update(canonical.join("\n")).digest("hex");
}

const validationFailed = (cells: CellError[]) =>
  new AppError("VALIDATION_FAILED", { zh: `有 ${cells.length} 处错误，已在表格中标出；整份计划未保存`, en: `${cells.length} problem(s), marked in the sheet; nothing was saved` }, cells);

/**
 * Submits a monthly plan: the whole table is accepted or nothing is written.
 * Identical content is a no-op; changed content before approval is a new revision;
 * after approval, changes must go through a plan adjustment.
 */
export async function submitPlan({ deps, caller }: Call, req: SubmitPlanRequest): Promise<Outcome<SubmitPlanResponse>> {
  const department = caller.department;
  if (!overseesDepartment(caller, department)) {
    throw new AppError("FORBIDDEN", { zh: "只有计划组成员或部门经理、副经理可以提交月度计划", en: "Only the planning group, the department manager or a deputy may submit a monthly plan" });
  }
  if (req.template.version !== MONTHLY_PLAN.version) {
    throw new AppError("BAD_REQUEST", { zh: `模板版本 ${req.template.version} 已过期，请用“新建模板”重新生成表格`, en: `Template version ${req.template.version} is outdated; create the sheet again with “New template”` });
  }
  const roster = await loadRoster(deps.db);
  const { tasks: drafts, errors, map } = readMonthlyPlan(req, roster);
  if (errors.length > 0) throw validationFailed(errors);
  if (drafts.length === 0) {
    throw new AppError("VALIDATION_FAILED", { zh: "表格中没有任务，请至少填写一行", en: "The sheet has no tasks; fill in at least one row" }, []);
  }

  const planId = monthlyPlanId(req.period, department);
  const hash = contentHash(drafts);
  const now = deps.now();
  const at = now.toISOString();

  return deps.db.runTransaction(async (tx) => {
    const { plan, tasks: existing } = await readPlanInTx(tx, deps.db, planId);
    const assigned = assignTaskIds(
      drafts,
      existing.map((e) => ({ id: e.id, content: e.data.content, owner: e.data.owner, due: e.data.due })),
      plan?.nextSeq ?? 1,
      `${req.period}-${department}`,
    );
    if (assigned.unknownIdRows.length > 0) {
      const { column, header } = columnPosition(map, "taskId");
      throw validationFailed(
        assigned.unknownIdRows.map((d) =>
          cellError(d.row, column, header, "UNKNOWN_TASK_ID", {
            zh: `任务编号 ${d.taskId} 不属于本计划；新任务请清空编号`,
            en: `task ID ${d.taskId} is not in this plan; clear the ID of a new task`,
          }),
        ),
      );
    }
    const statusOf = new Map(existing.map((e) => [e.id, e.data.status]));
    const rows = drafts.map((d) => {
      const taskId = assigned.ids.get(d.row) ?? "";
      return { row: d.row, taskId, status: statusOf.get(taskId) ?? "not_started" };
    });

    if (plan && plan.contentHash === hash) {
      const message = plan.status === "returned"
        ? { zh: "内容与被退回的版本相同，未重新提交；请按审批意见修改后再提交", en: "Same content as the returned revision; nothing was resubmitted. Revise it as the approver asked, then submit" }
        : { zh: "内容未变化，无需重新提交", en: "Nothing changed; nothing was resubmitted" };
      return { body: { planId, revision: plan.revision, status: plan.status, unchanged: true, tasks: rows, message } };
    }
    if (plan && (plan.status === "approved" || plan.status === "issued")) {
      throw new AppError("PLAN_LOCKED", {
        zh: "该计划已批准，不能直接修改；请提交计划调整申请",
        en: "This plan is already approved and cannot be changed directly; file a plan adjustment request",
      });
    }

    const revision = (plan?.revision ?? 0) + 1;
    const existingById = new Map(existing.map((e) => [e.id, e.data]));
    for (const d of drafts) {
      const taskId = assigned.ids.get(d.row) ?? "";
      const before = existingById.get(taskId);
      const doc: TaskDoc = {
        planId,
        period: req.period,
        planDepartment: department,
        planStatus: "pending_approval",
        department: d.department,
        owner: { email: d.owner.email, name: d.owner.name },
        content: d.content,
        quarterlyItem: d.quarterlyItem,
        priority: d.priority,
        start: d.start,
        due: d.due,
        deliverable: d.deliverable,
        weight: d.weight,
        status: before?.status ?? "not_started",
        percent: before?.percent ?? 0,
        actualFinish: before?.actualFinish ?? null,
        feedback: before?.feedback ?? "",
        updatedAt: at,
      };
      tx.set(deps.db.collection(TASKS).doc(taskId), doc);
    }
    for (const id of assigned.removed) tx.delete(deps.db.collection(TASKS).doc(id));

    const next: PlanDoc = {
      kind: "monthly",
      period: req.period,
      department,
      status: "pending_approval",
      revision,
      contentHash: hash,
      submittedBy: { email: caller.email, name: caller.name },
      submittedAt: at,
      spreadsheet: req.spreadsheet,
      nextSeq: assigned.nextSeq,
      taskCount: drafts.length,
      lastDecision: plan?.lastDecision ?? null,
      issuedAt: null,
    };
    tx.set(planRef(deps.db, planId), next);
    tx.set(planRef(deps.db, planId).collection("revisions").doc(String(revision)), {
      revision,
      contentHash: hash,
      submittedBy: next.submittedBy,
      submittedAt: at,
      tasks: drafts.map((d) => ({ taskId: assigned.ids.get(d.row), content: d.content, owner: d.owner.email, due: d.due, weight: d.weight, department: d.department })),
    });
    const ref = { planId, period: req.period, department, revision, sheetUrl: sheetUrl(req.spreadsheet) };
    const outbox = enqueue(tx, deps.db, approversOf(department, roster).map((a) => planAwaitsApproval(ref, caller, drafts.length, a)), now);
    return {
      body: {
        planId,
        revision,
        status: "pending_approval",
        unchanged: false,
        tasks: rows,
        message: { zh: `已提交第 ${revision} 版（${drafts.length} 项任务），等待部门经理审批`, en: `Revision ${revision} submitted (${drafts.length} tasks); awaiting the department manager's approval` },
      },
      outbox,
    };
  });
}
