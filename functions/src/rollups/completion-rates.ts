import { monthsOf, period as parsePeriodId } from "@planops/shared";
import type { CompletionRatesResponse, RateRow } from "@planops/shared/api";
import { type Call, today } from "../platform/context.js";
import { ITEMS, type ItemDoc } from "../plans/store.js";
import { loadRoster, overseesDepartment, seesEveryDepartment } from "../roster/roster.js";
import { type RateTask, rateRow, tally } from "./completion-rate.js";

type Task = ItemDoc & RateTask;

function rowsBy(tasks: readonly Task[], keysOf: (t: Task) => { key: string; name: string }[], tallyOf: (ts: Task[]) => ReturnType<typeof tally>): RateRow[] {
  const groups = new Map<string, { name: string; tasks: Task[] }>();
  for (const t of tasks) {
    for (const k of keysOf(t)) {
      const g = groups.get(k.key) ?? { name: k.name, tasks: [] };
      g.tasks.push(t);
      groups.set(k.key, g);
    }
  }
  return [...groups].map(([key, g]) => rateRow(key, g.name, tallyOf(g.tasks))).sort((a, b) => a.key.localeCompare(b.key, "zh"));
}

/**
 * Completion rates of a month, quarter or year per person, group (the owner's
 * group in the roster), responsible department and plan item (each quarterly and
 * annual item over the monthly tasks below it). A quarter or year counts the
 * tasks due in it, not the mean of its months. HR and management see every
 * department; a department's manager, deputies and planning group see its plans;
 * staff see their own row.
 */
export async function completionRates({ deps, caller }: Call, req: { period: string; asOf?: string | undefined }): Promise<CompletionRatesResponse> {
  const period = parsePeriodId(req.period);
  const asOf = req.asOf ?? today(deps);
  const [snaps, roster] = await Promise.all([
    Promise.all(monthsOf(period).map((m) => deps.db.collection(ITEMS).where("period", "==", m.id).where("planStatus", "in", ["approved", "issued"]).get())),
    loadRoster(deps.db),
  ]);
  const all = snaps.flatMap((s) => s.docs.map((d) => d.data() as ItemDoc)).filter((t): t is Task => t.status !== null && t.due !== null);
  const everyone = seesEveryDepartment(caller);
  const ownDepartment = overseesDepartment(caller, caller.department);
  const seesAll = everyone || ownDepartment;
  const tasks = everyone ? all : all.filter((t) => t.owner?.email === caller.email || (ownDepartment && t.planDepartment === caller.department));

  // The plan items above the tasks: their quarterly items, and those items' annual items.
  const quarterly = await itemsById(
    deps,
    tasks.map((t) => t.parentItem),
  );
  const annual = await itemsById(
    deps,
    [...quarterly.values()].map((q) => q.parentItem),
  );
  const ancestors = (t: Task) => {
    const q = t.parentItem ? quarterly.get(t.parentItem) : undefined;
    const a = q?.parentItem ? annual.get(q.parentItem) : undefined;
    return [...(q && t.parentItem ? [{ key: t.parentItem, name: q.title }] : []), ...(a && q?.parentItem ? [{ key: q.parentItem, name: a.title }] : [])];
  };
  const groupOf = new Map(roster.map((m) => [m.email, m.group]));
  const tallyOf = (ts: Task[]) => tally(ts, period, asOf);
  return {
    period: period.id,
    asOf,
    people: rowsBy(tasks, (t) => (t.owner ? [{ key: t.owner.email, name: t.owner.name }] : []), tallyOf),
    groups: seesAll
      ? rowsBy(
          tasks,
          (t) => {
            const g = t.owner ? groupOf.get(t.owner.email) : null;
            return g ? [{ key: g, name: g }] : [];
          },
          tallyOf,
        )
      : [],
    departments: seesAll ? rowsBy(tasks, (t) => (t.department ? [{ key: t.department, name: t.department }] : []), tallyOf) : [],
    items: seesAll ? rowsBy(tasks, ancestors, tallyOf) : [],
  };
}

async function itemsById(deps: Call["deps"], ids: readonly (string | null)[]): Promise<Map<string, ItemDoc>> {
  const unique = [...new Set(ids.filter((id): id is string => !!id))];
  if (unique.length === 0) return new Map();
  const snaps = await deps.db.getAll(...unique.map((id) => deps.db.collection(ITEMS).doc(id)));
  return new Map(snaps.filter((s) => s.exists).map((s) => [s.id, s.data() as ItemDoc]));
}
