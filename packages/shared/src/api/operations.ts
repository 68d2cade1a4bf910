import * as z from "zod";
import { BilingualSchema, PeriodIdSchema, PersonSchema } from "./common.js";

/** 运营数据: figures per month and indicator; indicators are configuration (their own sheet). */

export const IndicatorSchema = z.object({
  /** Stable code used in the data sheet's dropdown and in stored records. */
  code: z.string(),
  name: BilingualSchema,
  category: z.enum(["sales", "production", "inventory", "customer"]),
  unit: z.string(),
  /** Monthly target; null when the indicator has none. */
  target: z.number().nullable(),
  /** Values outside [min, max] are implausible. */
  min: z.number().nullable(),
  max: z.number().nullable(),
  /** Relative deviation (0.3 = 30 %) from the trend or the same month last year beyond which a value is an anomaly. */
  threshold: z.number().positive(),
  /** How months add up to a quarter and a year. */
  aggregate: z.enum(["sum", "mean", "last"]),
  /** Higher is better (sales) or lower is better (inventory days): which side of the target is short. */
  better: z.enum(["higher", "lower"]),
});
export type Indicator = z.infer<typeof IndicatorSchema>;

export const AnomalyRuleSchema = z.enum(["trend", "same-period-last-year", "missing", "out-of-range"]);

export const AnomalySchema = z.object({
  period: z.string(),
  indicator: z.string(),
  rule: AnomalyRuleSchema,
  value: z.number().nullable(),
  /** What the rule expected (trend forecast, last year's value, the range's edge); null for missing data. */
  expected: z.number().nullable(),
  /** (value − expected) / expected; null where it does not apply. */
  deviation: z.number().nullable(),
  message: BilingualSchema,
});
export type Anomaly = z.infer<typeof AnomalySchema>;

export const OperationsDataRequestSchema = z.object({
  from: PeriodIdSchema.describe("first month, 2026-01"),
  to: PeriodIdSchema.describe("last month, 2026-12"),
});

export const OperationsDataResponseSchema = z.object({
  indicators: z.array(IndicatorSchema),
  values: z.array(
    z.object({ period: z.string(), indicator: z.string(), value: z.number(), note: z.string(), submittedBy: PersonSchema, submittedAt: z.string() }),
  ),
  anomalies: z.array(AnomalySchema),
});
export type OperationsDataResponse = z.infer<typeof OperationsDataResponseSchema>;

/** 数据分析报告 for a month, quarter or year. */
export const ReportRequestSchema = z.object({ period: PeriodIdSchema.describe("a month, quarter or year: 2027-01, 2027-Q1, 2027") });

export const ReportSchema = z.object({
  period: z.string(),
  spreadsheetId: z.string(),
  url: z.string(),
  status: z.enum(["draft", "published"]),
  generatedAt: z.string(),
  generatedBy: PersonSchema,
  publishedAt: z.string().nullable(),
});
export type Report = z.infer<typeof ReportSchema>;
