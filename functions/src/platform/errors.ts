import { type ErrorCode, STATUS_BY_CODE, type Text } from "@planops/shared";
import type { CellError, ErrorBody } from "@planops/shared/api";
export type { CellError } from "@planops/shared/api";

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

/** The answer to anything unexpected: no detail, and the promise the transactions keep. */
export const internalError = (): AppError =>
  new AppError("INTERNAL", {
    zh: "服务器内部错误，请稍后重试；数据未被部分写入",
    en: "Internal error; please retry. Nothing was partly written",
  });
