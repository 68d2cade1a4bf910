import { monthPeriod } from "@planops/shared";
import type { AddonContext } from "../addon-context.js";
import { readPeriodInput } from "./period-input.js";

/**
 * Asks which period's report: this month when left empty. Null when the user
 * cancels, or typed something that is not a period (then told what is allowed).
 */
export function askReportPeriod(ctx: Pick<AddonContext, "t" | "ui" | "workbook">, action: "generate" | "publish"): string | null {
  const t = ctx.t.dashboards;
  const { year, month } = ctx.workbook.currentMonth();
  const thisMonth = monthPeriod(year, month).id;
  const typed = ctx.ui.ask(t.askReportPeriod(action, thisMonth));
  if (typed === null) return null;
  if (typed.trim() === "") return thisMonth;
  const period = readPeriodInput(typed);
  if (!period) {
    ctx.ui.alert(t.badPeriod(typed.trim()));
    return null;
  }
  return period.id;
}
