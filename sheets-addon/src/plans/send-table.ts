import type { Text } from "@planops/shared";
import type { RowResult } from "@planops/shared/api";
import { alertFailure, type AddonContext } from "../addon-context.js";
import type { ApiResult } from "../api/client.js";
import { errorSummary, planErrorMarks } from "../sheet/error-marks.js";
import { readTable } from "../sheet/table.js";
import type { SheetTable } from "../sheet/types.js";
import { planWriteBack, sheetLang } from "../sheet/write-back.js";
import type { TemplateSheet } from "./active-sheet.js";

export interface TableResponse {
  rows: RowResult[];
  message: Text;
}

/**
 * The round trip shared by 提交 and 更新进度: read the whole table at once
 * under the document lock, clear the previous attempt's marks, send it in ONE
 * request, then either mark the refused cells or write IDs and statuses back
 * (where the template has those columns).
 */
export function sendTable<R extends TableResponse>(
  ctx: AddonContext,
  target: TemplateSheet,
  options: {
    progress: string;
    call: (table: SheetTable) => ApiResult<R>;
    onSuccess?: (value: R) => void;
  },
): void {
  const { sheet, template, kind } = target;
  const acquired = ctx.lock.run(() => {
    const sent = readTable(sheet.readValues(), ctx.workbook.formatDay);
    // Not a validity check (the backend judges): an empty table has nothing to send or mark.
    if (sent.rows.length === 0) return ctx.ui.alert(ctx.t.emptyTable);
    sheet.clearMarks(sent.headers.length);
    ctx.ui.toast(options.progress);

    const result = options.call(sent);
    if (!result.ok) {
      const { failure } = result;
      if (failure.code === "VALIDATION_FAILED" && failure.cells.length > 0) {
        sheet.markCells(planErrorMarks(failure.cells, ctx.lang));
        return ctx.ui.alert(errorSummary(failure.cells, ctx.lang, ctx.t));
      }
      return alertFailure(ctx, failure);
    }

    options.onSuccess?.(result.value);
    const writeBack = planWriteBack({
      template,
      sent,
      current: readTable(sheet.readValues(), ctx.workbook.formatDay),
      rows: result.value.rows,
      statusKey: kind.flow === "plan" ? kind.roles.status : kind.statusColumn,
      labelLang: sheetLang(template, sent.headers, ctx.lang),
    });
    if (writeBack.kind === "changed") return ctx.ui.alert(ctx.t.sheetChangedDuringCall);
    sheet.writeRuns(writeBack.runs);
    ctx.ui.alert(result.value.message[ctx.lang]);
  });
  if (!acquired) ctx.ui.alert(ctx.t.busy);
}
