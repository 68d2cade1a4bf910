import type { RatesLayout } from "../rollups/rates-layout.js";

const NAME_COLUMN_WIDTH = 180;

/** Rewrites a report sheet with plain values: formats first, so "@" cells take names as text. */
export function writeReportSheet(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, layout: RatesLayout): void {
  const sheet = spreadsheet.getSheetByName(layout.sheetName) ?? spreadsheet.insertSheet(layout.sheetName);
  sheet.clear();
  const rows = layout.values.length;
  const columns = layout.values[0]?.length ?? 0;
  if (rows && columns) {
    const range = sheet.getRange(1, 1, rows, columns);
    range.setNumberFormats(layout.formats);
    range.setValues(layout.values);
    for (const row of layout.boldRows) sheet.getRange(row, 1, 1, columns).setFontWeight("bold");
    sheet.setColumnWidth(1, NAME_COLUMN_WIDTH);
  }
  sheet.activate();
}
