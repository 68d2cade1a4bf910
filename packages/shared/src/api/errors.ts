import * as z from "zod";

/** One bad cell of a submitted sheet, addressed the way the user sees it. */
export const CellErrorSchema = z.object({
  row: z.number().int().describe("1-based sheet row"),
  column: z.number().int().describe("1-based sheet column"),
  header: z.string().describe("the column's header as it appears in the sheet"),
  code: z.string().describe("stable machine-readable problem code"),
  message: z.object({ zh: z.string(), en: z.string() }).describe("the whole sentence: row, column, what is wrong and what is allowed"),
  problem: z.object({ zh: z.string(), en: z.string() }).describe("what is wrong and what is allowed, without the position (for a note on the cell itself)"),
});
export type CellError = z.infer<typeof CellErrorSchema>;

export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.object({ zh: z.string(), en: z.string() }),
    cells: z.array(CellErrorSchema).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
