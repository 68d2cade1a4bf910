import { alertFailure, type AddonContext } from "../addon-context.js";
import { activeSheetFor, isIssued } from "./active-sheet.js";

/** 下发计划: asks the backend to issue this sheet's approved (monthly) plan to every owner. */
export function issuePlan(ctx: AddonContext): void {
  const target = activeSheetFor(ctx, ctx.t.menu.issuePlan, isIssued);
  if (!target) return;
  const planId = ctx.planIds.get(target.sheet.sheetId);
  if (!planId) return ctx.ui.alert(ctx.t.noPlanYet);
  ctx.ui.toast(ctx.t.issuing);
  const result = ctx.api.call("issuePlan", { planId });
  if (!result.ok) return alertFailure(ctx, result.failure);
  ctx.ui.alert(result.value.message[ctx.lang]);
}
