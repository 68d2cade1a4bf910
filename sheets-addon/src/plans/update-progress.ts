import type { AddonContext } from "../addon-context.js";
import { activeSheetFor, takesProgress } from "./active-sheet.js";
import { sendTable } from "./send-table.js";

/** 更新进度: sends the same table against the plan this (monthly) sheet was submitted as. */
export function updateProgress(ctx: AddonContext): void {
  const target = activeSheetFor(ctx, ctx.t.menu.updateProgress, takesProgress);
  if (!target) return;
  const planId = ctx.planIds.get(target.sheet.sheetId);
  if (!planId) return ctx.ui.alert(ctx.t.noPlanYet);
  sendTable(ctx, target, {
    progress: ctx.t.updatingProgress,
    call: (table) => ctx.api.call("updateProgress", { ...table, planId }),
  });
}
