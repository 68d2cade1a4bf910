import type { Dashboard } from "@planops/shared/api";
import { type AddonContext, alertFailure } from "../addon-context.js";
import { dashboardDialogHtml } from "./dashboard-dialog.js";

/** 打开仪表板: the caller's dashboard in a dialog; when there is none yet, offers to write it (刷新仪表板). */
export function openDashboard(ctx: AddonContext): void {
  const t = ctx.t.dashboards;
  ctx.ui.toast(t.loadingDashboard);
  const result = ctx.api.call("dashboard", {});
  if (result.ok) return showDashboard(ctx, result.value, t.dialog.dashboardHeading);
  if (result.failure.code !== "NOT_FOUND") return alertFailure(ctx, result.failure);
  if (ctx.ui.confirm(t.noDashboardYet)) refreshDashboard(ctx);
}

/** 刷新仪表板: writes the dashboard from the last roll-up now, then shows it. */
export function refreshDashboard(ctx: AddonContext): void {
  const t = ctx.t.dashboards;
  ctx.ui.toast(t.refreshingDashboard);
  const result = ctx.api.call("refreshDashboard", {});
  if (!result.ok) return alertFailure(ctx, result.failure);
  showDashboard(ctx, result.value, t.dashboardRefreshed);
}

function showDashboard(ctx: AddonContext, dashboard: Dashboard, heading: string): void {
  ctx.ui.dialog(ctx.t.title, dashboardDialogHtml(ctx, dashboard, { heading, asOf: figuresAsOf(ctx, dashboard) }));
}

/**
 * The day the dashboard's figures are as of: the roll-up's, which the dashboard
 * itself does not carry. Only a detail of the dialog, so a view the caller may
 * not read (or any other failure) leaves it out rather than hiding the link.
 */
function figuresAsOf(ctx: AddonContext, dashboard: Dashboard): string | null {
  const view = ctx.api.call("rollupView", { period: dashboard.period, ...(dashboard.department === null ? {} : { department: dashboard.department }) });
  return view.ok ? view.value.asOf : null;
}
