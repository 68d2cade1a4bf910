import type { Report } from "@planops/shared/api";
import type { AddonContext } from "../addon-context.js";
import { linkDialogHtml } from "../dialogs/link-dialog.js";

/** A report's dialog: period, status, who generated it and when, the link (new tab), and that the analyst's text is kept. */
export function reportDialogHtml(ctx: Pick<AddonContext, "lang" | "t" | "workbook">, report: Report, heading: string): string {
  const d = ctx.t.dashboards.dialog;
  return linkDialogHtml({
    lang: ctx.lang,
    heading,
    facts: [
      [d.period, report.period],
      [d.status, d.reportStatus[report.status]],
      [d.generatedAt, ctx.workbook.formatTime(report.generatedAt)],
      [d.generatedBy, report.generatedBy.name],
      ...(report.publishedAt === null ? [] : [[d.publishedAt, ctx.workbook.formatTime(report.publishedAt)] as const]),
    ],
    link: { href: report.url, text: d.openReport, hint: d.newTab },
    notes: [d.analystTextKept],
    noLink: d.noLink,
    close: d.close,
  });
}
