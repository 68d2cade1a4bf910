import type { AddonContext } from "../addon-context.js";
import { sendTable } from "./send-table.js";

/** 更新进度: sends the same table against the plan this sheet was submitted as. */
export function updateProgress(ctx: AddonContext): void {
  sendTable(ctx, {
    progress: ctx.t.updatingProgress,
    call: (table, { sheet }) => {
      const planId = ctx.planIds.get(sheet.sheetId);
      if (!planId) {
        ctx.ui.alert(ctx.t.noPlanYet);
        return null;
      }
      return ctx.api.call("updateProgress", { ...table, planId });
    },
  });
}
