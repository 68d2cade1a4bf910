import { DOCUMENT_KINDS } from "@planops/shared";
import type { Member, RollupView } from "@planops/shared/api";
import { parseConfig } from "../../src/platform/config.js";
import type { Deps } from "../../src/platform/context.js";
import { ITEMS, type ItemDoc } from "../../src/plans/store.js";
import { loadRoster } from "../../src/roster/roster.js";
import { recordItemRemoval } from "../../src/rollups/item-removals.js";
import { readRollupView } from "../../src/rollups/view.js";
import type { Stack } from "../support/stack.js";

/** The functions' dependencies on the stack's Firestore, with a clock of the test's own. */
export function rollupDeps(stack: Stack, now: () => Date = () => new Date()): Deps {
  const config = parseConfig(stack.env);
  return { db: stack.db, config, now, send: async () => {}, kinds: DOCUMENT_KINDS };
}

/** The view as `email` sees it, read directly (the endpoint is tested over HTTP elsewhere). */
export async function viewAs(stack: Stack, email: string, period: string, department?: string): Promise<RollupView> {
  const roster = await loadRoster(stack.db);
  const caller = roster.find((m) => m.email === email) as Member;
  return readRollupView(stack.db, roster, caller, period, department);
}

/** The figures of a view, without what says which run they came from. */
export const figures = (v: RollupView) => {
  const { generation: _g, computedAt: _c, ...rest } = v;
  return rest;
};

/** A monthly task of an approved plan, written directly (as the plan workflow would leave it). */
export function monthlyTask(over: Partial<ItemDoc> & { due: string; planDepartment: string }): ItemDoc {
  const month = over.due.slice(0, 7);
  return {
    planId: `monthly_${month}_${over.planDepartment}`,
    kind: "monthly-plan",
    period: month,
    planStatus: "approved",
    fields: {},
    title: "任务",
    owner: null,
    department: over.planDepartment,
    start: null,
    weight: 1,
    parentItem: null,
    parentPlanId: null,
    status: "not_started",
    percent: 0,
    actualFinish: null,
    feedback: "",
    steps: [],
    updatedAt: new Date().toISOString(),
    ...over,
  };
}

/** Deletes plan items as a new revision does: the item and its tombstone in one transaction. */
export async function removeItems(stack: Stack, ids: readonly string[], at: string): Promise<void> {
  await stack.db.runTransaction(async (tx) => {
    for (const id of ids) {
      tx.delete(stack.db.collection(ITEMS).doc(id));
      recordItemRemoval(tx, stack.db, id, at);
    }
  });
}
