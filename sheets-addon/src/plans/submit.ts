import type { AddonContext } from "../addon-context.js";
import { activeTemplateSheet } from "./active-sheet.js";
import { sendTable } from "./send-table.js";

/**
 * 提交: sends the active sheet of any template with its marker's template id,
 * version and period ("" for the roster). A plan's id is remembered for the
 * sheet (更新进度, 下发计划 and 刷新进度 use it).
 */
export function submit(ctx: AddonContext): void {
  const target = activeTemplateSheet(ctx);
  if (!target) return;
  const { sheet, marker, kind } = target;
  sendTable(ctx, target, {
    progress: ctx.t.submitting,
    call: (table) =>
      ctx.api.call("submit", {
        ...table,
        template: { id: marker.templateId, version: marker.version },
        period: marker.period ?? "",
        spreadsheet: { id: ctx.workbook.spreadsheetId, sheetId: sheet.sheetId, sheetName: sheet.name },
      }),
    onSuccess: (value) => {
      if (kind.flow === "plan") ctx.planIds.set(sheet.sheetId, value.documentId);
    },
  });
}
