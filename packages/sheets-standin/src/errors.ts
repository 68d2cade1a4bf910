/** Google's canonical error statuses the stand-in answers with, by HTTP code. */
const STATUS = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  404: "NOT_FOUND",
  413: "INVALID_ARGUMENT",
  500: "INTERNAL",
} as const;

export type ErrorCode = keyof typeof STATUS;

/** An error in Google's JSON shape `{error:{code,message,status}}`, as the real API answers. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }

  toBody(): { error: { code: number; message: string; status: string } } {
    return { error: { code: this.code, message: this.message, status: STATUS[this.code] } };
  }
}

export const invalid = (message: string): ApiError => new ApiError(400, message);
export const notFound = (message = "Requested entity was not found."): ApiError => new ApiError(404, message);
