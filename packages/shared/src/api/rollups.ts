import * as z from "zod";
import { DaySchema, PeriodIdSchema } from "./common.js";

export const CompletionRatesRequestSchema = z.object({
  period: PeriodIdSchema.describe("a month, quarter or year: 2027-01, 2027-Q1, 2027"),
  asOf: DaySchema.optional(),
});

export const RateRowSchema = z.object({
  key: z.string().describe("email, group, department name or plan item ID"),
  name: z.string(),
  inScope: z.number().int(),
  doneOnTime: z.number().int(),
  doneByEnd: z.number().int(),
  overdue: z.number().int(),
  onTimeRate: z.number().nullable().describe("0..1; null when no task is in scope"),
  completionRate: z.number().nullable(),
  weightedOnTimeRate: z.number().nullable(),
  weightedCompletionRate: z.number().nullable(),
});
export type RateRow = z.infer<typeof RateRowSchema>;

export const CompletionRatesResponseSchema = z.object({
  period: z.string(),
  asOf: z.string(),
  people: z.array(RateRowSchema),
  groups: z.array(RateRowSchema),
  departments: z.array(RateRowSchema),
  items: z.array(RateRowSchema).describe("per quarterly and annual plan item: the monthly tasks under it"),
});
export type CompletionRatesResponse = z.infer<typeof CompletionRatesResponseSchema>;
