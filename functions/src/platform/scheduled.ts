/**
 * The HTTP functions Cloud Scheduler calls (POST, with a Google OIDC token of its
 * service account): runReminders and runScheduledRollup. Each is deployed on its own,
 * never routed through `api`, and verifies the scheduler's token itself.
 *
 * The moment a run is for comes from the request, so a retried trigger is the same
 * run: `{"at": "<ISO instant>"}` in the body, else the `X-CloudScheduler-ScheduleTime`
 * header Cloud Scheduler sends, else now.
 */
import type { HttpFunction, Request } from "@google-cloud/functions-framework";
import * as z from "zod";
import { idTokenVerifier } from "./auth.js";
import type { Config } from "./config.js";
import { AppError } from "./errors.js";
import { sendError } from "./http.js";

/** How far a requested moment may be from the function's clock: a retry comes late, never early. */
const MAX_FUTURE_MS = 10 * 60_000;
const MAX_PAST_MS = 48 * 3_600_000;
export const SCHEDULE_TIME_HEADER = "x-cloudscheduler-scheduletime";

const Instant = z.iso.datetime({ offset: true });
const BodySchema = z.object({ at: Instant.optional() });

const badRequest = (zh: string, en: string) => new AppError("BAD_REQUEST", { zh, en });

/** The body is optional; when there is one it is a JSON object (Cloud Scheduler may label it application/octet-stream). */
function bodyOf(req: Request): z.infer<typeof BodySchema> {
  const text = (req.rawBody ?? Buffer.alloc(0)).toString("utf8").trim();
  if (text === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest("请求体不是有效的 JSON", "The body is not valid JSON");
  }
  const parsed = BodySchema.safeParse(value);
  if (!parsed.success) throw badRequest('请求体应为 {"at": "<ISO 时间>"}', 'The body must be {"at": "<ISO instant>"}');
  return parsed.data;
}

/** The moment of the run: the body's `at`, else Cloud Scheduler's schedule time, else now; refused when far from now. */
export function momentOf(req: Request, now: Date): Date {
  const fromBody = bodyOf(req).at;
  const header = req.get(SCHEDULE_TIME_HEADER);
  if (fromBody === undefined && header !== undefined && !Instant.safeParse(header).success) {
    throw badRequest("X-CloudScheduler-ScheduleTime 不是有效的时间", "X-CloudScheduler-ScheduleTime is not an ISO instant");
  }
  const iso = fromBody ?? header;
  if (iso === undefined) return now;
  const at = new Date(iso);
  if (at.getTime() > now.getTime() + MAX_FUTURE_MS || at.getTime() < now.getTime() - MAX_PAST_MS) {
    throw badRequest(
      `运行时间 ${iso} 离当前时间太远（最多提前 10 分钟、延后 48 小时）`,
      `The moment ${iso} is too far from now (10 minutes ahead or 48 hours behind at most)`,
    );
  }
  return at;
}

export interface ScheduledJob {
  /** The function's name, for logs. */
  name: string;
  /** What the job is, for the refusal: "运行提醒" / "run reminders". */
  what: { zh: string; en: string };
  now: () => Date;
  /** Runs the job for the moment; its result is the answer's body. A throw answers non-2xx, so Cloud Scheduler retries. */
  run: (moment: Date) => Promise<unknown>;
}

/** A function only Cloud Scheduler's service account, with a token for the configured audience, may run. */
export function scheduledFunction(config: Config, job: ScheduledJob): HttpFunction {
  const { serviceAccount, audience } = config.scheduler;
  // The scheduler's token is verified like a user's (signature, issuer, expiry, verified email), for this function's audience and no hosted domain.
  const verify = audience ? idTokenVerifier({ ...config.auth, audiences: [audience], hostedDomain: undefined }) : undefined;
  return async (req, res) => {
    try {
      if (req.method !== "POST") {
        res.set("Allow", "POST");
        throw new AppError("METHOD_NOT_ALLOWED", { zh: "请使用 POST 方法", en: "Use POST" });
      }
      // A deployment without the scheduler's identity configured runs for no one (500, logged: it is ours to fix).
      if (!verify || !serviceAccount) throw new Error(`${job.name} is not configured: set SCHEDULER_SERVICE_ACCOUNT and SCHEDULER_AUDIENCE`);
      const identity = await verify(req.get("authorization"));
      if (identity.email !== serviceAccount) {
        console.warn(JSON.stringify({ severity: "WARNING", message: `${job.name} refused: not the scheduler's service account` }));
        throw new AppError("FORBIDDEN", {
          zh: `只有计划任务（Cloud Scheduler）的服务账号可以${job.what.zh}`,
          en: `Only the scheduler's service account may ${job.what.en}`,
        });
      }
      const result = await job.run(momentOf(req, job.now()));
      res.set("Cache-Control", "no-store");
      res.status(200).json(result);
    } catch (err) {
      sendError(res, err);
    }
  };
}
