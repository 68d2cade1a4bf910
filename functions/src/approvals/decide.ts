import type { PlanKind } from "@planops/shared";
import type { DecideRequest, DecideResponseSchema } from "@planops/shared/api";
import type * as z from "zod";
import { decideAdjustment } from "../adjustments/decide-adjustment.js";
import { planDecided } from "../notifications/messages.js";
import { enqueue } from "../notifications/outbox.js";
import { type Call, localTime, type Outcome } from "../platform/context.js";
import { AppError } from "../platform/errors.js";
import { type DecisionDoc, planRef, planTitle, readPlanInTx, sheetUrl } from "../plans/store.js";
import { planKindOf } from "../plans/kinds.js";
import { loadRoster } from "../roster/roster.js";
import { decidersOf, deciderStanding, submitterSetAside } from "./policies.js";
import { recordDecision } from "../audit/changes.js";
import { approvalRef } from "./records.js";
import { routingInTx } from "./routing.js";

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

/** The submitter of a revision asks to decide on it while their department keeps the two apart. */
const ownSubmission = (revision: number, deciders: readonly { name: string }[]) => {
  const names = deciders.map((d) => d.name);
  return new AppError("NOT_APPROVER", {
    zh: `第 ${revision} 版是你提交的，不能由你审批（职责分离）；${names.length ? `可由${names.join("、")}审批` : "请联系部门设置其他审批人"}`,
    en: `You submitted revision ${revision}, so you may not decide on it (separation of duties); ${names.length ? `${names.join(", ")} may decide` : "ask for another approver to be set up"}`,
  });
};

/**
 * Approves or returns a plan revision under its kind's approval policy and the
 * department's separation of duties (approvals/policies.ts, deciderStanding). The
 * transaction re-reads the plan, so of any number of simultaneous decisions
 * exactly one commits; the others find it decided. On approval the revision
 * becomes the plan's approved version (stored whole since submission).
 */
export async function decide(call: Call, req: DecideRequest): Promise<Outcome<z.infer<typeof DecideResponseSchema>>> {
  // An adjustment request on the plan is decided by its own branch (adjustments/decide-adjustment.ts).
  if (req.adjustmentId) return decideAdjustment(call, { ...req, adjustmentId: req.adjustmentId });
  const { deps, caller } = call;
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
    const { routing, delegations } = await routingInTx(tx, deps, { policy: kind.approval, department: plan.department, submittedBy: plan.submittedBy });
    const standing = deciderStanding(routing, caller, roster, delegations);
    if (!standing) {
      // A policy approver kept from deciding on their own revision is told who decides instead.
      if (submitterSetAside(routing, roster, delegations) && caller.email === plan.submittedBy.email && plan.status === "pending_approval") {
        throw ownSubmission(plan.revision, decidersOf(routing, roster, delegations));
      }
      throw notApprover(kind, plan.department);
    }
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
    // updatedAt moves with every change of an item, so the roll-up's incremental run sees the approval.
    for (const t of items) tx.update(t.ref, { planStatus: status, updatedAt: decision.at });
    recordDecision(tx, deps.db, { planId: req.planId, revision: plan.revision, status, decision });
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
