import { alertFailure, type AddonContext } from "../addon-context.js";
import { bothLanguages } from "../i18n/messages.js";
import { activePlanSheet } from "./plan-sheet.js";

/** 下发计划: asks the backend to issue this sheet's approved plan to every owner. */
export function issuePlan(ctx: AddonContext): void {
  const plan = activePlanSheet(ctx);
  if (!plan) return;
  const planId = ctx.planIds.get(plan.sheet.sheetId);
  if (!planId) return ctx.ui.alert(ctx.t.noPlanYet);
  ctx.ui.toast(ctx.t.issuing);
  const result = ctx.api.call("issuePlan", { planId });
  if (!result.ok) return alertFailure(ctx, result.failure);
  ctx.ui.alert(bothLanguages(result.value.message, ctx.lang));
}
