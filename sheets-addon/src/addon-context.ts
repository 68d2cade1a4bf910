import type { Lang } from "@planops/shared";
import type { ApiClient, ApiFailure } from "./api/client.js";
import type { Messages } from "./i18n/messages.js";
import type { RatesLayout } from "./rollups/rates-layout.js";
import type { TemplateLayout } from "./plans/template-layout.js";
import type { DayFormatter } from "./sheet/table.js";
import type { CellMark, ColumnRun, SheetMarker } from "./sheet/types.js";

/**
 * What the workflows need from Apps Script, as narrow interfaces: `src/gas/`
 * implements them with SpreadsheetApp & co., unit tests with plain objects.
 */
export interface AddonContext {
  lang: Lang;
  t: Messages;
  ui: Feedback;
  api: ApiClient;
  lock: DocumentLock;
  planIds: PlanIdStore;
  workbook: WorkbookPort;
}

export interface Feedback {
  /** A short non-blocking progress note (Spreadsheet.toast). */
  toast(message: string): void;
  /** A blocking message the user must acknowledge. */
  alert(message: string): void;
  /** Asks for one line of text (OK / Cancel); null when the user cancels or closes the prompt. */
  ask(message: string): string | null;
  /** Asks yes or no; true for yes. */
  confirm(message: string): boolean;
  /** Shows a page the add-on wrote (links, facts) in a modal dialog. */
  dialog(title: string, html: string): void;
}

export interface DocumentLock {
  /** Runs `work` holding the document lock; false when another execution kept it too long. */
  run(work: () => void): boolean;
}

/** The plan each plan sheet was last submitted as, kept in document properties (records sheets have none). */
export interface PlanIdStore {
  get(sheetId: number): string | null;
  set(sheetId: number, planId: string): void;
}

export interface WorkbookPort {
  readonly spreadsheetId: string;
  /** "YYYY-MM-DD" of a Date in the spreadsheet's time zone. */
  readonly formatDay: DayFormatter;
  /** "YYYY-MM-DD HH:mm" of an ISO instant in the spreadsheet's time zone; the text itself when it is not one. */
  readonly formatTime: (iso: string) => string;
  /** Today's year and month in the spreadsheet's time zone. */
  currentMonth(): { year: number; month: number };
  activeSheet(): SheetPort;
  sheets(): SheetPort[];
  hasSheetNamed(name: string): boolean;
  /**
   * Inserts, builds and activates a template sheet: header, notes, widths, formats,
   * dropdowns, checkboxes, protections, pre-filled rows and marker, all from the layout.
   */
  createTemplateSheet(layout: TemplateLayout): SheetPort;
  /** Writes (or rewrites) a report sheet and activates it. */
  writeReport(layout: RatesLayout): void;
}

export interface SheetPort {
  readonly sheetId: number;
  readonly name: string;
  marker(): SheetMarker | null;
  activate(): void;
  /** The data range's values in ONE getValues call; row 1 is the header. */
  readValues(): unknown[][];
  /**
   * Removes the add-on's own error marks from the data area (rows 2…last, columns 1…`columns`):
   * cells with the error colour lose it and their note. Users' own notes and colours stay.
   */
  clearMarks(columns: number): void;
  markCells(marks: readonly CellMark[]): void;
  /** Writes plain values (strings, numbers, booleans; never formulas), one setValues per run. */
  writeRuns(runs: readonly ColumnRun[]): void;
}

/**
 * A refused call in plain words, in the user's language, with its code: the
 * backend's message, except that a transport failure (whose reason names URLs)
 * or an unreadable answer says only what happened and that trying again may help.
 */
export function failureText(ctx: Pick<AddonContext, "t" | "lang">, failure: ApiFailure): string {
  const message = failure.code === "NETWORK" ? ctx.t.unreachable : failure.code === "BAD_RESPONSE" ? ctx.t.serverTrouble : failure.message[ctx.lang];
  return ctx.t.failure(message, failure.code);
}

/** The one way a refused call is shown outside the sheet: the message in the user's language and the code. */
export function alertFailure(ctx: Pick<AddonContext, "ui" | "t" | "lang">, failure: ApiFailure): void {
  ctx.ui.alert(failureText(ctx, failure));
}
