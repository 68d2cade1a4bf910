import { PLAN_ADJUSTMENT_KIND } from "@planops/shared";
import type { AddonContext } from "../addon-context.js";
import { activeSheetFor } from "../plans/active-sheet.js";
import { sendTable } from "../plans/send-table.js";

/**
 * 提交审核意见: on the adjustment request sheet, the planning group's opinions
 * (审核意见 column) go to the backend in one request; each reviewed request then
 * awaits its approver, and every row's 状态 is refreshed.
 */
export function reviewAdjustments(ctx: AddonContext): void {
  const target = activeSheetFor(ctx, ctx.t.menu.reviewAdjustments, (kind) => kind.id === PLAN_ADJUSTMENT_KIND.id);
  if (!target) return;
  sendTable(ctx, target, {
    progress: ctx.t.reviewingAdjustments,
    call: (table) => ctx.api.call("reviewAdjustments", table),
  });
}
