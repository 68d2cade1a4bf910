import { z } from "zod";

export const CompletionRatesRequestSchema = z.object({
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "period must be YYYY-MM"),
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "asOf must be YYYY-MM-DD").optional(),
});

export const RateRowSchema = z.object({
  key: z.string().describe("email, group or department name"),
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
});
export type CompletionRatesResponse = z.infer<typeof CompletionRatesResponseSchema>;
