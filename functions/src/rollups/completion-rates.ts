import { type Call, today } from "../platform/context.js";
import { TASKS, type TaskDoc } from "../plans/store.js";
import { loadRoster, overseesDepartment, seesEveryDepartment } from "../roster/roster.js";
import { type RateTask, rateRow, tally } from "./completion-rate.js";
import type { CompletionRatesResponse, RateRow } from "@planops/shared/api";

function rowsBy(tasks: readonly (TaskDoc & RateTask)[], keyOf: (t: TaskDoc) => { key: string; name: string } | null, period: string, asOf: string): RateRow[] {
  const groups = new Map<string, { name: string; tasks: TaskDoc[] }>();
  for (const t of tasks) {
    const k = keyOf(t);
    if (!k) continue;
    const g = groups.get(k.key) ?? { name: k.name, tasks: [] };
    g.tasks.push(t);
    groups.set(k.key, g);
  }
  return [...groups].map(([key, g]) => rateRow(key, g.name, tally(g.tasks, period, asOf))).sort((a, b) => a.key.localeCompare(b.key, "zh"));
}

/**
 * The month's completion rates per person, group (the owner's group in the roster)
 * and responsible department. HR and management see every department; a
 * department's manager, deputies and planning group see its plans; staff see their own row.
 */
export async function completionRates({ deps, caller }: Call, req: { period: string; asOf?: string | undefined }): Promise<CompletionRatesResponse> {
  const asOf = req.asOf ?? today(deps);
  const [snap, roster] = await Promise.all([
    deps.db.collection(TASKS).where("period", "==", req.period).where("planStatus", "in", ["approved", "issued"]).get(),
    loadRoster(deps.db),
  ]);
  const all = snap.docs.map((d) => d.data() as TaskDoc);
  const everyone = seesEveryDepartment(caller);
  const ownDepartment = overseesDepartment(caller, caller.department);
  const seesAll = everyone || ownDepartment;
  const tasks = everyone ? all : all.filter((t) => t.owner.email === caller.email || (ownDepartment && t.planDepartment === caller.department));
  const groupOf = new Map(roster.map((m) => [m.email, m.group]));
  return {
    period: req.period,
    asOf,
    people: rowsBy(tasks, (t) => ({ key: t.owner.email, name: t.owner.name }), req.period, asOf),
    groups: seesAll ? rowsBy(tasks, (t) => { const g = groupOf.get(t.owner.email); return g ? { key: g, name: g } : null; }, req.period, asOf) : [],
    departments: seesAll ? rowsBy(tasks, (t) => ({ key: t.department, name: t.department }), req.period, asOf) : [],
  };
}
