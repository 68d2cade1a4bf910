import type { Call } from "../platform/context.js";
import { AppError } from "../platform/errors.js";
import { approverStanding, loadRoster, overseesDepartment, seesEveryDepartment } from "../roster/roster.js";
import type { PlanView } from "@planops/shared/api";
import { type PlanDoc, planRef, planView, type TaskDoc, tasksOfPlan } from "./store.js";

/** One plan with its tasks, for its department's manager, deputies and planning group, HR and management; an owner sees their own tasks. */
export async function getPlan({ deps, caller }: Call, planId: string): Promise<PlanView> {
  const [planSnap, tasksSnap, roster] = await Promise.all([planRef(deps.db, planId).get(), tasksOfPlan(deps.db, planId).get(), loadRoster(deps.db)]);
  if (!planSnap.exists) throw new AppError("NOT_FOUND", { zh: `找不到计划 ${planId}`, en: `No plan ${planId}` });
  const plan = planSnap.data() as PlanDoc;
  const tasks = tasksSnap.docs.map((d) => ({ id: d.id, data: d.data() as TaskDoc }));
  const seesAll = seesEveryDepartment(caller) || overseesDepartment(caller, plan.department) || approverStanding(caller, plan.department, roster) !== undefined;
  const visible = seesAll ? tasks : tasks.filter((t) => t.data.owner.email === caller.email);
  if (visible.length === 0 && !seesAll) {
    throw new AppError("FORBIDDEN", { zh: "你无权查看该计划", en: "You may not view this plan" });
  }
  return planView(planId, plan, visible);
}
