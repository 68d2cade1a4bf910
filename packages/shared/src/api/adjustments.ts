import * as z from "zod";
import { ADJUSTMENT_STATUSES, ADJUSTMENT_TYPES } from "../templates/plan-adjustment.js";
import { BilingualSchema, DocIdSchema, PersonSchema } from "./common.js";
import { DecisionSchema, FieldValueSchema, RowResultSchema, SheetTableSchema } from "./plans.js";

export const AdjustmentTypeSchema = z.enum(ADJUSTMENT_TYPES.map((t) => t.value) as [string, ...string[]]);
export const AdjustmentStatusSchema = z.enum(ADJUSTMENT_STATUSES.map((s) => s.value) as [string, ...string[]]);

/** One column an adjustment changes: its value in the plan before and what it becomes. */
export const AdjustmentChangeSchema = z.object({
  key: z.string().describe("the plan template's column key; `status` for a cancellation"),
  header: BilingualSchema,
  from: FieldValueSchema,
  to: FieldValueSchema,
});
export type AdjustmentChange = z.infer<typeof AdjustmentChangeSchema>;

/** One adjustment request (调整申请) with its review, decision and the plan version it made. */
export const AdjustmentViewSchema = z.object({
  adjustmentId: z.string(),
  planId: z.string(),
  type: AdjustmentTypeSchema,
  itemId: z.string().describe("the item adjusted; for an addition, the new item's ID once applied (empty before)"),
  title: z.string().describe("the item's title"),
  status: AdjustmentStatusSchema,
  requestedBy: PersonSchema,
  requestedAt: z.string(),
  reason: z.string(),
  impact: z.string(),
  solution: z.string(),
  changes: z.array(AdjustmentChangeSchema).describe("from → to; `from` as the plan stood when the request was filed, or when it was applied"),
  review: z.object({ opinion: z.string(), by: PersonSchema, at: z.string() }).nullable(),
  decision: DecisionSchema.nullable(),
  appliedRevision: z.number().int().nullable().describe("the plan revision the approved request made"),
  note: BilingualSchema.nullable().describe("what happened at decision time, e.g. the item had been changed by an earlier adjustment"),
});
export type AdjustmentView = z.infer<typeof AdjustmentViewSchema>;

/** 提交审核意见: the adjustment sheet; rows with a request ID and a review opinion are reviewed. */
export const ReviewAdjustmentsRequestSchema = SheetTableSchema;
export const ReviewAdjustmentsResponseSchema = z.object({
  reviewed: z.number().int(),
  rows: z.array(RowResultSchema),
  message: BilingualSchema,
});

export const PlanAdjustmentsRequestSchema = z.object({ planId: DocIdSchema });
export const PlanAdjustmentsResponseSchema = z.object({
  planId: z.string(),
  adjustments: z.array(AdjustmentViewSchema).describe("every request on the plan, oldest first"),
});
