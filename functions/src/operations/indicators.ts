import type { Firestore, Transaction } from "@google-cloud/firestore";
import type { PersonRef } from "@planops/shared";
import { type Indicator, IndicatorSchema } from "@planops/shared/api";

/** operationsIndicators/{code}: the configured indicators, active or deactivated (a deactivated one keeps its data). */
export const INDICATORS = "operationsIndicators";

export interface IndicatorDoc extends Indicator {
  active: boolean;
  /** Its row in the sheet that last configured it: lists keep the sheet's order. */
  order: number;
  /** The month it was first configured: missing data is flagged from then on only. */
  since: string;
  updatedAt: string;
  updatedBy: PersonRef;
}

/** An indicator code: letters (any script), digits, - _ . — it is part of stored document ids. */
export const INDICATOR_CODE = /^[\p{L}\p{N}][\p{L}\p{N}_.-]{0,39}$/u;

const base = { target: null, max: null, min: 0, threshold: 0.3 } as const;

/**
 * The indicators that apply until the data-analysis group submits 运营指标设置
 * (README, "Operations data"): the department's usual sales, production,
 * inventory and customer figures, with no targets.
 */
export const DEFAULT_INDICATORS: readonly Indicator[] = [
  { ...base, code: "sales-revenue", name: { zh: "销售额", en: "Sales revenue" }, category: "sales", unit: "万元", aggregate: "sum", better: "higher" },
  { ...base, code: "orders", name: { zh: "订单量", en: "Orders" }, category: "sales", unit: "单", aggregate: "sum", better: "higher" },
  { ...base, code: "output", name: { zh: "产量", en: "Production output" }, category: "production", unit: "件", aggregate: "sum", better: "higher" },
  {
    ...base,
    code: "inventory-days",
    name: { zh: "库存周转天数", en: "Inventory turnover days" },
    category: "inventory",
    unit: "天",
    aggregate: "mean",
    better: "lower",
  },
  { ...base, code: "new-customers", name: { zh: "新增客户数", en: "New customers" }, category: "customer", unit: "个", aggregate: "sum", better: "higher" },
  {
    ...base,
    code: "satisfaction",
    name: { zh: "客户满意度", en: "Customer satisfaction" },
    category: "customer",
    unit: "%",
    max: 100,
    aggregate: "mean",
    better: "higher",
  },
];

export interface IndicatorSet {
  /** The active indicators, in the order of the sheet that configured them. */
  active: Indicator[];
  /** Every stored indicator, active or not; empty while the defaults apply. */
  stored: IndicatorDoc[];
}

/** Only the Indicator fields of a stored document (what the API shows). */
export const indicatorOf = (doc: IndicatorDoc): Indicator => IndicatorSchema.parse(doc);

/** The configured indicators, or the defaults while none are configured. */
export async function loadIndicators(db: Firestore, tx?: Transaction): Promise<IndicatorSet> {
  const query = db.collection(INDICATORS).orderBy("order");
  const snap = tx ? await tx.get(query) : await query.get();
  const stored = snap.docs.map((d) => d.data() as IndicatorDoc);
  if (stored.length === 0) return { active: [...DEFAULT_INDICATORS], stored };
  return { active: stored.filter((d) => d.active).map(indicatorOf), stored };
}
