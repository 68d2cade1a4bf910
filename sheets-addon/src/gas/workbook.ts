import type { SheetPort, WorkbookPort } from "../addon-context.js";
import { ERROR_BACKGROUND, errorMarkRuns } from "../sheet/error-marks.js";
import { parseMarker } from "../sheet/marker.js";
import { writeReportSheet } from "./report-sheet.js";
import { buildTemplateSheet } from "./template-sheet.js";

/** The active spreadsheet behind the workflows' WorkbookPort. */
export function activeWorkbook(): WorkbookPort {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  return {
    spreadsheetId: spreadsheet.getId(),
    formatDay: (date) => Utilities.formatDate(date, timeZone, "yyyy-MM-dd"),
    formatTime: (iso) => {
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : Utilities.formatDate(date, timeZone, "yyyy-MM-dd HH:mm");
    },
    currentMonth: () => {
      const [year, month] = Utilities.formatDate(new Date(), timeZone, "yyyy-MM").split("-").map(Number);
      return { year: year ?? 0, month: month ?? 0 };
    },
    activeSheet: () => sheetPort(spreadsheet.getActiveSheet()),
    sheets: () => spreadsheet.getSheets().map(sheetPort),
    hasSheetNamed: (name) => spreadsheet.getSheetByName(name) !== null,
    createTemplateSheet: (layout) => {
      const sheet = spreadsheet.insertSheet(layout.sheetName);
      try {
        buildTemplateSheet(sheet, layout);
      } catch (error) {
        // A half-built sheet has no marker yet and would block its own name: take it away again.
        spreadsheet.deleteSheet(sheet);
        throw error;
      }
      sheet.activate();
      return sheetPort(sheet);
    },
    writeReport: (layout) => writeReportSheet(spreadsheet, layout),
  };
}

function sheetPort(sheet: GoogleAppsScript.Spreadsheet.Sheet): SheetPort {
  return {
    sheetId: sheet.getSheetId(),
    name: sheet.getName(),
    marker: () => parseMarker(sheet.getDeveloperMetadata().map((m) => ({ key: m.getKey(), value: m.getValue() }))),
    activate: () => {
      sheet.activate();
    },
    readValues: () => sheet.getDataRange().getValues(),
    // One read of the data area's colours; only the add-on's own marks are written (users' notes and colours stay).
    clearMarks: (columns) => {
      const lastRow = sheet.getLastRow();
      if (lastRow < 2 || columns < 1) return;
      const backgrounds = sheet.getRange(2, 1, lastRow - 1, columns).getBackgrounds();
      for (const run of errorMarkRuns(backgrounds, 2)) {
        sheet.getRange(run.row, run.column, 1, run.numColumns).clearNote().setBackground(null);
      }
    },
    // Cell by cell: Apps Script batches these writes, and bad cells are few and scattered.
    markCells: (marks) => {
      for (const mark of marks) sheet.getRange(mark.row, mark.column).setNote(mark.note).setBackground(ERROR_BACKGROUND);
    },
    writeRuns: (runs) => {
      for (const run of runs) {
        sheet.getRange(run.firstRow, run.column, run.values.length, 1).setValues(run.values.map((v) => [v]));
      }
    },
  };
}
