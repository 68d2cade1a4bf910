/**
 * runScheduledRollup: what runs on the roll-up's schedule (Cloud Scheduler → runScheduledRollup, and
 * `npm start`'s timer): the incremental roll-up for the moment, then every
 * dashboard rewritten from it, then the check for operations data still missing.
 * A dashboard that could not be written makes the answer non-2xx, so Cloud
 * Scheduler retries: the retried roll-up is already done, and only the dashboards
 * still behind are written again.
 */
import type { HttpFunction } from "@google-cloud/functions-framework";
import { refreshDashboards } from "../dashboards/refresh.js";
import { checkMissingOperationsData } from "../operations/check-missing.js";
import type { Config } from "../platform/config.js";
import type { Deps } from "../platform/context.js";
import { scheduledFunction } from "../platform/scheduled.js";
import { ROLLUP_SOURCES } from "../rollups/plan-items-source.js";
import { runRollup } from "../rollups/run-rollup.js";

export async function rollupJob(deps: Deps, moment: Date) {
  const rollup = await runRollup(deps, moment, ROLLUP_SOURCES);
  const dashboards = await refreshDashboards(deps, { onlyIfBehind: rollup.status === "already-done" });
  const missingData = await checkMissingOperationsData(deps, moment);
  if (dashboards.failed.length > 0) throw new Error(`roll-up for ${rollup.runFor}: dashboards not written: ${dashboards.failed.join(", ")}`);
  return { rollup, dashboards, missingData };
}

/** Cloud Scheduler calls it with its OIDC token (platform/scheduled.ts); the moment is the schedule time, so a retried trigger is the same run. */
export function runScheduledRollupFunction(config: Config, deps: Deps): HttpFunction {
  return scheduledFunction(config, {
    name: "runScheduledRollup",
    what: { zh: "运行汇总", en: "run the roll-up" },
    now: deps.now,
    run: (moment) => rollupJob(deps, moment),
  });
}
