import type { CellError, EndpointName, RequestOf, ResponseOf } from "@planops/shared/api";
import { ENDPOINT_METHODS, type Text } from "@planops/shared";
import { errorMessage } from "../error-message.js";
import { messagesFor } from "../i18n/messages.js";

/** One HTTP exchange, synchronous like UrlFetchApp; injected so this module stays pure. */
export interface HttpRequest {
  method: "GET" | "POST";
  url: string;
  headers: Record<string, string>;
  /** JSON text of a POST; its Content-Type is always application/json. */
  body?: string;
}
export interface HttpResponse {
  status: number;
  body: string;
}
export type Transport = (request: HttpRequest) => HttpResponse;

/** A failure as the user should see it: the backend's envelope, or one made up for transport problems. */
export interface ApiFailure {
  status: number;
  code: string;
  message: Text;
  cells: CellError[];
}
export type ApiResult<T> = { ok: true; value: T } | { ok: false; failure: ApiFailure };

export interface ApiClient {
  call<N extends EndpointName>(name: N, input: RequestOf<N>): ApiResult<ResponseOf<N>>;
}

export interface ApiClientOptions {
  baseUrl: string;
  /**
   * Called per request: Apps Script identity tokens expire after an hour.
   * ScriptApp.getIdentityToken() returns null when the openid scope is not granted.
   */
  identityToken: () => string | null | undefined;
  transport: Transport;
}

export function endpointUrl(baseUrl: string, name: EndpointName, query?: Record<string, unknown>): string {
  const base = baseUrl.replace(/\/+$/, "");
  const pairs = Object.entries(query ?? {})
    .filter((entry): entry is [string, string | number | boolean] => ["string", "number", "boolean"].includes(typeof entry[1]))
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return `${base}/${name}${pairs.length ? `?${pairs.join("&")}` : ""}`;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  return {
    call<N extends EndpointName>(name: N, input: RequestOf<N>): ApiResult<ResponseOf<N>> {
      const method = ENDPOINT_METHODS[name];
      const token = readToken(options.identityToken);
      // Never "Bearer null": without a token the backend could only refuse, and the user must reauthorise.
      if (!token) return { ok: false, failure: noIdentityToken() };
      const headers = { Authorization: `Bearer ${token}` };
      const request: HttpRequest =
        method === "GET"
          ? { method, url: endpointUrl(options.baseUrl, name, input), headers }
          : { method, url: endpointUrl(options.baseUrl, name), headers, body: JSON.stringify(input) };
      let response: HttpResponse;
      try {
        response = options.transport(request);
      } catch (e) {
        return { ok: false, failure: networkFailure(e) };
      }
      return interpretResponse<ResponseOf<N>>(response);
    },
  };
}

/** The token, or null when there is none; a throwing getter (a missing permission) counts as none. */
function readToken(identityToken: () => string | null | undefined): string | null {
  let token: unknown;
  try {
    token = identityToken();
  } catch {
    return null;
  }
  return typeof token === "string" && token.trim() !== "" ? token.trim() : null;
}

function noIdentityToken(): ApiFailure {
  return {
    status: 0,
    code: "NO_IDENTITY_TOKEN",
    message: { zh: messagesFor("zh").noIdentityToken, en: messagesFor("en").noIdentityToken },
    cells: [],
  };
}

/**
 * Turns a response into a result. A 2xx body is trusted to be the endpoint's
 * response (the backend validates its own output); anything else must be the
 * `{ error: { code, message: {zh,en}, cells? } }` envelope, or it is reported as such.
 */
function interpretResponse<T>(response: HttpResponse): ApiResult<T> {
  const parsed = parseJson(response.body);
  if (response.status >= 200 && response.status < 300) {
    return parsed === undefined || parsed === null || typeof parsed !== "object"
      ? { ok: false, failure: badResponse(response.status) }
      : { ok: true, value: parsed as T };
  }
  return { ok: false, failure: parseErrorEnvelope(parsed, response.status) ?? badResponse(response.status) };
}

function parseErrorEnvelope(body: unknown, status: number): ApiFailure | undefined {
  if (!isRecord(body) || !isRecord(body.error)) return undefined;
  const { code, message, cells } = body.error;
  if (typeof code !== "string" || !isText(message)) return undefined;
  return { status, code, message, cells: Array.isArray(cells) ? cells.filter(isCellError) : [] };
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

function badResponse(status: number): ApiFailure {
  return {
    status,
    code: "BAD_RESPONSE",
    message: {
      zh: `服务器返回了无法识别的响应（HTTP ${status}），请稍后再试或联系管理员。`,
      en: `The server sent a response that could not be understood (HTTP ${status}); try again later or contact the administrator.`,
    },
    cells: [],
  };
}

function networkFailure(error: unknown): ApiFailure {
  const detail = errorMessage(error);
  return {
    status: 0,
    code: "NETWORK",
    message: { zh: `无法连接服务器：${detail}`, en: `Could not reach the server: ${detail}` },
    cells: [],
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function isText(v: unknown): v is Text {
  return isRecord(v) && typeof v.zh === "string" && typeof v.en === "string";
}

function isCellError(v: unknown): v is CellError {
  return (
    isRecord(v) &&
    typeof v.row === "number" &&
    typeof v.column === "number" &&
    typeof v.header === "string" &&
    typeof v.code === "string" &&
    isText(v.message) &&
    isText(v.problem)
  );
}
