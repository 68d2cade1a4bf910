import type { HttpFunction, Request, Response } from "@google-cloud/functions-framework";
// zod/mini's functions take classic and mini schemas alike, and keep this module (on every cold start) light.
import * as z from "zod/mini";
import type { Member } from "@planops/shared/api";
import type { VerifyIdToken } from "./auth.js";
import type { Call, Deps, Outcome } from "./context.js";
import { MAX_BODY_BYTES, payloadTooLarge } from "./edge.js";
import { AppError, internalError } from "./errors.js";

export interface EndpointSpec<Req extends z.core.$ZodType, Res, D = Deps> {
  method: "GET" | "POST";
  request: Req;
  handle: (call: Call<D>, input: z.output<Req>) => Promise<Outcome<Res> | Res>;
}

const isOutcome = <T>(v: Outcome<T> | T): v is Outcome<T> => typeof v === "object" && v !== null && "body" in v;

function zodToAppError(error: z.core.$ZodError): AppError {
  const problems = error.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`).join("; ");
  return new AppError("BAD_REQUEST", { zh: `请求格式不正确：${problems}`, en: `Malformed request: ${problems}` });
}

const unsupportedMediaType = () =>
  new AppError("UNSUPPORTED_MEDIA_TYPE", {
    zh: "请求体必须是 UTF-8 编码的 JSON（Content-Type: application/json）",
    en: "The body must be JSON in UTF-8 (Content-Type: application/json)",
  });
const badBody = (zh: string, en: string) => new AppError("BAD_REQUEST", { zh, en });

/** "application/json; charset=UTF-8" → the media type and the charset (lower-case, unquoted), if any; two charsets are none of ours. */
function contentTypeOf(header: string | undefined): { type: string; charset: string | undefined } {
  const [type = "", ...params] = (header ?? "").split(";");
  const charsets = params
    .map((p) => p.trim())
    .filter((p) => /^charset\s*=/i.test(p))
    .map((p) =>
      p
        .replace(/^charset\s*=\s*/i, "")
        .replace(/^"(.*)"$/, "$1")
        .toLowerCase(),
    );
  return { type: type.trim().toLowerCase(), charset: charsets.length > 1 ? "(ambiguous)" : charsets[0] };
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Reads the input of a request: the query string for GET; for POST a JSON object,
 * parsed here from the raw bytes (the API edge has already held them to the size
 * limit and decoded any Content-Encoding), so every way a body can be wrong is one
 * of our codes, not the framework's page.
 */
function inputOf(req: Request, method: "GET" | "POST"): unknown {
  if (method === "GET") return { ...req.query };
  const { type, charset } = contentTypeOf(req.get("content-type"));
  if (type !== "application/json" || (charset !== undefined && charset !== "utf-8" && charset !== "utf8")) throw unsupportedMediaType();
  const raw = req.rawBody ?? Buffer.alloc(0);
  if (raw.length > MAX_BODY_BYTES) throw payloadTooLarge();
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    throw badBody("请求体不是有效的 UTF-8 文本", "The body is not valid UTF-8");
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badBody("请求体不是有效的 JSON", "The body is not valid JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw badBody("请求体必须是一个 JSON 对象", "The body must be a JSON object");
  return value;
}

/** Who the caller is, asked of every endpoint: the same for every function of a process (built by front-door.ts). */
export interface CallerCheck {
  verify: VerifyIdToken;
  /** The caller as the roster knows them (roles never come from the request). */
  loadCaller: (email: string) => Promise<Member>;
}

/** What every endpoint needs from the features it must not import: its dependencies, and delivering what a call enqueued. */
export interface EndpointRuntime<D> extends CallerCheck {
  deps: () => D;
  /** Delivers the outbox messages a committed call enqueued (endpoints that enqueue nothing need none). */
  deliver?: (deps: D, outboxIds: readonly string[]) => Promise<void>;
}

/**
 * One entry point per HTTP function: method, authentication, roster lookup,
 * schema validation, the handler, outbox delivery after commit, and the single
 * place where errors become HTTP statuses with stable codes.
 */
export function httpEndpoint<Req extends z.core.$ZodType, Res, D>(runtime: EndpointRuntime<D>, spec: EndpointSpec<Req, Res, D>): HttpFunction {
  return async (req: Request, res: Response) => {
    try {
      if (req.method !== spec.method) {
        res.set("Allow", spec.method);
        throw new AppError("METHOD_NOT_ALLOWED", { zh: `请使用 ${spec.method} 方法`, en: `Use ${spec.method}` });
      }
      const identity = await runtime.verify(req.get("authorization"));
      const caller = await runtime.loadCaller(identity.email);
      const parsed = z.safeParse(spec.request, inputOf(req, spec.method));
      if (!parsed.success) throw zodToAppError(parsed.error);
      const d = runtime.deps();
      const result = await spec.handle({ deps: d, caller }, parsed.data);
      const outcome: Outcome<Res> = isOutcome(result) ? result : { body: result };
      if (outcome.outbox?.length && runtime.deliver) {
        // Best effort right after commit; the scheduled dispatcher retries whatever is left.
        await runtime.deliver(d, outcome.outbox).catch((err: unknown) => {
          console.error(JSON.stringify({ severity: "WARNING", message: "outbox delivery deferred", error: String(err) }));
        });
      }
      res.status(200).json(outcome.body);
    } catch (err) {
      sendError(res, err);
    }
  };
}

export function sendError(res: Response, err: unknown): void {
  res.set("Cache-Control", "no-store");
  if (err instanceof AppError) {
    res.status(err.status).json(err.toBody());
    return;
  }
  console.error(JSON.stringify({ severity: "ERROR", message: err instanceof Error ? err.stack : String(err) }));
  res.status(500).json(internalError().toBody());
}
