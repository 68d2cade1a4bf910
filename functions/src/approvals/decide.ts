import { planDecided } from "../notifications/messages.js";
import { enqueue } from "../notifications/outbox.js";
import { type Call, localTime, type Outcome } from "../platform/context.js";
import { AppError } from "../platform/errors.js";
import { approverStanding, loadRoster } from "../roster/roster.js";
import { type DecisionDoc, planRef, readPlanInTx, sheetUrl } from "../plans/store.js";
import type { DecideRequest } from "@planops/shared/api";
import type { z } from "zod";
import type { DecideResponseSchema } from "@planops/shared/api";

const statusText = { approved: "已批准 / approved", returned: "已退回 / returned", issued: "已下发 / issued", pending_approval: "待审批 / pending" } as const;

/**
 * Approves or returns a plan. The transaction re-reads the plan, so of any number
 * of simultaneous decisions exactly one commits; the others find it decided.
 */
export async function decide({ deps, caller }: Call, req: DecideRequest): Promise<Outcome<z.infer<typeof DecideResponseSchema>>> {
  const comment = req.comment.trim();
  if (req.decision === "return" && !comment) {
    throw new AppError("VALIDATION_FAILED", { zh: "退回时必须填写审批意见", en: "A comment is required to return a plan" });
  }
  const roster = await loadRoster(deps.db);
  const now = deps.now();
  return deps.db.runTransaction(async (tx) => {
    const { plan, tasks } = await readPlanInTx(tx, deps.db, req.planId);
    if (!plan) throw new AppError("NOT_FOUND", { zh: `找不到计划 ${req.planId}`, en: `No plan ${req.planId}` });
    const standing = approverStanding(caller, plan.department, roster);
    if (!standing) {
      throw new AppError("NOT_APPROVER", { zh: `只有${plan.department}经理或其授权的副经理可以审批该计划`, en: `Only the manager of ${plan.department} or a deputy acting for them may decide on this plan` });
    }
    if (plan.revision !== req.revision && plan.status === "pending_approval") {
      throw new AppError("STALE_REVISION", { zh: `计划已更新为第 ${plan.revision} 版，请刷新后再审批`, en: `The plan has a newer revision (${plan.revision}); reload it before deciding` });
    }
    if (plan.status !== "pending_approval" || plan.revision !== req.revision) {
      const by = plan.lastDecision ? `${plan.lastDecision.by.name}（${localTime(deps, plan.lastDecision.at)}）` : "";
      throw new AppError("ALREADY_DECIDED", {
        zh: `该计划已处理：${statusText[plan.status]} ${by}，无需再次审批`,
        en: `This plan has already been decided: ${statusText[plan.status]} ${by}`,
      });
    }
    const decision: DecisionDoc = {
      decision: req.decision,
      comment,
      by: { email: caller.email, name: caller.name },
      actingFor: standing.actingFor,
      at: now.toISOString(),
      revision: plan.revision,
    };
    const status = req.decision === "approve" ? "approved" : "returned";
    const ref = planRef(deps.db, req.planId);
    // One decision document per revision: create() refuses a second one even if a bug slipped past the status check.
    tx.create(ref.collection("decisions").doc(String(plan.revision)), decision);
    tx.update(ref, { status, lastDecision: decision });
    for (const t of tasks) tx.update(t.ref, { planStatus: status });
    const submitter = roster.find((m) => m.email === plan.submittedBy.email);
    const planRefInfo = { planId: req.planId, period: plan.period, department: plan.department, revision: plan.revision, sheetUrl: sheetUrl(plan.spreadsheet) };
    const outbox = submitter ? enqueue(tx, deps.db, [planDecided(planRefInfo, req.decision, comment, caller, submitter)], now) : [];
    return {
      body: {
        planId: req.planId,
        status,
        decision,
        message: status === "approved"
          ? { zh: "已批准，计划组可以下发", en: "Approved; the planning group can now issue it" }
          : { zh: "已退回，计划组将修改后重新提交", en: "Returned; the planning group will revise and resubmit" },
      },
      outbox,
    };
  });
}
