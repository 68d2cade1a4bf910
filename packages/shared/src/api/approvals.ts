import * as z from "zod";
import { BilingualSchema, DocIdSchema } from "./common.js";
import { DecisionSchema, PlanStatusSchema } from "./plans.js";

/** One submitted revision awaiting the caller's decision. */
export const PendingItemSchema = z.object({
  approvalId: z.string(),
  planId: z.string(),
  kind: z.string().describe("the template id"),
  approver: BilingualSchema.describe("the approval policy, in words"),
  title: z.object({ zh: z.string(), en: z.string() }),
  period: z.string(),
  department: z.string(),
  revision: z.number().int(),
  submittedBy: z.object({ email: z.string(), name: z.string() }),
  submittedAt: z.string(),
  itemCount: z.number().int(),
  adjustmentId: z.string().optional().describe("set when the pending decision is an adjustment request on the plan (decide it with this ID)"),
});
export type PendingItem = z.infer<typeof PendingItemSchema>;

export const PendingApprovalsResponseSchema = z.object({ items: z.array(PendingItemSchema) });

export const DecideRequestSchema = z.object({
  planId: DocIdSchema,
  revision: z.number().int().positive().describe("the revision the approver read; a newer one is refused as stale"),
  decision: z.enum(["approve", "return"]),
  comment: z.string().max(2000).optional().default(""),
  adjustmentId: DocIdSchema.optional().describe("decide this adjustment request on the plan instead of a plan revision"),
});
export type DecideRequest = z.infer<typeof DecideRequestSchema>;

export const DecideResponseSchema = z.object({
  planId: z.string(),
  status: PlanStatusSchema,
  decision: DecisionSchema,
  message: z.object({ zh: z.string(), en: z.string() }),
  adjustmentId: z.string().optional(),
  adjustmentStatus: z.string().optional().describe("the request's status after an adjustment decision"),
});
