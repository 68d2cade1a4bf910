import type { ItemView, PlanView } from "@planops/shared/api";
import type { Call } from "../platform/context.js";
import { AppError } from "../platform/errors.js";
import { loadRoster } from "../roster/roster.js";
import { seesWholePlan } from "./access.js";
import { planKindOf } from "./kinds.js";
import { readRevision } from "./revisions.js";
import { type ItemDoc, itemsOfPlan, itemView, type PlanDoc, planRef, planView } from "./store.js";

/**
 * One plan with its items: the live items, or a stored revision read back as it
 * was submitted (an approved version stays readable for good). Whole plans are
 * for HR, management, the department's manager, deputies and planning group, and
 * its approvers; an owner sees their own items.
 */
export async function getPlan({ deps, caller }: Call, req: { planId: string; revision?: number | undefined }): Promise<PlanView> {
  const [planSnap, roster] = await Promise.all([planRef(deps.db, req.planId).get(), loadRoster(deps.db)]);
  if (!planSnap.exists) throw new AppError("NOT_FOUND", { zh: `找不到计划 ${req.planId}`, en: `No plan ${req.planId}` });
  const plan = planSnap.data() as PlanDoc;
  const kind = planKindOf(deps.kinds, plan.kind);
  let items: ItemView[];
  if (req.revision === undefined) {
    const snap = await itemsOfPlan(deps.db, req.planId).get();
    items = snap.docs.map((d) => itemView(d.id, d.data() as ItemDoc));
  } else {
    const stored = await readRevision(deps.db, req.planId, req.revision);
    if (!stored)
      throw new AppError("NOT_FOUND", { zh: `计划 ${req.planId} 没有第 ${req.revision} 版`, en: `Plan ${req.planId} has no revision ${req.revision}` });
    items = stored.items;
  }
  const seesAll = seesWholePlan(kind, caller, plan.department, roster);
  const visible = seesAll ? items : items.filter((t) => t.owner?.email === caller.email);
  if (visible.length === 0 && !seesAll) throw new AppError("FORBIDDEN", { zh: "你无权查看该计划", en: "You may not view this plan" });
  return planView(kind, req.planId, plan, req.revision ?? plan.revision, visible);
}
