import { z } from "zod";
import type { Text } from "../templates/index.js";

/** One bad cell of a submitted sheet, addressed the way the user sees it. */
export const CellErrorSchema = z.object({
  row: z.number().int().describe("1-based sheet row"),
  column: z.number().int().describe("1-based sheet column"),
  header: z.string().describe("the column's header as it appears in the sheet"),
  code: z.string().describe("stable machine-readable problem code"),
  message: z.object({ zh: z.string(), en: z.string() }),
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

const STATUS_BY_CODE = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 422,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_IN_ROSTER: 403,
  NOT_APPROVER: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  ALREADY_DECIDED: 409,
  STALE_REVISION: 409,
  PLAN_LOCKED: 409,
  NOT_APPROVED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INTERNAL: 500,
} as const;
export type ErrorCode = keyof typeof STATUS_BY_CODE;

/** An expected failure: a value with a stable code and a message in both languages, not a stack trace. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly text: Text;
  readonly cells: CellError[] | undefined;

  constructor(code: ErrorCode, text: Text, cells?: CellError[]) {
    super(`${code}: ${text.en}`);
    this.code = code;
    this.text = text;
    this.cells = cells;
  }

  get status(): number {
    return STATUS_BY_CODE[this.code];
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.text, ...(this.cells ? { cells: this.cells } : {}) } };
  }
}
