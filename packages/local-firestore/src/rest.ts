import type { IncomingMessage, ServerResponse } from "node:http";
import { status } from "@grpc/grpc-js";
import { invalidArgument, notFound, RpcError, unimplemented } from "./errors.js";
import { documentJson, type Json, jsonText, listJson } from "./rest-json.js";
import type { FirestoreService } from "./service.js";
import type { DocumentMask, Timestamp } from "./types.js";

const RESET_PATH = /^\/emulator\/v1\/(projects\/[^/]+\/databases\/[^/]+)\/documents\/?$/;

/** The HTTP status Google's REST APIs answer for each gRPC code. */
const HTTP_STATUS: Record<status, number> = {
  [status.OK]: 200,
  [status.CANCELLED]: 499,
  [status.UNKNOWN]: 500,
  [status.INVALID_ARGUMENT]: 400,
  [status.DEADLINE_EXCEEDED]: 504,
  [status.NOT_FOUND]: 404,
  [status.ALREADY_EXISTS]: 409,
  [status.PERMISSION_DENIED]: 403,
  [status.RESOURCE_EXHAUSTED]: 429,
  [status.FAILED_PRECONDITION]: 400,
  [status.ABORTED]: 409,
  [status.OUT_OF_RANGE]: 400,
  [status.UNIMPLEMENTED]: 501,
  [status.INTERNAL]: 500,
  [status.UNAVAILABLE]: 503,
  [status.DATA_LOSS]: 500,
  [status.UNAUTHENTICATED]: 401,
};

/** Query parameters every Google API accepts (camelCased); none but prettyPrint changes an answer here. */
const STANDARD_PARAMS = new Set(["alt", "prettyPrint", "key", "accessToken", "quotaUser", "$.xgafv"]);

type Params = Map<string, string[]>;

/** Query parameters by camelCase name: Google binds the proto's snake_case names too. */
function readParams(search: URLSearchParams, accepted: readonly string[]): Params {
  const params: Params = new Map();
  for (const [raw, value] of search) {
    const name = raw.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());
    if (name === "fields") throw unimplemented("A partial response (the fields parameter)");
    if (name === "alt" && value !== "json") throw invalidArgument(`Unsupported alt "${value}": only alt=json is allowed.`);
    if (name === "prettyPrint" && value !== "true" && value !== "false") {
      throw invalidArgument(`Invalid value at 'prettyPrint' (TYPE_BOOL), "${value}": true or false is allowed.`);
    }
    if (!accepted.includes(name) && !STANDARD_PARAMS.has(name)) {
      throw invalidArgument(`Unknown query parameter "${raw}"; allowed: ${accepted.join(", ")}.`);
    }
    params.set(name, [...(params.get(name) ?? []), value]);
  }
  return params;
}

function single(params: Params, name: string): string | undefined {
  const values = params.get(name);
  if (values && values.length > 1) throw invalidArgument(`Query parameter "${name}" was given ${values.length} times; it takes one value.`);
  return values?.[0];
}

function booleanParam(params: Params, name: string): boolean | undefined {
  const text = single(params, name);
  if (text === undefined) return undefined;
  if (text !== "true" && text !== "false") throw invalidArgument(`Invalid value at '${name}' (TYPE_BOOL), "${text}": true or false is allowed.`);
  return text === "true";
}

const MAX_INT32 = 2_147_483_647;

function pageSizeParam(params: Params): number | undefined {
  const text = single(params, "pageSize");
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) > MAX_INT32) {
    throw invalidArgument(`Invalid value at 'pageSize' (TYPE_INT32), "${text}": a whole number from 0 to ${MAX_INT32} is allowed.`);
  }
  return Number(text);
}

const RFC3339 = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/;

function readTimeParam(params: Params): Timestamp | undefined {
  const text = single(params, "readTime");
  if (text === undefined) return undefined;
  const match = RFC3339.exec(text);
  const millis = match ? Date.parse(`${match[1]}${match[3]}`) : Number.NaN;
  if (!match || Number.isNaN(millis)) {
    throw invalidArgument(
      `Invalid value at 'readTime' (google.protobuf.Timestamp), "${text}": an RFC 3339 time such as 2026-12-02T08:21:35.123456Z is allowed.`,
    );
  }
  return { seconds: String(millis / 1000), nanos: Number((match[2] ?? "").padEnd(9, "0")) };
}

function maskParam(params: Params): DocumentMask | undefined {
  const fieldPaths = params.get("mask.fieldPaths");
  return fieldPaths ? { fieldPaths } : undefined;
}

/** A transaction id in a URL may use base64's URL-safe alphabet; the service keys them by the standard one. */
function transactionParam(params: Params): string | undefined {
  return single(params, "transaction")?.replace(/-/g, "+").replace(/_/g, "/");
}

