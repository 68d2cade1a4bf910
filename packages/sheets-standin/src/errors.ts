/** Google's canonical error statuses the stand-in answers with, by HTTP code. */
const STATUS = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
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
    /** Drive's errors also name a reason (`notFound`, `cannotRemoveOwner`) in an `errors` list. */
    readonly reason?: string,
  ) {
    super(message);
  }

  toBody(): { error: { code: number; message: string; status: string; errors?: { domain: string; reason: string; message: string }[] } } {
    const error = { code: this.code, message: this.message, status: STATUS[this.code] };
    return { error: this.reason ? { ...error, errors: [{ domain: "global", reason: this.reason, message: this.message }] } : error };
  }
}

export const invalid = (message: string): ApiError => new ApiError(400, message);
export const notFound = (message = "Requested entity was not found."): ApiError => new ApiError(404, message);
