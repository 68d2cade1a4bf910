import type { AdjustmentView } from "@planops/shared/api";
import type { Call } from "../platform/context.js";
import { AppError } from "../platform/errors.js";
import { seesWholePlan } from "../plans/access.js";
import { planKindOf } from "../plans/kinds.js";
import { type PlanDoc, planRef } from "../plans/store.js";
import { loadRoster } from "../roster/roster.js";
import { headerOfChange } from "./views.js";
import { type AdjustmentDoc, adjustmentsOfPlan, type ChangeDoc } from "./store.js";

/**
 * 计划调整记录: every adjustment request on a plan, oldest first — what it
 * changes (from → to), why, the planning group's opinion, who decided and the
 * plan revision it made. With getPlan's `revision` (the items of each version
 * and what changed from the one before), every version stays readable. Whole
 * plans' viewers see every request; others see the requests they filed or on
 * their own items.
 */
export async function planAdjustments({ deps, caller }: Call, req: { planId: string }): Promise<{ planId: string; adjustments: AdjustmentView[] }> {
  const [planSnap, roster, snap] = await Promise.all([planRef(deps.db, req.planId).get(), loadRoster(deps.db), adjustmentsOfPlan(deps.db, req.planId).get()]);
  if (!planSnap.exists) throw new AppError("NOT_FOUND", { zh: `找不到计划 ${req.planId}`, en: `No plan ${req.planId}` });
  const plan = planSnap.data() as PlanDoc;
  const kind = planKindOf(deps.kinds, plan.kind);
  const seesAll = seesWholePlan(kind, caller, plan.department, roster);
  const docs = snap.docs.map((d) => ({ id: d.id, a: d.data() as AdjustmentDoc }));
  const ownerOf = async (itemId: string | null) => {
    if (!itemId) return null;
    const item = await deps.db.collection("items").doc(itemId).get();
    return (item.data() as { owner?: { email: string } | null } | undefined)?.owner?.email ?? null;
  };
  const visible = [];
  for (const d of docs) {
    if (seesAll || d.a.requestedBy.email === caller.email || (await ownerOf(d.a.itemId)) === caller.email) visible.push(d);
  }
  return {
    planId: req.planId,
    adjustments: visible
      .sort((x, y) => x.a.requestedAt.localeCompare(y.a.requestedAt) || x.id.localeCompare(y.id))
      .map(({ id, a }) => ({
        adjustmentId: id,
        planId: a.planId,
        type: a.type,
        itemId: a.itemId ?? "",
        title: a.title,
        status: a.status,
        requestedBy: a.requestedBy,
        requestedAt: a.requestedAt,
        reason: a.reason,
        impact: a.impact,
        solution: a.solution,
        changes: shownChanges(a).map((c) => ({ key: c.key, header: headerOfChange(kind, c.key), from: c.from, to: c.to })),
        review: a.review,
        decision: a.decision,
        appliedRevision: a.appliedRevision,
        note: a.note,
      })),
  };
}

/** What a request changes, from → to; an addition's are its new item's filled columns, from empty. */
function shownChanges(a: AdjustmentDoc): ChangeDoc[] {
  if (a.type !== "add" || !a.newItem) return a.changes;
  return Object.entries(a.newItem.fields)
    .filter(([, v]) => !(v === null || v === "" || (Array.isArray(v) && v.length === 0)))
    .map(([key, to]) => ({ key, from: null, to }));
}
