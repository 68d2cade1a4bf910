import type { Timestamp } from "@google-cloud/firestore";
import type { AuditEntry, AuditTrail, AuditTrailRequest, Member } from "@planops/shared/api";
import { ADJUSTMENTS, type AdjustmentDoc } from "../adjustments/store.js";
import { APPROVALS, type ApprovalDoc } from "../approvals/records.js";
import type { Call, Deps } from "../platform/context.js";
import { AppError } from "../platform/errors.js";
import { seesWholePlan } from "../plans/access.js";
import { planKindOf } from "../plans/kinds.js";
import { ITEMS, type ItemDoc, type PlanDoc, planRef } from "../plans/store.js";
import { isDepartmentManager, loadRoster, ROSTER, seesEveryDepartment } from "../roster/roster.js";
import { AUDIT, type AuditDoc } from "./trail.js";

/** The most entries one answer carries (newest first); a subject's trail is far shorter in practice. */
const MAX_ENTRIES = 500;

const forbidden = () => new AppError("FORBIDDEN", { zh: "你无权查看该记录的变更历史", en: "You may not view the history of this record" });

/**
 * 变更记录: the audit entries of one plan, item, approval, adjustment request or roster record, newest
 * first, for those who may see it — a whole plan's viewers (plans/access.ts,
 * seesWholePlan) for every subject of a plan, and an item's owner for their own
 * item; a roster record for HR, management, the person and their department's
 * manager. Read-only: no endpoint writes or deletes an entry.
 */
export async function auditTrail({ deps, caller }: Call, req: AuditTrailRequest): Promise<AuditTrail> {
  const { db } = deps;
  const [snap, roster] = await Promise.all([
    db.collection(AUDIT).where("subject.type", "==", req.type).where("subject.id", "==", req.id).orderBy("at", "desc").limit(MAX_ENTRIES).get(),
    loadRoster(db),
  ]);
  const docs = snap.docs.map((d) => ({ id: d.id, doc: d.data() as AuditDoc }));
  if (!(await maySee(deps, caller, roster, req, docs[0]?.doc))) throw forbidden();
  const millis = (t: unknown) => (t && typeof (t as Timestamp).toMillis === "function" ? (t as Timestamp).toMillis() : 0);
  const entries: AuditEntry[] = docs
    .sort((a, b) => b.doc.at.localeCompare(a.doc.at) || millis(b.doc.recordedAt) - millis(a.doc.recordedAt) || b.doc.seq - a.doc.seq)
    .map(({ id, doc }) => ({
      id,
      subject: doc.subject,
      planId: doc.planId,
      action: doc.action,
      by: doc.by,
      at: doc.at,
      revision: doc.revision,
      from: doc.from,
      to: doc.to,
      comment: doc.comment,
    }));
  return { subject: { type: req.type, id: req.id }, timeZone: deps.config.timeZone, entries };
}

/** Whether the caller may read this subject's trail (false also when there is nothing to find: a caller learns nothing of what they may not see). */
async function maySee(
  { db, kinds }: Pick<Deps, "db" | "kinds">,
  caller: Member,
  roster: readonly Member[],
  req: AuditTrailRequest,
  latest: AuditDoc | undefined,
): Promise<boolean> {
  if (seesEveryDepartment(caller)) return true;
  const planViewer = async (planId: string | null | undefined) => {
    if (!planId) return false;
    const snap = await planRef(db, planId).get();
    if (!snap.exists) return false;
    const plan = snap.data() as PlanDoc;
    let kind: ReturnType<typeof planKindOf>;
    try {
      kind = planKindOf(kinds, plan.kind);
    } catch {
      return false;
    }
    return seesWholePlan(kind, caller, plan.department, roster);
  };
  /** An adjustment request: whoever filed it, and its plan's whole-plan viewers (the plan as the request's document names it). */
  const adjustmentViewer = async (adjustmentId: string, fallbackPlanId: string | null | undefined) => {
    const snap = await db.collection(ADJUSTMENTS).doc(adjustmentId).get();
    const adjustment = snap.exists ? (snap.data() as AdjustmentDoc) : undefined;
    if (adjustment?.requestedBy.email === caller.email) return true;
    return planViewer(adjustment?.planId ?? fallbackPlanId);
  };
  switch (req.type) {
    case "plan":
      return planViewer(req.id);
    case "item": {
      const snap = await db.collection(ITEMS).doc(req.id).get();
      const item = snap.exists ? (snap.data() as ItemDoc) : undefined;
      if (item?.owner?.email === caller.email) return true;
      return planViewer(item?.planId ?? latest?.planId);
    }
    case "approval": {
      const snap = await db.collection(APPROVALS).doc(req.id).get();
      if (!snap.exists) return planViewer(latest?.planId);
      const subject = (snap.data() as ApprovalDoc).subject;
      // A plan revision's record names its plan; an adjustment request's names the request, whose document says which plan it is on.
      return subject.type === "adjustment" ? adjustmentViewer(subject.id, subject.planId) : planViewer(subject.id);
    }
    case "adjustment":
      return adjustmentViewer(req.id, latest?.planId);
    case "roster": {
      if (req.id === caller.email) return true;
      const snap = await db.collection(ROSTER).doc(req.id).get();
      const department = (snap.data() as Member | undefined)?.department;
      return department !== undefined && isDepartmentManager(caller, department);
    }
    default:
      // A kind another feature records: whoever sees its whole plan.
      return planViewer(latest?.planId);
  }
}
