import * as z from "zod";
import { DocIdSchema } from "./common.js";
import { FieldValueSchema } from "./plans.js";

/**
 * The audit trail: one entry per state change of a plan, an item (task), an
 * approval, a roster record or a request, written in the change's own
 * transaction and never changed afterwards. Read per subject, newest first.
 */
export const AuditSubjectTypeSchema = z
  .string()
  .regex(/^[a-z][a-z-]{0,39}$/, "a subject type: plan, item, approval, roster, …")
  .describe("what changed: plan, item, approval, roster (or a later kind, such as an adjustment request)");

export const AuditSubjectSchema = z.object({ type: AuditSubjectTypeSchema, id: z.string() });
export type AuditSubject = z.infer<typeof AuditSubjectSchema>;

export const AuditActorSchema = z.object({
  email: z.string(),
  name: z.string(),
  actingFor: z.string().nullable().describe("the email of the manager a deputy acted for; null otherwise"),
});
export type AuditActor = z.infer<typeof AuditActorSchema>;

export const AuditEntrySchema = z.object({
  id: z.string(),
  subject: AuditSubjectSchema,
  planId: z.string().nullable().describe("the plan the subject belongs to, if any"),
  action: z.string().describe("submitted, resubmitted, added, removed, changed, approved, returned, issued, progress, steps, roster-changed, deactivated, …"),
  by: AuditActorSchema,
  at: z.string().describe("ISO instant of the change"),
  revision: z.number().int().nullable().describe("the plan revision the change concerns, where there is one"),
  from: z.record(z.string(), FieldValueSchema).describe("the changed fields before (only those that changed)"),
  to: z.record(z.string(), FieldValueSchema).describe("the changed fields after"),
  comment: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditTrailRequestSchema = z.object({ type: AuditSubjectTypeSchema, id: DocIdSchema });
export type AuditTrailRequest = z.infer<typeof AuditTrailRequestSchema>;

export const AuditTrailResponseSchema = z.object({
  subject: AuditSubjectSchema,
  timeZone: z.string().describe("the department's time zone (IANA name)"),
  entries: z.array(AuditEntrySchema).describe("newest first"),
});
export type AuditTrail = z.infer<typeof AuditTrailResponseSchema>;
