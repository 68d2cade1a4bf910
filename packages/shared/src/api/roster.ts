// zod/mini: these schemas are what a cold start of the backend answers with (its roster reads, before anything else
// loads), and mini's functions load in half the time of the classic API; they mix freely with classic schemas.
import * as z from "zod/mini";
import { GROUPS, ROLES } from "../templates/roster.js";

/** One person of the roster (人员名册): the only source of a caller's roles. */
export const MemberSchema = z.object({
  email: z.pipe(
    z.email(),
    z.transform((e: string) => e.toLowerCase()),
  ),
  name: z.string().check(z.minLength(1), z.maxLength(50)),
  department: z.string().check(z.minLength(1), z.maxLength(50)),
  group: z._default(z.nullable(z.enum(GROUPS)), null),
  roles: z.array(z.enum(ROLES)).check(z.minLength(1)),
  supervisor: z._default(z.nullable(z.email()), null),
  /** Managers a deputy may act for (副经理代理审批). */
  actsFor: z._default(z.array(z.email()), []),
  locale: z._default(z.enum(["zh", "en"]), "zh"),
  active: z._default(z.boolean(), true),
});
export type Member = z.infer<typeof MemberSchema>;

export const RosterResponseSchema = z.object({
  departments: z.array(z.string()),
  people: z.array(z.object({ email: z.string(), name: z.string(), department: z.string(), group: z.nullable(z.string()), label: z.string() })),
});
export type RosterResponse = z.infer<typeof RosterResponseSchema>;

/** Declared beside its schemas so the backend's cold-start entry serves it without loading every endpoint's schemas. */
export const ROSTER_ENDPOINT = {
  method: "GET",
  summary: "Departments and people for the sheet's dropdowns / 人员名册",
  request: z.object({}),
  response: RosterResponseSchema,
} as const;
