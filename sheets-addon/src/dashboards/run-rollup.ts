import type { RunRollupResponse } from "@planops/shared/api";
import { type AddonContext, alertFailure } from "../addon-context.js";
import type { DashboardMessages } from "../i18n/dashboard-messages.js";

/** 立即汇总: runs the roll-up now and says how many records changed and when it finished. */
export function runRollup(ctx: AddonContext): void {
  ctx.ui.toast(ctx.t.dashboards.runningRollup);
  const result = ctx.api.call("runRollup", {});
  if (!result.ok) return alertFailure(ctx, result.failure);
  ctx.ui.alert(rollupOutcome(ctx.t.dashboards, result.value, ctx.workbook.formatTime));
}

/** A run in words: what changed and when it finished, or that a run for this moment had already done the work. */
export function rollupOutcome(t: DashboardMessages, run: RunRollupResponse, formatTime: (iso: string) => string): string {
  const finishedAt = formatTime(run.computedAt);
  return run.status === "done" ? t.rollupDone(run.changedRecords, finishedAt) : t.rollupAlreadyDone(finishedAt);
}
