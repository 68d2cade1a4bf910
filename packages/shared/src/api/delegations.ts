import * as z from "zod";
import { BilingualSchema, DaySchema, DocIdSchema, PersonSchema } from "./common.js";

/** The longest a manager may look ahead: a delegation ends at most this many days after today. */
export const MAX_DELEGATION_DAYS_AHEAD = 90;

/**
 * One dated delegation (委托审批): the deputy decides for the manager from `from` to
 * `to`, both days inclusive in the department's time zone, unless revoked earlier.
 */
export const DelegationSchema = z.object({
  id: z.string(),
  manager: PersonSchema,
  deputy: PersonSchema,
  department: z.string(),
  from: z.string().describe("first day, YYYY-MM-DD, department time zone"),
  to: z.string().describe("last day (inclusive), YYYY-MM-DD, department time zone"),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  state: z.enum(["active", "upcoming"]).describe("active: today lies within from..to; upcoming: it starts later"),
});
export type Delegation = z.infer<typeof DelegationSchema>;

export const DelegateRequestSchema = z.object({
  deputy: z
    .string()
    .email()
    .transform((e) => e.toLowerCase())
    .describe("an active deputy manager of the caller's department"),
  from: DaySchema.describe("first day, not in the past"),
  to: DaySchema.describe(`last day (inclusive), at most ${MAX_DELEGATION_DAYS_AHEAD} days ahead`),
});
export type DelegateRequest = z.infer<typeof DelegateRequestSchema>;

export const DelegateResponseSchema = z.object({ delegation: DelegationSchema, message: BilingualSchema });

export const RevokeDelegationRequestSchema = z.object({ delegationId: DocIdSchema });

export const RevokeDelegationResponseSchema = z.object({ delegationId: z.string(), revokedAt: z.string(), message: BilingualSchema });

export const DelegationsResponseSchema = z.object({
  today: z.string().describe("today in the department's time zone"),
  /** Whether the caller is a department manager and so may delegate. */
  canDelegate: z.boolean(),
  /** The deputies the caller may choose (active deputies of their department); empty unless canDelegate. */
  deputies: z.array(PersonSchema),
  /** The caller's delegations as manager, current and upcoming, earliest first. */
  asManager: z.array(DelegationSchema),
  /** Delegations to the caller as deputy, current and upcoming, earliest first. */
  asDeputy: z.array(DelegationSchema),
});
export type DelegationsResponse = z.infer<typeof DelegationsResponseSchema>;
