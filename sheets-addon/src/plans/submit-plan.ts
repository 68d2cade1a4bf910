import { MONTHLY_PLAN } from "@planops/shared";
import type { AddonContext } from "../addon-context.js";
import { sendTable } from "./send-table.js";

/** 提交计划: sends the active plan sheet; the returned plan id is remembered for this sheet. */
export function submitPlan(ctx: AddonContext): void {
  sendTable(ctx, {
    progress: ctx.t.submitting,
    call: (table, { sheet, marker }) =>
      ctx.api.call("submitPlan", {
        ...table,
        template: { id: MONTHLY_PLAN.id, version: marker.version },
        period: marker.period,
        spreadsheet: { id: ctx.workbook.spreadsheetId, sheetId: sheet.sheetId, sheetName: sheet.name },
      }),
    onSuccess: (value, { sheet }) => ctx.planIds.set(sheet.sheetId, value.planId),
  });
}
