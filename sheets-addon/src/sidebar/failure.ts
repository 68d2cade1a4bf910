/**
 * What a failed server call means to the page. The server throws its message in
 * the user's language ending with the code — "…（ALREADY_DECIDED）" or
 * "… (ALREADY_DECIDED)" (Messages.failure) — because google.script.run hands the
 * page nothing but that text. Pure, for unit tests.
 */

/** Someone else decided first, or the plan was resubmitted meanwhile: information, not an error. */
const DECIDED = new Set(["ALREADY_DECIDED", "STALE_REVISION"]);
/** Nothing wrong with the request itself: the server was unreachable or failed; the same call may well succeed shortly. */
const RETRYABLE = new Set(["NETWORK", "BAD_RESPONSE", "INTERNAL", "UNAVAILABLE"]);

export interface Failure {
  /** "decided": show as information and refresh; "retry": offer to try again; "refused": the answer stands. */
  kind: "decided" | "retry" | "refused";
  /** The message without its code; null when the call failed before any server answer (shown in the page's own words). */
  message: string | null;
  code: string | null;
}

export function parseFailure(text: string): Failure {
  const match = /^([\s\S]*?)\s*[（(]([A-Z][A-Z0-9_]*)[）)]\s*$/.exec(text);
  if (!match) {
    // Not the server's refusal: google.script.run itself failed (connection lost, the script crashed).
    return { kind: "retry", message: null, code: null };
  }
  const code = match[2] ?? "";
  const message = match[1] ?? "";
  return { kind: DECIDED.has(code) ? "decided" : RETRYABLE.has(code) ? "retry" : "refused", message, code };
}
