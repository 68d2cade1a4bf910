import { alertFailure, type AddonContext } from "../addon-context.js";
import { progressWriteBack } from "../sheet/progress.js";
import { readTable } from "../sheet/table.js";
import { activeSheetFor, showsRolledUpProgress } from "./active-sheet.js";

/**
 * 刷新进度: on a quarterly or annual plan sheet, fetches each item's rolled-up
 * progress (from the plans below it) and writes it into the progress column of
 * the rows whose ID matches, as plain values.
 */
export function refreshProgress(ctx: AddonContext): void {
  const target = activeSheetFor(ctx, ctx.t.menu.refreshProgress, showsRolledUpProgress);
  if (!target) return;
  const { sheet, kind, template } = target;
  const progressKey = kind.flow === "plan" ? kind.roles.progress : undefined;
  if (!progressKey) return;
  const planId = ctx.planIds.get(sheet.sheetId);
  if (!planId) return ctx.ui.alert(ctx.t.noPlanYet);

  const acquired = ctx.lock.run(() => {
    ctx.ui.toast(ctx.t.refreshingProgress);
    const result = ctx.api.call("planProgress", { planId });
    if (!result.ok) return alertFailure(ctx, result.failure);
    // Read after the call, under the lock: the rows are matched by ID as they stand now.
    const table = readTable(sheet.readValues(), ctx.workbook.formatDay);
    const { runs, rows } = progressWriteBack({ template, progressKey, table, items: result.value.items });
    sheet.writeRuns(runs);
    ctx.ui.alert(ctx.t.progressRefreshed(rows));
  });
  if (!acquired) ctx.ui.alert(ctx.t.busy);
}
