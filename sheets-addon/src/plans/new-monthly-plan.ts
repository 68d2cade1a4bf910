import { MONTHLY_PLAN, nextMonthPeriod } from "@planops/shared";
import { alertFailure, type AddonContext } from "../addon-context.js";
import { templateLayout } from "./template-layout.js";

/**
 * 新建模板 › 月度计划: monthly plans are drafted at month end for the next
 * month, so the sheet is for next month. A plan sheet for that month is found
 * by its marker (not its name, which depends on the creator's language).
 */
export function newMonthlyPlan(ctx: AddonContext): void {
  const period = nextMonthPeriod(ctx.workbook.currentMonth());
  const existing = ctx.workbook.sheets().find((s) => {
    const marker = s.marker();
    return marker?.templateId === MONTHLY_PLAN.id && marker.period === period;
  });
  if (existing) {
    existing.activate();
    return ctx.ui.alert(ctx.t.planSheetExists(existing.name));
  }

  const roster = ctx.api.call("roster", {});
  if (!roster.ok) return alertFailure(ctx, roster.failure);
  const layout = templateLayout({ template: MONTHLY_PLAN, lang: ctx.lang, period, roster: roster.value, t: ctx.t });
  if (ctx.workbook.hasSheetNamed(layout.sheetName)) return ctx.ui.alert(ctx.t.sheetNameTaken(layout.sheetName));
  ctx.workbook.createTemplateSheet(layout);
  ctx.ui.toast(ctx.t.planSheetCreated(layout.sheetName));
}
