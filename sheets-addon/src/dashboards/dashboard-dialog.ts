import type { Dashboard } from "@planops/shared/api";
import type { AddonContext } from "../addon-context.js";
import { linkDialogHtml } from "../dialogs/link-dialog.js";

/** The dashboard's dialog: which department, period, figures as of, last refreshed, and the link (new tab). */
export function dashboardDialogHtml(
  ctx: Pick<AddonContext, "lang" | "t" | "workbook">,
  dashboard: Dashboard,
  options: { heading: string; asOf: string | null },
): string {
  const d = ctx.t.dashboards.dialog;
  return linkDialogHtml({
    lang: ctx.lang,
    heading: options.heading,
    facts: [
      [d.department, dashboard.department ?? d.company],
      [d.period, dashboard.period],
      ...(options.asOf === null ? [] : [[d.asOf, options.asOf] as const]),
      [d.refreshedAt, ctx.workbook.formatTime(dashboard.refreshedAt)],
    ],
    link: { href: dashboard.url, text: d.openDashboard, hint: d.newTab },
    notes: [],
    noLink: d.noLink,
    close: d.close,
  });
}
