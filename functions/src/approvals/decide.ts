import type { PlanKind } from "@planops/shared";
import type { DecideRequest, DecideResponseSchema } from "@planops/shared/api";
import type { z } from "zod";
import { planDecided } from "../notifications/messages.js";
import { enqueue } from "../notifications/outbox.js";
import { type Call, localTime, type Outcome } from "../platform/context.js";
import { AppError } from "../platform/errors.js";
import { type DecisionDoc, planRef, planTitle, readPlanInTx, sheetUrl } from "../plans/store.js";
import { planKindOf } from "../plans/kinds.js";
import { loadRoster } from "../roster/roster.js";
import { approverStanding } from "./policies.js";
import { approvalRef } from "./records.js";

const statusText = { approved: "已批准 / approved", returned: "已退回 / returned", issued: "已下发 / issued", pending_approval: "待审批 / pending" } as const;

const notApprover = (kind: PlanKind, department: string) =>
  kind.approval === "company-management"
    ? new AppError("NOT_APPROVER", {
        zh: `${kind.template.title.zh}由公司管理层审批，你不能审批`,
        en: `A ${kind.template.title.en.toLowerCase()} is approved by company management; you cannot decide on it`,
      })
    : new AppError("NOT_APPROVER", {
        zh: `只有${department}经理或其授权的副经理可以审批该计划`,
        en: `Only the manager of ${department} or a deputy acting for them may decide on this plan`,
      });

/**
 * Approves or returns a plan revision under its kind's approval policy. The
 * transaction re-reads the plan, so of any number of simultaneous decisions
 * exactly one commits; the others find it decided. On approval the revision
 * becomes the plan's approved version (stored whole since submission).
 */
export async function decide({ deps, caller }: Call, req: DecideRequest): Promise<Outcome<z.infer<typeof DecideResponseSchema>>> {
  const comment = req.comment.trim();
  if (req.decision === "return" && !comment) {
    throw new AppError("VALIDATION_FAILED", { zh: "退回时必须填写审批意见", en: "A comment is required to return a plan" });
  }
  const roster = await loadRoster(deps.db);
  const now = deps.now();
  return deps.db.runTransaction(async (tx) => {
    const { plan, items } = await readPlanInTx(tx, deps.db, req.planId);
    if (!plan) throw new AppError("NOT_FOUND", { zh: `找不到计划 ${req.planId}`, en: `No plan ${req.planId}` });
    const kind = planKindOf(deps.kinds, plan.kind);
    const standing = approverStanding(kind.approval, caller, plan.department, roster);
    if (!standing) throw notApprover(kind, plan.department);
    if (plan.revision !== req.revision && plan.status === "pending_approval") {
      throw new AppError("STALE_REVISION", {
        zh: `计划已更新为第 ${plan.revision} 版，请刷新后再审批`,
        en: `The plan has a newer revision (${plan.revision}); reload it before deciding`,
      });
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
    tx.update(approvalRef(deps.db, req.planId, plan.revision), { status, decision });
    tx.update(ref, { status, lastDecision: decision, ...(status === "approved" ? { approvedRevision: plan.revision } : {}) });
    for (const t of items) tx.update(t.ref, { planStatus: status });
    const submitter = roster.find((m) => m.active && m.email === plan.submittedBy.email);
    const planRefInfo = { planId: req.planId, title: planTitle(kind, plan), revision: plan.revision, sheetUrl: sheetUrl(plan.spreadsheet) };
    const outbox = submitter ? enqueue(tx, deps.db, [planDecided(planRefInfo, req.decision, comment, caller, submitter)], now) : [];
    const approvedMessage = kind.issuedAfterApproval
      ? { zh: "已批准，计划组可以下发", en: "Approved; the planning group can now issue it" }
      : { zh: "已批准，下级计划可以关联它的条目", en: "Approved; plans below can now link to its items" };
    return {
      body: {
        planId: req.planId,
        status,
        decision,
        message:
          status === "approved" ? approvedMessage : { zh: "已退回，计划组将修改后重新提交", en: "Returned; the planning group will revise and resubmit" },
      },
      outbox,
    };
  });
}
