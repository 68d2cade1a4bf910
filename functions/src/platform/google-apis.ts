import type { Text } from "@planops/shared";
import { AppError } from "./errors.js";

const NETWORK_CODES = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EPIPE|EHOSTUNREACH|UND_ERR_)/;

/** Whether an error of a Google API client (Sheets, Drive) means the service could not be reached or asks to slow down: worth a retry, not our bug. */
export function isUnavailable(err: unknown): boolean {
  if (typeof err !== "object" || err === null) return false;
  const e = err as { status?: unknown; code?: unknown; cause?: unknown; response?: { status?: unknown } };
  const status = typeof e.status === "number" ? e.status : typeof e.response?.status === "number" ? e.response.status : undefined;
  if (status !== undefined) return status === 429 || status >= 500;
  if (typeof e.code === "string" && NETWORK_CODES.test(e.code)) return true;
  return e.cause !== undefined && e.cause !== err && isUnavailable(e.cause);
}

/**
 * Runs what writes through Google's APIs for a person waiting on it: when the
 * service cannot be reached, they are told so in plain words (503 UNAVAILABLE,
 * try again later) instead of an internal error. Everything else passes through.
 */
export async function whileGoogleAnswers<T>(what: Text, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (!isUnavailable(err)) throw err;
    console.warn(JSON.stringify({ severity: "WARNING", message: "Google API unavailable", error: String(err) }));
    throw new AppError("UNAVAILABLE", {
      zh: `暂时无法连接 Google 表格服务，${what.zh}未完成，请稍后再试`,
      en: `Google Sheets cannot be reached right now, so ${what.en} did not finish; please try again later`,
    });
  }
}