async function getDocument(service: FirestoreService, name: string, search: URLSearchParams): Promise<Json> {
  const params = readParams(search, ["mask.fieldPaths", "transaction", "readTime"]);
  const transaction = transactionParam(params);
  const readTime = readTimeParam(params);
  if (transaction && readTime) throw invalidArgument("Give either transaction or readTime, not both.");
  return documentJson(await service.getDocument({ name, mask: maskParam(params), transaction, readTime }));
}

function listDocuments(service: FirestoreService, parent: string, collectionId: string, search: URLSearchParams): Json {
  const params = readParams(search, ["pageSize", "pageToken", "orderBy", "mask.fieldPaths", "transaction", "readTime", "showMissing"]);
  // ListDocuments ignores a transaction, so a transactional listing would silently read outside it.
  if (params.has("transaction")) throw unimplemented("ListDocuments inside a transaction");
  return listJson(
    service.listDocuments({
      parent,
      collectionId,
      pageSize: pageSizeParam(params),
      pageToken: single(params, "pageToken"),
      orderBy: single(params, "orderBy"),
      mask: maskParam(params),
      readTime: readTimeParam(params),
      showMissing: booleanParam(params, "showMissing"),
    }),
  );
}

function decodeSegment(segment: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    throw invalidArgument(`Invalid percent-encoding in path segment "${segment}".`);
  }
  if (decoded.includes("/")) throw invalidArgument(`Path segment "${segment}" decodes to an id containing "/", which no id may contain.`);
  return decoded;
}

/**
 * `/v1/projects/P/databases/D/documents/...`: an even number of segments after `documents` names a
 * document (get), an odd number a collection (list its documents).
 */
async function answerV1(service: FirestoreService, method: string, url: URL): Promise<Json> {
  const segments = url.pathname.split("/").slice(1).map(decodeSegment);
  const [v1, projects, , databases, , documents, ...path] = segments;
  if (v1 !== "v1" || projects !== "projects" || databases !== "databases" || documents !== "documents" || path.length === 0) {
    throw notFound(`No REST route ${method} ${url.pathname}; the local Firestore server serves GET /v1/projects/P/databases/D/documents/PATH.`);
  }
  if (method !== "GET") {
    throw unimplemented(`${method} ${url.pathname} over REST (only GET of a document or of a collection's documents is served; write through gRPC)`);
  }
  const database = segments.slice(1, 5).join("/");
  if (path.length % 2 === 0) return getDocument(service, `${database}/documents/${path.join("/")}`, url.searchParams);
  const parent = [`${database}/documents`, ...path.slice(0, -1)].join("/");
  return listDocuments(service, parent, path.at(-1) ?? "", url.searchParams);
}

/** The database the emulator's reset endpoint names, if this request is one. */
function resetTarget(method: string, pathname: string): string | undefined {
  if (method !== "DELETE") return undefined;
  try {
    return RESET_PATH.exec(decodeURIComponent(pathname))?.[1];
  } catch {
    return undefined;
  }
}

function errorJson(error: unknown): { code: number; json: Json } {
  if (!(error instanceof RpcError)) console.error("[local-firestore] internal error:", error);
  const rpc = error instanceof RpcError ? error : new RpcError(status.INTERNAL, `Internal error: ${error instanceof Error ? error.message : String(error)}`);
  const code = HTTP_STATUS[rpc.code];
  return { code, json: { error: { code, message: rpc.message, status: status[rpc.code] } } };
}

/**
 * The HTTP/1.1 side of the port, as on the official emulator: `GET /` answers "Ok" (readiness),
 * `DELETE /emulator/v1/projects/P/databases/D/documents` empties that database, and Firestore's v1
 * REST API serves document reads (get, list) with Google's JSON and error shapes.
 */
export function restHandler(service: FirestoreService) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    const url = new URL(request.url ?? "/", "http://localhost");
    const method = request.method ?? "GET";
    const reset = resetTarget(method, url.pathname);
    if (reset) {
      service.clearDatabase(reset);
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    } else if (method === "GET" && url.pathname === "/") {
      response.writeHead(200, { "content-type": "text/plain" }).end("Ok\n");
    } else if (url.pathname.startsWith("/v1/")) {
      const pretty = url.searchParams.get("prettyPrint") !== "false";
      const send = ({ code, json }: { code: number; json: Json }) =>
        response.writeHead(code, { "content-type": "application/json; charset=UTF-8" }).end(jsonText(json, pretty));
      answerV1(service, method, url).then(
        (json) => send({ code: 200, json }),
        (error: unknown) => send(errorJson(error)),
      );
    } else {
      response.writeHead(404, { "content-type": "text/plain" }).end("Not found\n");
    }
  };
}
