import { monthsOf, type Period, period as parsePeriodId } from "@planops/shared";
import type { CompletionRatesResponse, Member, RateRow } from "@planops/shared/api";
import { type Call, today } from "../platform/context.js";
import { ITEMS, type ItemDoc, type Person } from "../plans/store.js";
import { loadRoster, overseesDepartment, seesEveryDepartment } from "../roster/roster.js";
import { type RateTask, rateRow, tally } from "./completion-rate.js";

/** A task as the rate tables need it: its rate facts, owner and responsible department. */
export interface ScopedTask extends RateTask {
  owner: Person | null;
  department: string | null;
}

type Task = ItemDoc & RateTask;
type Key = { key: string; name: string };

function rowsBy<T extends ScopedTask>(tasks: readonly T[], keysOf: (t: T) => Key[], tallyOf: (ts: T[]) => ReturnType<typeof tally>): RateRow[] {
  const groups = new Map<string, { name: string; tasks: T[] }>();
  for (const t of tasks) {
    for (const k of keysOf(t)) {
      const g = groups.get(k.key) ?? { name: k.name, tasks: [] };
      g.tasks.push(t);
      groups.set(k.key, g);
    }
  }
  return [...groups].map(([key, g]) => rateRow(key, g.name, tallyOf(g.tasks))).sort((a, b) => a.key.localeCompare(b.key, "zh"));
}

export interface RateTableScope<T> {
  period: Period;
  asOf: string;
  /** false: staff, who see their own row only. */
  seesAll: boolean;
  roster: readonly Member[];
  /** The quarterly and annual items above a task. */
  ancestors: (t: T) => Key[];
}

/**
 * The rows of the completion rates per person, group (the owner's group in the
 * current roster), responsible department and plan item: one definition for the
 * live full scan and the roll-up's view, so both give the same numbers.
 */
export function rateTables<T extends ScopedTask>(tasks: readonly T[], scope: RateTableScope<T>): Omit<CompletionRatesResponse, "period" | "asOf"> {
  const groupOf = new Map(scope.roster.map((m) => [m.email, m.group]));
  const tallyOf = (ts: T[]) => tally(ts, scope.period, scope.asOf);
  return {
    people: rowsBy(tasks, (t) => (t.owner ? [{ key: t.owner.email, name: t.owner.name }] : []), tallyOf),
    groups: scope.seesAll
      ? rowsBy(
          tasks,
          (t) => {
            const g = t.owner ? groupOf.get(t.owner.email) : null;
            return g ? [{ key: g, name: g }] : [];
          },
          tallyOf,
        )
      : [],
    departments: scope.seesAll ? rowsBy(tasks, (t) => (t.department ? [{ key: t.department, name: t.department }] : []), tallyOf) : [],
    items: scope.seesAll ? rowsBy(tasks, scope.ancestors, tallyOf) : [],
  };
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
  return { period: period.id, asOf, ...rateTables(tasks, { period, asOf, seesAll, roster, ancestors }) };
}

async function itemsById(deps: Call["deps"], ids: readonly (string | null)[]): Promise<Map<string, ItemDoc>> {
  const unique = [...new Set(ids.filter((id): id is string => !!id))];
  if (unique.length === 0) return new Map();
  const snaps = await deps.db.getAll(...unique.map((id) => deps.db.collection(ITEMS).doc(id)));
  return new Map(snaps.filter((s) => s.exists).map((s) => [s.id, s.data() as ItemDoc]));
}
