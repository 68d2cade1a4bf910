import { z } from "zod";
import { GROUPS, ROLES } from "../templates/roster.js";

/** One person of the roster (人员名册): the only source of a caller's roles. */
export const MemberSchema = z.object({
  email: z
    .string()
    .email()
    .transform((e) => e.toLowerCase()),
  name: z.string().min(1).max(50),
  department: z.string().min(1).max(50),
  group: z.enum(GROUPS).nullable().default(null),
  roles: z.array(z.enum(ROLES)).min(1),
  supervisor: z.string().email().nullable().default(null),
  /** Managers a deputy may act for (副经理代理审批). */
  actsFor: z.array(z.string().email()).default([]),
  locale: z.enum(["zh", "en"]).default("zh"),
  active: z.boolean().default(true),
});
export type Member = z.infer<typeof MemberSchema>;

export const RosterResponseSchema = z.object({
  departments: z.array(z.string()),
  people: z.array(z.object({ email: z.string(), name: z.string(), department: z.string(), group: z.string().nullable(), label: z.string() })),
});
export type RosterResponse = z.infer<typeof RosterResponseSchema>;

/** The stored roster as rows of the roster template, to fill the roster sheet for HR. */
export const RosterRecordsResponseSchema = z.object({
  rows: z.array(
    z.object({
      name: z.string(),
      email: z.string(),
      department: z.string(),
      group: z.string().nullable(),
      roles: z.array(z.string()),
      supervisor: z.string().nullable(),
      actsFor: z.array(z.string()),
      language: z.enum(["zh", "en"]),
      active: z.enum(["active", "inactive"]),
    }),
  ),
});
