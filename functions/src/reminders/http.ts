/**
 * runReminders: the HTTP function Cloud Scheduler calls (POST, with a Google OIDC
 * token of its service account; platform/scheduled.ts). Deployed on its own, never
 * routed through `api`.
 */
import type { HttpFunction } from "@google-cloud/functions-framework";
import type { Config } from "../platform/config.js";
import type { Deps } from "../platform/context.js";
import { scheduledFunction } from "../platform/scheduled.js";
import { runReminders } from "./run.js";

/** The runReminders function: only Cloud Scheduler's service account, with a token for this function's URL, may run it. */
export function runRemindersFunction(config: Config, deps: Deps): HttpFunction {
  return scheduledFunction(config, {
    name: "runReminders",
    what: { zh: "运行提醒", en: "run reminders" },
    now: deps.now,
    run: async (moment) => {
      const result = await runReminders(deps, moment);
      // Some event failed: a non-2xx answer makes Cloud Scheduler retry, and a retry sends only what is still missing.
      if (result.failed > 0) throw new Error(`reminder run for ${result.at} finished with ${result.failed} failed event(s)`);
      return result;
    },
  });
}
