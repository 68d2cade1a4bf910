import type { Text } from "@planops/shared";
import { alertFailure, type AddonContext } from "../addon-context.js";
import type { ApiResult } from "../api/client.js";
import { bothLanguages } from "../i18n/messages.js";
import { errorSummary, planErrorMarks } from "../sheet/error-marks.js";
import { readTable } from "../sheet/table.js";
import type { SheetTable } from "../sheet/types.js";
import { planWriteBack, sheetLang, type TaskResult } from "../sheet/write-back.js";
import { activePlanSheet, type PlanSheet } from "./plan-sheet.js";

export interface TableResponse {
  tasks: TaskResult[];
  message: Text;
}

/**
 * The round trip shared by 提交计划 and 更新进度: read the whole table at once
 * under the document lock, clear the previous attempt's marks, send it in ONE
 * request, then either mark the refused cells or write IDs and statuses back.
 */
export function sendTable<R extends TableResponse>(
  ctx: AddonContext,
  options: {
    progress: string;
    /** Returns null (after telling the user) when the call cannot be made, e.g. no plan yet. */
    call: (table: SheetTable, plan: PlanSheet) => ApiResult<R> | null;
    onSuccess?: (value: R, plan: PlanSheet) => void;
  },
): void {
  const plan = activePlanSheet(ctx);
  if (!plan) return;
  const acquired = ctx.lock.run(() => {
    const { sheet, template } = plan;
    const sent = readTable(sheet.readValues(), ctx.workbook.formatDay);
    // Not a validity check (the backend judges): an empty table has nothing to send or mark.
    if (sent.rows.length === 0) return ctx.ui.alert(ctx.t.emptyTable);
    sheet.clearMarks(sent.headers.length);
    ctx.ui.toast(options.progress);

    const result = options.call(sent, plan);
    if (!result) return;
    if (!result.ok) {
      const { failure } = result;
      if (failure.code === "VALIDATION_FAILED" && failure.cells.length > 0) {
        sheet.markCells(planErrorMarks(failure.cells, ctx.lang));
        return ctx.ui.alert(errorSummary(failure.cells, ctx.lang, ctx.t));
      }
      return alertFailure(ctx, failure);
    }

    options.onSuccess?.(result.value, plan);
    const writeBack = planWriteBack({
      template,
      sent,
      current: readTable(sheet.readValues(), ctx.workbook.formatDay),
      tasks: result.value.tasks,
      labelLang: sheetLang(template, sent.headers, ctx.lang),
    });
    if (writeBack.kind === "changed") return ctx.ui.alert(ctx.t.sheetChangedDuringCall);
    sheet.writeRuns(writeBack.runs);
    ctx.ui.alert(bothLanguages(result.value.message, ctx.lang));
  });
  if (!acquired) ctx.ui.alert(ctx.t.busy);
}
