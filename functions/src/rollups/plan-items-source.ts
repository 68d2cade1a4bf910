/**
 * The first roll-up source: plan items. Monthly tasks (items with a status) of
 * approved or issued plans go into `tasks~<month of due>~<plan department>`;
 * quarterly and annual items (no status), for the cascade, into
 * `items~<year>~<plan department>`. Facts use short keys: a month × department
 * holds a few hundred tasks.
 */
import { parsePeriod } from "@planops/shared";
import { ITEMS, type ItemDoc } from "../plans/store.js";
import { ITEM_REMOVALS } from "./item-removals.js";
import { collectionSource, type Placement } from "./source.js";

/** A monthly task as the view reads it. */
export interface TaskFact {
  t: string;
  pl: string;
  o: [string, string] | null;
  d: string | null;
  u: string;
  s: string;
  c: number | null;
  f: string | null;
  w: number;
  p: string | null;
}

/**
 * Stored as a tuple, the most compact JSON (a run moves every fact of a touched
 * partition): title, plan, owner email, owner name, responsible department, due,
 * status, % complete, actual finish, weight, quarterly item.
 */
type TaskTuple = [string, string, string | null, string | null, string | null, string, string, number | null, string | null, number, string | null];

const taskTuple = (f: TaskFact): TaskTuple => [f.t, f.pl, f.o?.[0] ?? null, f.o?.[1] ?? null, f.d, f.u, f.s, f.c, f.f, f.w, f.p];

/** A stored task fact (JSON) as the view reads it. */
export function readTaskFact(json: string): TaskFact {
  const [t, pl, email, name, d, u, s, c, f, w, p] = JSON.parse(json) as TaskTuple;
  return { t, pl, o: email === null ? null : [email, name ?? ""], d, u, s, c, f, w, p };
}

/** A quarterly ("q") or annual ("a") item: title, plan, weight, own % complete, parent item. */
export interface CascadeFact {
  t: string;
  pl: string;
  l: "q" | "a";
  w: number;
  c: number | null;
  p: string | null;
}

export const taskPartition = (month: string, department: string) => `tasks~${month}~${department}`;
export const cascadePartition = (year: string, department: string) => `items~${year}~${department}`;

const counted = (item: ItemDoc) => item.planStatus === "approved" || item.planStatus === "issued";

export function placeItem(item: ItemDoc): Placement | null {
  if (!counted(item)) return null;
  if (item.status !== null) {
    if (!item.due || !/^\d{4}-\d{2}-\d{2}$/.test(item.due)) return null;
    const fact: TaskFact = {
      t: item.title,
      pl: item.planId,
      o: item.owner ? [item.owner.email, item.owner.name] : null,
      d: item.department,
      u: item.due,
      s: item.status,
      c: item.percent,
      f: item.actualFinish,
      w: item.weight,
      p: item.parentItem,
    };
    return { partition: taskPartition(item.due.slice(0, 7), item.planDepartment), fact: taskTuple(fact) };
  }
  const period = parsePeriod(item.period);
  if (!period || period.kind === "month") return null;
  const fact: CascadeFact = {
    t: item.title,
    pl: item.planId,
    l: period.kind === "quarter" ? "q" : "a",
    w: item.weight,
    c: item.percent,
    p: item.parentItem,
  };
  return { partition: cascadePartition(String(period.year), item.planDepartment), fact };
}

export const planItemsSource = collectionSource({
  id: "plan-items",
  collection: ITEMS,
  updatedField: "updatedAt",
  removals: { collection: ITEM_REMOVALS, field: "removedAt" },
  place: (_id, data) => placeItem(data as ItemDoc),
});

/** The sources the product's roll-up reads. */
export const ROLLUP_SOURCES = [planItemsSource];
