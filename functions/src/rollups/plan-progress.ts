import type { Firestore } from "@google-cloud/firestore";
import type { PlanProgress } from "@planops/shared/api";
import type { Call } from "../platform/context.js";
import { AppError } from "../platform/errors.js";
import { seesWholePlan } from "../plans/access.js";
import { planKindOf } from "../plans/kinds.js";
import { ITEMS, type ItemDoc, itemsOfPlan, type PlanDoc, planRef } from "../plans/store.js";
import { loadRoster } from "../roster/roster.js";

/** What the cascade reads of an item: a plan item, or a roll-up fact shaped like one. */
export interface Node {
  id: string;
  item: Pick<ItemDoc, "parentItem" | "status" | "weight" | "percent">;
}

/** Items of approved plans that name one of `parentPlanIds`' items as their parent. */
async function childrenOf(db: Firestore, parentPlanIds: readonly string[]): Promise<{ id: string; item: ItemDoc }[]> {
  const snaps = await Promise.all(
    parentPlanIds.map((id) => db.collection(ITEMS).where("parentPlanId", "==", id).where("planStatus", "in", ["approved", "issued"]).get()),
  );
  return snaps.flatMap((s) => s.docs.map((d) => ({ id: d.id, item: d.data() as ItemDoc })));
}

/**
 * Progress up the cascade (DOMAIN.md): a plan item's progress is the weighted
 * mean of its children's % complete (done = 100; cancelled children left out);
 * an item with no children counts its own % complete. Monthly tasks feed their
 * quarterly item, quarterly items feed their annual item.
 */
export function rollUp(items: readonly Node[], levelsBelow: readonly (readonly Node[])[]): Map<string, { progress: number | null; children: number }> {
  const [children = [], ...deeper] = levelsBelow;
  const childProgress = children.length > 0 ? rollUp(children, deeper) : new Map<string, { progress: number | null; children: number }>();
  const byParent = new Map<string, Node[]>();
  for (const c of children) {
    if (!c.item.parentItem || c.item.status === "cancelled") continue;
    byParent.set(c.item.parentItem, [...(byParent.get(c.item.parentItem) ?? []), c]);
  }
  const result = new Map<string, { progress: number | null; children: number }>();
  for (const { id, item } of items) {
    const kids = byParent.get(id) ?? [];
    if (kids.length === 0) {
      result.set(id, { progress: item.status === "done" ? 100 : item.percent, children: 0 });
      continue;
    }
    let weight = 0;
    let sum = 0;
    for (const k of kids) {
      const w = k.item.weight > 0 ? k.item.weight : 1;
      weight += w;
      sum += w * (childProgress.get(k.id)?.progress ?? 0);
    }
    result.set(id, { progress: Math.round((sum / weight) * 100) / 100, children: kids.length });
  }
  return result;
}

/** The rolled-up progress of every item of a plan, for its sheet and the API. */
export async function planProgress({ deps, caller }: Call, planId: string): Promise<PlanProgress> {
  const [planSnap, itemsSnap, roster] = await Promise.all([planRef(deps.db, planId).get(), itemsOfPlan(deps.db, planId).get(), loadRoster(deps.db)]);
  if (!planSnap.exists) throw new AppError("NOT_FOUND", { zh: `找不到计划 ${planId}`, en: `No plan ${planId}` });
  const plan = planSnap.data() as PlanDoc;
  if (!seesWholePlan(planKindOf(deps.kinds, plan.kind), caller, plan.department, roster)) {
    throw new AppError("FORBIDDEN", { zh: "你无权查看该计划的进度", en: "You may not view this plan's progress" });
  }
  const items = itemsSnap.docs.map((d) => ({ id: d.id, item: d.data() as ItemDoc }));
  // Walk down the cascade level by level until a level has no children (annual → quarterly → monthly).
  const levels: { id: string; item: ItemDoc }[][] = [];
  let parents = [planId];
  while (parents.length > 0 && levels.length < 3) {
    const level = await childrenOf(deps.db, parents);
    if (level.length === 0) break;
    levels.push(level);
    parents = [...new Set(level.map((n) => n.item.planId))];
  }
  const progress = rollUp(items, levels);
  return {
    planId,
    items: items
      .map(({ id, item }) => ({ itemId: id, title: item.title, progress: progress.get(id)?.progress ?? null, children: progress.get(id)?.children ?? 0 }))
      .sort((a, b) => a.itemId.localeCompare(b.itemId)),
  };
}
