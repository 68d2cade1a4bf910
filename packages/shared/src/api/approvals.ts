import { z } from "zod";
import { DecisionSchema, PlanStatusSchema } from "./plans.js";

export const PendingItemSchema = z.object({
  planId: z.string(),
  kind: z.literal("monthly"),
  title: z.object({ zh: z.string(), en: z.string() }),
  period: z.string(),
  department: z.string(),
  revision: z.number().int(),
  submittedBy: z.object({ email: z.string(), name: z.string() }),
  submittedAt: z.string(),
  taskCount: z.number().int(),
});
export type PendingItem = z.infer<typeof PendingItemSchema>;

export const PendingApprovalsResponseSchema = z.object({ items: z.array(PendingItemSchema) });

export const DecideRequestSchema = z.object({
  planId: z.string().min(1).max(300),
  revision: z.number().int().positive().describe("the revision the approver read; a newer one is refused as stale"),
  decision: z.enum(["approve", "return"]),
  comment: z.string().max(2000).optional().default(""),
});
export type DecideRequest = z.infer<typeof DecideRequestSchema>;

export const DecideResponseSchema = z.object({
  planId: z.string(),
  status: PlanStatusSchema,
  decision: DecisionSchema,
  message: z.object({ zh: z.string(), en: z.string() }),
});
