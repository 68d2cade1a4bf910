import type { FieldValue, PlanKind } from "@planops/shared";
import type { ItemChange, ItemView, PlanDetails } from "@planops/shared/api";
import { decisionHistory } from "../approvals/history.js";
import type { Call } from "../platform/context.js";
import { AppError } from "../platform/errors.js";
import { loadRoster } from "../roster/roster.js";
import { seesWholePlan } from "./access.js";
import { planKindOf } from "./kinds.js";
import { readRevision } from "./revisions.js";
import { ITEMS, type ItemDoc, itemsOfPlan, itemView, type PlanDoc, planRef, planView } from "./store.js";

/**
 * One plan with its items: the live items, or a stored revision read back as it
 * was submitted (an approved version stays readable for good). Whole plans are
 * for HR, management, the department's manager, deputies and planning group, and
 * its approvers; an owner sees their own items (and only their items' changes).
 * With it, what an approver decides from: every earlier decision, what changed
 * since the revision before, the titles of the parent items, the department's
 * time zone.
 */
export async function getPlan({ deps, caller }: Call, req: { planId: string; revision?: number | undefined }): Promise<PlanDetails> {
  const [planSnap, roster] = await Promise.all([planRef(deps.db, req.planId).get(), loadRoster(deps.db)]);
  if (!planSnap.exists) throw new AppError("NOT_FOUND", { zh: `找不到计划 ${req.planId}`, en: `No plan ${req.planId}` });
  const plan = planSnap.data() as PlanDoc;
  const kind = planKindOf(deps.kinds, plan.kind);
  const shown = req.revision ?? plan.revision;
  const readStored = async (revision: number) => {
    const stored = await readRevision(deps.db, req.planId, revision);
    if (!stored) throw new AppError("NOT_FOUND", { zh: `计划 ${req.planId} 没有第 ${revision} 版`, en: `Plan ${req.planId} has no revision ${revision}` });
    return stored.items;
  };
  const [items, previous, current, history] = await Promise.all([
    req.revision === undefined
      ? itemsOfPlan(deps.db, req.planId)
          .get()
          .then((snap) => snap.docs.map((d) => itemView(d.id, d.data() as ItemDoc)))
      : readStored(req.revision),
    shown > 1 ? readStored(shown - 1) : undefined,
    shown > 1 ? readStored(shown) : undefined,
    decisionHistory(deps.db, req.planId, roster),
  ]);
  const seesAll = seesWholePlan(kind, caller, plan.department, roster);
  const mine = (owner: ItemView["owner"]) => owner?.email === caller.email;
  const visible = seesAll ? items : items.filter((t) => mine(t.owner));
  if (visible.length === 0 && !seesAll) throw new AppError("FORBIDDEN", { zh: "你无权查看该计划", en: "You may not view this plan" });

  let changes: ItemChange[] = [];
  if (previous && current) {
    const owners = new Map([...previous, ...current].map((t) => [t.itemId, t.owner]));
    const before = new Map(previous.map((t) => [t.itemId, t]));
    changes = revisionChanges(kind, previous, current).filter(
      (c) => seesAll || mine(owners.get(c.itemId) ?? null) || mine(before.get(c.itemId)?.owner ?? null),
    );
  }
  return {
    ...planView(kind, req.planId, plan, shown, visible),
    timeZone: deps.config.timeZone,
    history,
    changesSince: previous ? shown - 1 : null,
    changes,
    parents: await parentTitles(deps.db, visible),
  };
}

/** The titles of the parent items the items name (items of the approved plan one level up). */
async function parentTitles(db: Call["deps"]["db"], items: readonly ItemView[]): Promise<PlanDetails["parents"]> {
  const ids = [...new Set(items.map((t) => t.parentItem).filter((id): id is string => Boolean(id)))];
  if (ids.length === 0) return [];
  const snaps = await db.getAll(...ids.map((id) => db.collection(ITEMS).doc(id)));
  return snaps.filter((s) => s.exists).map((s) => ({ itemId: s.id, title: (s.data() as ItemDoc).title }));
}

const isPerson = (v: unknown): v is { email: string } => typeof v === "object" && v !== null && !Array.isArray(v) && "email" in v;
const blank = (v: FieldValue | undefined): FieldValue => (v === undefined || v === "" ? null : v);

/** Two cells mean the same: a person by their email (a renamed person is the same owner), empty as empty. */
function sameValue(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  const x = blank(a);
  const y = blank(b);
  if (isPerson(x) && isPerson(y)) return x.email === y.email;
  return JSON.stringify(x) === JSON.stringify(y);
}

/**
 * What differs between two stored revisions, item by item (matched by ID, which
 * a row keeps across submissions): items added, items removed, and the template
 * columns changed with their values before and after, in the template's column order.
 */
export function revisionChanges(kind: Pick<PlanKind, "template">, before: readonly ItemView[], after: readonly ItemView[]): ItemChange[] {
  const order = kind.template.columns.map((c) => c.key);
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  const old = new Map(before.map((t) => [t.itemId, t]));
  const now = new Map(after.map((t) => [t.itemId, t]));
  const changes: ItemChange[] = [];
  for (const item of after) {
    const was = old.get(item.itemId);
    if (!was) {
      changes.push({ itemId: item.itemId, kind: "added", title: item.title, fields: [] });
      continue;
    }
    const keys = [...new Set([...Object.keys(was.fields), ...Object.keys(item.fields)])].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    const fields = keys
      .filter((key) => !sameValue(was.fields[key], item.fields[key]))
      .map((key) => ({ key, from: blank(was.fields[key]), to: blank(item.fields[key]) }));
    if (fields.length > 0) changes.push({ itemId: item.itemId, kind: "changed", title: item.title, fields });
  }
  for (const item of before) {
    if (!now.has(item.itemId)) changes.push({ itemId: item.itemId, kind: "removed", title: item.title, fields: [] });
  }
  return changes.sort((a, b) => a.itemId.localeCompare(b.itemId));
}
