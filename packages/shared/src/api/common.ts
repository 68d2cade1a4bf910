import * as z from "zod";
import { parsePeriod } from "../period.js";

export const BilingualSchema = z.object({ zh: z.string(), en: z.string() });
export const PersonSchema = z.object({ email: z.string(), name: z.string() });

/** A period id of any kind ("2027", "2027-Q1", "2027-01"), years 2000–2099. */
export const PeriodIdSchema = z
  .string()
  .max(10)
  .refine((s) => parsePeriod(s) !== undefined, "period must be YYYY, YYYY-Qn or YYYY-MM with a year from 2000 to 2099");

/** A real calendar day "YYYY-MM-DD". */
export const DaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be YYYY-MM-DD")
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, "not a real calendar date");

/** Document IDs the API hands out: one path segment, no control characters. */
export const DocIdSchema = z
  .string()
  .min(1)
  .max(300)
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what it refuses
  .regex(/^[^/\u0000-\u001f\u007f]+$/, "must not contain '/' or control characters")
  .refine((s) => s !== "." && s !== ".." && !/^__.*__$/.test(s), "not a valid ID");
