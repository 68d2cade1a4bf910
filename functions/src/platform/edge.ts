/**
 * The API's edge inside functions-framework.
 *
 * The framework's express app reads and parses every request body with body-parser
 * (limit 1024 MB, whatever the function wants) before any function runs, and answers
 * what it cannot parse (bad JSON, an unsupported charset or Content-Encoding, a body
 * over its limit), unmatched routes and its own ignored paths (/favicon.ico,
 * /robots.txt) with HTML, plain text or an empty body. It offers no hook for that, so
 * `installApiEdge()` wraps the request entry of the framework's express app
 * (`express.application.handle`, copied into the app when functions-framework builds
 * it; install before the server is built). Before the framework sees a request:
 *
 * - the body is read here as it streams and held to MAX_BODY_BYTES, declared
 *   (Content-Length) or chunked; gzip, deflate and br bodies are decoded with the same
 *   limit on the decoded size; any other Content-Encoding is refused;
 * - the bytes are left on `req.rawBody`, where the framework itself puts them, and the
 *   finished request leaves body-parser nothing to do (it skips a request whose body
 *   is already read), so the functions parse the bytes themselves (platform/http.ts);
 * - every answer the framework would give itself is the JSON error envelope instead.
 *
 * Requests that never reach JavaScript (malformed HTTP, headers over Node's limit) are
 * answered by Node's HTTP parser, and in production by Google's front end: see
 * README "API errors".
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { createRequire } from "node:module";
import { brotliDecompress, gunzip, inflate } from "node:zlib";
import type { ErrorCode, Text } from "@planops/shared";
import { AppError, internalError } from "./errors.js";

/** The largest request body any function accepts, compressed or decoded. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;
/**
 * After a body is refused part-way, the rest is still read and discarded (up to this
 * much) so the client, which is still sending, can read the answer; past it the
 * connection is cut.
 */
const DISCARD_BYTES = 8 * 1024 * 1024;
/** Paths functions-framework answers itself with an empty 404 before any function runs. */
const FRAMEWORK_IGNORED_PATHS = ["/favicon.ico", "/robots.txt"];

type Decoder = (input: Buffer, options: { maxOutputLength: number }, callback: (err: Error | null, out: Buffer) => void) => void;
const DECODERS = new Map<string, Decoder>([
  ["gzip", gunzip],
  ["x-gzip", gunzip],
  ["deflate", inflate],
  ["br", brotliDecompress],
]);

const TEXT: Partial<Record<ErrorCode, Text>> = {
  BAD_REQUEST: { zh: "请求无法解析", en: "The request could not be read" },
  NOT_FOUND: { zh: "没有这个接口", en: "No such endpoint" },
  METHOD_NOT_ALLOWED: { zh: "不支持该请求方法", en: "Method not allowed" },
  PAYLOAD_TOO_LARGE: { zh: "提交的数据过大（上限 2 MB），请拆分表格", en: "The submission is too large (2 MB at most); split the sheet" },
  UNSUPPORTED_MEDIA_TYPE: { zh: "不支持该请求体格式", en: "Unsupported body format" },
};
const edgeError = (code: keyof typeof TEXT): AppError => new AppError(code, TEXT[code] ?? { zh: code, en: code });

export const payloadTooLarge = (): AppError => edgeError("PAYLOAD_TOO_LARGE");
const unsupportedEncoding = () =>
  new AppError("UNSUPPORTED_MEDIA_TYPE", {
    zh: "不支持该 Content-Encoding：请发送未压缩的请求体（或 gzip、deflate、br）",
    en: "Unsupported Content-Encoding: send the body uncompressed (or gzip, deflate, br)",
  });
const corruptBody = (coding: string) => new AppError("BAD_REQUEST", { zh: `请求体不是有效的 ${coding} 压缩数据`, en: `The body is not valid ${coding} data` });

/** The client went away before its request was read: there is no one to answer. */
class ClientGone extends Error {}

/** Writes the error envelope with Node's own response API (before express, and after it). */
export function writeEnvelope(res: ServerResponse, error: AppError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify(error.toBody());
  res.statusCode = error.status;
  res.setHeader("Content-Type", "application/json; charset=utf-8");
  res.setHeader("Content-Length", Buffer.byteLength(body));
  res.setHeader("Cache-Control", "no-store");
  res.end(body);
}

/** Reads the whole body as it streams; refuses it as soon as it passes `limit` bytes. */
function collect(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (then: () => void) => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onGone);
      req.off("close", onClose);
      then();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) settle(() => reject(payloadTooLarge()));
      else chunks.push(chunk);
    };
    const onEnd = () => settle(() => resolve(Buffer.concat(chunks, size)));
    const onGone = () => settle(() => reject(new ClientGone()));
    const onClose = () => {
      if (!req.complete) onGone();
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onGone);
    req.on("close", onClose);
  });
}

function decode(decoder: Decoder, coding: string, raw: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    decoder(raw, { maxOutputLength: MAX_BODY_BYTES }, (err, out) => {
      if (!err) resolve(out);
      else reject((err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE" ? payloadTooLarge() : corruptBody(coding));
    });
  });
}

