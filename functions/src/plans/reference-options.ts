import { enclosingPeriod, findKind, parsePeriod, referenceLabel } from "@planops/shared";
import type { ReferenceOptionsResponseSchema } from "@planops/shared/api";
import type * as z from "zod";
import type { Call } from "../platform/context.js";
import { AppError } from "../platform/errors.js";
import { loadParentPlan, referenceOptions } from "./references.js";
import { ITEMS, type ItemDoc } from "./store.js";

type Response = z.infer<typeof ReferenceOptionsResponseSchema>;

/**
 * What a template's reference dropdowns may offer the caller for a period: for a
 * plan, the items of its approved parent plan (same department); for a personal
 * records sheet (implementation steps), the caller's own items of approved plans.
 */
export async function referenceOptionsFor({ deps, caller }: Call, req: { template: string; period: string }): Promise<Response> {
  const kind = findKind(req.template, deps.kinds);
  const periodKind = kind?.template.periodKind;
  const period = periodKind ? parsePeriod(req.period, periodKind) : undefined;
  if (!kind || !period)
    throw new AppError("BAD_REQUEST", {
      zh: `模板“${req.template}”或期间“${req.period}”无效`,
      en: `Unknown template “${req.template}” or period “${req.period}”`,
    });
  if (kind.flow === "plan") {
    const parent = await loadParentPlan(deps.db, kind, period, caller.department, deps.kinds);
    return { columns: parent ? [referenceOptions(parent)] : [] };
  }
  const columns = [];
  for (const column of kind.template.columns) {
    if (column.type !== "reference") continue;
    const target = findKind(column.to, deps.kinds);
    if (!target?.template.periodKind) continue;
    const targetPeriod = enclosingPeriod(period, target.template.periodKind);
    const snap = await deps.db.collection(ITEMS).where("period", "==", targetPeriod.id).where("owner.email", "==", caller.email).get();
    const options = snap.docs
      .map((d) => ({ itemId: d.id, item: d.data() as ItemDoc }))
      .filter(({ item }) => item.kind === target.id && (item.planStatus === "approved" || item.planStatus === "issued"))
      .map(({ itemId, item }) => ({ itemId, title: item.title, label: referenceLabel({ itemId, title: item.title }) }))
      .sort((a, b) => a.itemId.localeCompare(b.itemId));
    columns.push({ key: column.key, parentPlanId: null, parentStatus: null, options });
  }
  return { columns };
}
