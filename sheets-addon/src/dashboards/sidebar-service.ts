import { monthPeriod } from "@planops/shared";
import { type AddonContext, failureText } from "../addon-context.js";
import type { ApiResult } from "../api/client.js";
import type { DashboardServer } from "./contract.js";
import { dashboardCard, rollupSummary } from "./rollup-summary.js";
import { rollupOutcome } from "./run-rollup.js";

/**
 * The server side of the sidebar's 汇总 / 仪表板 view. As in the approvals
 * sidebar, a refusal is thrown with its message in the user's language ending
 * with the code, which is all google.script.run hands the page.
 */
export function dashboardSidebarService(ctx: Pick<AddonContext, "api" | "lang" | "t" | "workbook">): DashboardServer {
  const unwrap = <T>(result: ApiResult<T>): T => {
    if (result.ok) return result.value;
    throw new Error(failureText(ctx, result.failure));
  };
  const { formatTime } = ctx.workbook;
  return {
    sidebarRollupSummary: () => {
      const { year, month } = ctx.workbook.currentMonth();
      const view = unwrap(ctx.api.call("rollupView", { period: monthPeriod(year, month).id }));
      return rollupSummary(view, ctx.lang, ctx.t.sidebar.dashboard.company, formatTime);
    },
    sidebarDashboard: () => dashboardCard(unwrap(ctx.api.call("dashboard", {})), formatTime),
    sidebarRefreshDashboard: () => dashboardCard(unwrap(ctx.api.call("refreshDashboard", {})), formatTime),
    sidebarRunRollup: () => ({ message: rollupOutcome(ctx.t.dashboards, unwrap(ctx.api.call("runRollup", {})), formatTime) }),
  };
}
