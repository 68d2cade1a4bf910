import { type AddonContext, alertFailure } from "../addon-context.js";
import { askReportPeriod } from "./ask-period.js";

/** 发布报告: after a confirmation that says who is told, publishes the period's report (company management is e-mailed). */
export function publishReport(ctx: AddonContext): void {
  const period = askReportPeriod(ctx, "publish");
  if (period === null) return;
  const t = ctx.t.dashboards;
  if (!ctx.ui.confirm(t.confirmPublish(period))) return;
  ctx.ui.toast(t.publishingReport(period));
  const result = ctx.api.call("publishReport", { period });
  if (!result.ok) return alertFailure(ctx, result.failure);
  const report = result.value;
  ctx.ui.alert(t.reportPublished(report.period, ctx.workbook.formatTime(report.publishedAt ?? report.generatedAt)));
}
