import * as z from "zod";
import { OPTION_LISTS } from "../templates/types.js";
import { BilingualSchema } from "./common.js";

/** The entries of a configured list, for the dropdowns of a template's `configured` columns. */
export const ListOptionsRequestSchema = z.object({
  list: z.enum(OPTION_LISTS).describe("the list a configured column names, e.g. operations-indicators"),
});

export const ListOptionsResponseSchema = z.object({
  list: z.enum(OPTION_LISTS),
  options: z.array(
    z.object({
      value: z.string().describe("what the backend keeps, e.g. an indicator's code"),
      label: BilingualSchema.describe("what the dropdown shows, in each language; the backend reads it back"),
    }),
  ),
});
export type ListOptions = z.infer<typeof ListOptionsResponseSchema>;
