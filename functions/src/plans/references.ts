import type { Firestore } from "@google-cloud/firestore";
import { type DocumentKind, enclosingPeriod, type Period, type PlanKind, parentKindOf, referenceLabel, type Text } from "@planops/shared";
import type { Parsed } from "../sheets/cells.js";
import type { ReferenceColumn } from "../sheets/read-records.js";
import { type ItemDoc, itemsOfPlan, type PlanDoc, planIdOf, planRef, planTitle } from "./store.js";

/** The plan a plan kind's items refer to: the parent kind's plan of the enclosing period, same department. */
export interface ParentPlan {
  kind: PlanKind;
  column: ReferenceColumn;
  period: Period;
  department: string;
  planId: string;
  plan: PlanDoc | undefined;
  items: Map<string, ItemDoc>;
}

export const isApproved = (plan: Pick<PlanDoc, "status"> | undefined) => plan?.status === "approved" || plan?.status === "issued";

/** Reads the parent plan of a plan kind for a period and department; undefined for kinds without a parent. */
export async function loadParentPlan(
  db: Firestore,
  kind: PlanKind,
  period: Period,
  department: string,
  kinds: readonly DocumentKind[],
): Promise<ParentPlan | undefined> {
  const parentKind = parentKindOf(kind, kinds);
  const column = kind.template.columns.find((c): c is ReferenceColumn => c.key === kind.roles.parent && c.type === "reference");
  if (!parentKind || !column || !parentKind.template.periodKind) return undefined;
  const parentPeriod = enclosingPeriod(period, parentKind.template.periodKind);
  const planId = planIdOf(parentKind, parentPeriod.id, department);
  const [plan, items] = await Promise.all([planRef(db, planId).get(), itemsOfPlan(db, planId).get()]);
  return {
    kind: parentKind,
    column,
    period: parentPeriod,
    department,
    planId,
    plan: plan.exists ? (plan.data() as PlanDoc) : undefined,
    items: new Map(items.docs.map((d) => [d.id, d.data() as ItemDoc])),
  };
}

const PERIOD_PREFIX = /^(\d{4}(?:-Q[1-4]|-\d{2})?)-/;

/**
 * Checks an item ID in a reference column: it must be an item of the approved
 * parent plan. Unknown, not yet approved and other-period references are told
 * apart, each with what to do.
 */
export function referenceResolver(parent: ParentPlan): (column: ReferenceColumn, itemId: string) => Parsed<string> {
  const title = planTitle(parent.kind, { period: parent.period.id, department: parent.department });
  const bad = (code: string, text: Text): Parsed<string> => ({ ok: false, code, text });
  return (_column, itemId) => {
    if (!parent.plan)
      return bad("REFERENCE_NO_PARENT", { zh: `还没有“${title.zh}”，请留空此列`, en: `there is no “${title.en}” yet; leave this column empty` });
    const otherPeriod = PERIOD_PREFIX.exec(itemId)?.[1];
    if (otherPeriod && otherPeriod !== parent.period.id && !parent.items.has(itemId)) {
      return bad("REFERENCE_OTHER_PERIOD", {
        zh: `编号 ${itemId} 属于 ${otherPeriod}，不属于“${title.zh}”；请从下拉列表选择`,
        en: `${itemId} belongs to ${otherPeriod}, not to “${title.en}”; choose from the list`,
      });
    }
    if (!parent.items.has(itemId))
      return bad("REFERENCE_UNKNOWN", {
        zh: `“${title.zh}”中没有编号 ${itemId}；请从下拉列表选择`,
        en: `“${title.en}” has no item ${itemId}; choose from the list`,
      });
    if (!isApproved(parent.plan)) {
      return bad("REFERENCE_NOT_APPROVED", {
        zh: `“${title.zh}”尚未批准，批准后才能关联；可先留空此列`,
        en: `“${title.en}” is not approved yet; link to it once approved, or leave this column empty`,
      });
    }
    return { ok: true, value: itemId };
  };
}

/** The approved parent plan's items as dropdown options ("ID title"); none while it is not approved. */
export function referenceOptions(parent: ParentPlan) {
  const options = isApproved(parent.plan)
    ? [...parent.items]
        .map(([itemId, item]) => ({ itemId, title: item.title, label: referenceLabel({ itemId, title: item.title }) }))
        .sort((a, b) => a.itemId.localeCompare(b.itemId))
    : [];
  return { key: parent.column.key, parentPlanId: parent.planId, parentStatus: parent.plan?.status ?? null, options };
}