/** The request body, read and decoded within the limit; an AppError when it cannot be. */
async function readBody(req: IncomingMessage): Promise<Buffer> {
  const declared = req.headers["content-length"];
  if (declared !== undefined && Number(declared) > MAX_BODY_BYTES) throw payloadTooLarge();
  const coding = (req.headers["content-encoding"] ?? "").trim().toLowerCase();
  const decoder = coding === "" || coding === "identity" ? undefined : DECODERS.get(coding);
  if (coding !== "" && coding !== "identity" && !decoder) throw unsupportedEncoding();
  const raw = await collect(req, MAX_BODY_BYTES);
  return decoder ? decode(decoder, coding, raw) : raw;
}

/** Reads off what the client is still sending, so it can read the answer; cuts the connection past DISCARD_BYTES. */
function discardRest(req: IncomingMessage): void {
  let discarded = 0;
  req.on("data", (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > DISCARD_BYTES) req.socket.destroy();
  });
  req.resume();
}

/** Before the framework: the paths it would answer itself, then the body. True when the framework may go on. */
async function beforeFramework(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  req.on("error", () => {}); // a client that hangs up mid-body is not a crash
  res.setHeader("X-Content-Type-Options", "nosniff");
  try {
    const path = (req.url ?? "/").split("?")[0]?.toLowerCase() ?? "/";
    if (FRAMEWORK_IGNORED_PATHS.some((p) => path === p || path.startsWith(`${p}/`))) throw edgeError("NOT_FOUND");
    (req as IncomingMessage & { rawBody?: Buffer }).rawBody = await readBody(req);
    return true;
  } catch (err) {
    if (err instanceof ClientGone) {
      req.destroy();
      return false;
    }
    if (!req.complete) discardRest(req);
    writeEnvelope(res, err instanceof AppError ? err : unexpected(err));
    return false;
  }
}

function unexpected(err: unknown): AppError {
  console.error(JSON.stringify({ severity: "ERROR", message: "unexpected error at the API edge", error: err instanceof Error ? err.stack : String(err) }));
  return internalError();
}

const CODE_BY_STATUS: Readonly<Record<number, keyof typeof TEXT>> = {
  400: "BAD_REQUEST",
  404: "NOT_FOUND",
  405: "METHOD_NOT_ALLOWED",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
};

/** Where the framework's final handler would write its HTML page: no route matched (no error), or a middleware failed. */
export function afterFramework(res: ServerResponse, err?: unknown): void {
  if (err === undefined || err === null) return writeEnvelope(res, edgeError("NOT_FOUND"));
  if (err instanceof AppError) return writeEnvelope(res, err);
  const e = (typeof err === "object" && err !== null ? err : {}) as { status?: unknown; statusCode?: unknown };
  const status = Number(e.status ?? e.statusCode);
  const code = CODE_BY_STATUS[status] ?? (status >= 400 && status < 500 ? "BAD_REQUEST" : undefined);
  writeEnvelope(res, code ? edgeError(code) : unexpected(err));
}

type Handle = (this: unknown, req: IncomingMessage, res: ServerResponse, callback?: (err?: unknown) => void) => void;
interface ExpressApplication {
  handle?: Handle;
}
const INSTALLED = Symbol.for("planops.apiEdge");

/** The express module functions-framework builds its app with (its own dependency, resolved from it). */
function frameworkExpress(): { application?: ExpressApplication } {
  const fromHere = createRequire(import.meta.url);
  return createRequire(fromHere.resolve("@google-cloud/functions-framework"))("express") as { application?: ExpressApplication };
}

/**
 * Puts the edge in front of every express app functions-framework builds from now on
 * (idempotent). Returns false, after logging why, when the framework's express is not
 * shaped as expected (an upgrade): the functions then still work, with the framework's
 * own pages for what they never see.
 */
export function installApiEdge(): boolean {
  let proto: (ExpressApplication & { [INSTALLED]?: true }) | undefined;
  try {
    proto = frameworkExpress().application;
  } catch (err) {
    console.error(JSON.stringify({ severity: "ERROR", message: "API edge not installed: functions-framework's express not found", error: String(err) }));
    return false;
  }
  const frameworkHandle = proto?.handle;
  if (!proto || typeof frameworkHandle !== "function") {
    console.error(JSON.stringify({ severity: "ERROR", message: "API edge not installed: functions-framework's express has no application.handle" }));
    return false;
  }
  if (proto[INSTALLED]) return true;
  proto.handle = function handle(this: unknown, req, res, callback) {
    // A mounted sub-app is handed its parent's callback: the edge is only the server's entry.
    if (callback) return frameworkHandle.call(this, req, res, callback);
    beforeFramework(req, res)
      .then((goOn) => {
        if (goOn) frameworkHandle.call(this, req, res, (err?: unknown) => afterFramework(res, err));
      })
      .catch((err: unknown) => afterFramework(res, err));
  };
  Object.defineProperty(proto, INSTALLED, { value: true });
  return true;
}
