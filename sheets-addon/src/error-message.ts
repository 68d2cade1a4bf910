/**
 * The message of anything thrown. Duck-typed rather than `instanceof Error`
 * because errors can come from another realm (Apps Script services, a test's vm context).
 */
export function errorMessage(error: unknown): string {
  if (typeof error === "object" && error !== null && "message" in error && typeof error.message === "string") {
    return error.message;
  }
  return String(error);
}
