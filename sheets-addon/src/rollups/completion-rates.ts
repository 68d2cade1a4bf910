import { monthPeriod } from "@planops/shared";
import { alertFailure, type AddonContext } from "../addon-context.js";
import { ratesLayout } from "./rates-layout.js";

/**
 * 完成率: the report for the active template sheet's period, whatever its kind
 * (a month, quarter or year), or for the current month elsewhere (and on the
 * roster, which has no period).
 */
export function completionRates(ctx: AddonContext): void {
  const { year, month } = ctx.workbook.currentMonth();
  const period = ctx.workbook.activeSheet().marker()?.period ?? monthPeriod(year, month).id;
  ctx.ui.toast(ctx.t.loadingRates);
  const result = ctx.api.call("completionRates", { period });
  if (!result.ok) return alertFailure(ctx, result.failure);
  const layout = ratesLayout(result.value, ctx.t);
  ctx.workbook.writeReport(layout);
  ctx.ui.toast(ctx.t.ratesWritten(layout.sheetName));
}
