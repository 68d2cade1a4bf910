import { type AddonContext, alertFailure } from "../addon-context.js";
import { askReportPeriod } from "./ask-period.js";
import { reportDialogHtml } from "./report-dialog.js";

/** 生成报告: (re)generates the period's data-analysis report and shows its link; the analyst's conclusions stay. */
export function generateReport(ctx: AddonContext): void {
  const period = askReportPeriod(ctx, "generate");
  if (period === null) return;
  const t = ctx.t.dashboards;
  ctx.ui.toast(t.generatingReport(period));
  const result = ctx.api.call("generateReport", { period });
  if (!result.ok) return alertFailure(ctx, result.failure);
  ctx.ui.dialog(ctx.t.title, reportDialogHtml(ctx, result.value, t.reportGenerated(result.value.period)));
}
