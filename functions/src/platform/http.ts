import type { HttpFunction, Request, Response } from "@google-cloud/functions-framework";
import type { z } from "zod";
import type { Member } from "@planops/shared/api";
import type { VerifyIdToken } from "./auth.js";
import type { Call, Deps, Outcome } from "./context.js";
import { AppError } from "./errors.js";

const MAX_BODY_BYTES = 2 * 1024 * 1024;

export interface EndpointSpec<Req extends z.ZodType, Res> {
  method: "GET" | "POST";
  request: Req;
  handle: (call: Call, input: z.output<Req>) => Promise<Outcome<Res> | Res>;
}

const isOutcome = <T>(v: Outcome<T> | T): v is Outcome<T> => typeof v === "object" && v !== null && "body" in v;

function zodToAppError(error: z.ZodError): AppError {
  const problems = error.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`).join("; ");
  return new AppError("BAD_REQUEST", { zh: `请求格式不正确：${problems}`, en: `Malformed request: ${problems}` });
}

/** Reads the input of a request: the query string for GET, a JSON object for POST. */
function inputOf(req: Request, method: "GET" | "POST"): unknown {
  if (method === "GET") return { ...req.query };
  if (!req.is("application/json")) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", {
      zh: "请求体必须是 JSON（Content-Type: application/json）",
      en: "The body must be JSON (Content-Type: application/json)",
    });
  }
  if (Number(req.get("content-length") ?? 0) > MAX_BODY_BYTES) {
    throw new AppError("PAYLOAD_TOO_LARGE", {
      zh: "提交的数据过大（上限 2 MB），请拆分表格",
      en: "The submission is too large (2 MB at most); split the sheet",
    });
  }
  return req.body;
}

/**
 * One entry point per HTTP function: method, authentication, roster lookup,
 * schema validation, the handler, outbox delivery after commit, and the single
 * place where errors become HTTP statuses with stable codes.
 */
/** What every endpoint needs from the features it must not import: who the caller is, and delivering what a call enqueued. */
export interface EndpointRuntime {
  deps: () => Deps;
  verify: () => VerifyIdToken;
  /** The caller as the roster knows them (roles never come from the request). */
  loadCaller: (deps: Deps, email: string) => Promise<Member>;
  /** Delivers the outbox messages a committed call enqueued. */
  deliver: (deps: Deps, outboxIds: readonly string[]) => Promise<void>;
}

export function httpEndpoint<Req extends z.ZodType, Res>(runtime: EndpointRuntime, spec: EndpointSpec<Req, Res>): HttpFunction {
  return async (req: Request, res: Response) => {
    try {
      if (req.method !== spec.method) {
        res.set("Allow", spec.method);
        throw new AppError("METHOD_NOT_ALLOWED", { zh: `请使用 ${spec.method} 方法`, en: `Use ${spec.method}` });
      }
      const d = runtime.deps();
      const identity = await runtime.verify()(req.get("authorization"));
      const caller = await runtime.loadCaller(d, identity.email);
      const parsed = spec.request.safeParse(inputOf(req, spec.method));
      if (!parsed.success) throw zodToAppError(parsed.error);
      const result = await spec.handle({ deps: d, caller }, parsed.data);
      const outcome: Outcome<Res> = isOutcome(result) ? result : { body: result };
      if (outcome.outbox?.length) {
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
  if (err instanceof AppError) {
    res.status(err.status).json(err.toBody());
    return;
  }
  console.error(JSON.stringify({ severity: "ERROR", message: err instanceof Error ? err.stack : String(err) }));
  const internal = new AppError("INTERNAL", {
    zh: "服务器内部错误，请稍后重试；数据未被部分写入",
    en: "Internal error; please retry. Nothing was partly written",
  });
  res.status(500).json(internal.toBody());
}
