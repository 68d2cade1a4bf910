import * as z from "zod";

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
