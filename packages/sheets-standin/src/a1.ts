import { invalid } from "./errors.js";
import type { GridRange, SheetState, SpreadsheetState } from "./model.js";

/** A range with every bound resolved against its sheet's grid. */
export interface BoundRange {
  sheet: SheetState;
  startRow: number;
  endRow: number;
  startColumn: number;
  endColumn: number;
  /** The A1 text left the rows (`A:C`, a bare sheet name, one cell) or columns (`2:5`, one cell) open: writes there may go past it and grow the grid. */
  openRows?: boolean;
  openColumns?: boolean;
}

export function columnLetters(index: number): string {
  let n = index + 1;
  let letters = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Google quotes a sheet name in A1 notation unless it is a plain identifier. */
export function quoteSheetName(title: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(title) ? title : `'${title.replaceAll("'", "''")}'`;
}

export function formatA1(range: BoundRange): string {
  const { sheet, startRow, endRow, startColumn, endColumn } = range;
  const name = quoteSheetName(sheet.properties.title);
  if (endRow <= startRow || endColumn <= startColumn) return name;
  const start = `${columnLetters(startColumn)}${startRow + 1}`;
  const end = `${columnLetters(endColumn - 1)}${endRow}`;
  return start === end ? `${name}!${start}` : `${name}!${start}:${end}`;
}

interface CellRef {
  column?: number;
  row?: number;
}

function parseCellRef(text: string): CellRef | null {
  const m = /^\$?([A-Za-z]{0,3})\$?(\d*)$/.exec(text);
  if (!m || (!m[1] && !m[2])) return null;
  const ref: CellRef = {};
  if (m[1]) ref.column = columnIndex(m[1]);
  if (m[2]) {
    const row = Number(m[2]);
    if (row < 1) return null;
    ref.row = row - 1;
  }
  return ref;
}

/** Splits `'My ''Sheet'''!A1:B2` into the unquoted sheet name (if any) and the cell part (if any). */
function splitSheet(a1: string): { sheetName?: string; cells?: string } {
  if (a1.startsWith("'")) {
    let i = 1;
    let name = "";
    while (i < a1.length) {
      if (a1[i] === "'") {
        if (a1[i + 1] === "'") {
          name += "'";
          i += 2;
          continue;
        }
        break;
      }
      name += a1[i];
      i++;
    }
    if (i >= a1.length) throw unparsable(a1);
    const rest = a1.slice(i + 1);
    if (rest === "") return { sheetName: name };
    if (!rest.startsWith("!")) throw unparsable(a1);
    return { sheetName: name, cells: rest.slice(1) };
  }
  const bang = a1.lastIndexOf("!");
  if (bang >= 0) return { sheetName: a1.slice(0, bang), cells: a1.slice(bang + 1) };
  return { cells: a1 };
}

const unparsable = (a1: string) => invalid(`Unable to parse range: ${a1}`);

/** Resolves A1 notation (`'汇总 Summary'!A1:D10`, `A:C`, `Sheet1`, `2:5`, a named range) against the spreadsheet. */
export function parseA1(state: SpreadsheetState, a1: string): BoundRange {
  const text = a1.trim();
  let { sheetName, cells } = splitSheet(text);
  let sheet: SheetState | undefined;
  if (sheetName === undefined && cells !== undefined) {
    // A bare name is a sheet or a named range before it is a cell reference, as in Google.
    const bySheet = state.sheets.find((s) => s.properties.title === cells);
    const named = state.namedRanges.find((n) => n.name === cells);
    if (bySheet) {
      sheet = bySheet;
      cells = undefined;
    } else if (named) {
      return boundGridRange(state, named.range);
    } else {
      sheet = state.sheets.find((s) => !s.properties.hidden) ?? state.sheets[0];
    }
  } else {
    sheet = state.sheets.find((s) => s.properties.title === sheetName);
  }
  if (!sheet) throw unparsable(a1);
  const grid = gridSize(sheet);
  if (cells === undefined || cells === "")
    return { sheet, startRow: 0, endRow: grid.rows, startColumn: 0, endColumn: grid.columns, openRows: true, openColumns: true };
  const [left, right, extra] = cells.split(":");
  if (extra !== undefined || left === undefined) throw unparsable(a1);
  const start = parseCellRef(left);
  const end = right === undefined ? start : parseCellRef(right);
  if (!start || !end) throw unparsable(a1);
  // `A1` and `A1:B2` bound both ways; `A:C` takes whole columns, `2:5` whole rows, `A2:C` columns from row 2 down.
  const startRow = start.row ?? 0;
  const endRow = end.row !== undefined ? end.row + 1 : grid.rows;
  const startColumn = start.column ?? 0;
  const endColumn = end.column !== undefined ? end.column + 1 : grid.columns;
  if (endRow <= startRow || endColumn <= startColumn) throw unparsable(a1);
  // A single cell anchors a write at its top-left, as Google treats `Sheet1!A1`.
  const single = right === undefined;
  return { sheet, startRow, endRow, startColumn, endColumn, openRows: single || end.row === undefined, openColumns: single || end.column === undefined };
}

export function gridSize(sheet: SheetState): { rows: number; columns: number } {
  const g = sheet.properties.gridProperties;
  return { rows: g?.rowCount ?? 0, columns: g?.columnCount ?? 0 };
}

export function findSheet(state: SpreadsheetState, sheetId: number | undefined): SheetState {
  const sheet = state.sheets.find((s) => s.properties.sheetId === (sheetId ?? 0));
  if (!sheet) throw invalid(`No grid with id: ${sheetId ?? 0}`);
  return sheet;
}

/** A GridRange with its open bounds closed by the sheet's grid; bounds past the grid are an error, as in Google. */
export function boundGridRange(state: SpreadsheetState, range: GridRange): BoundRange {
  const sheet = findSheet(state, range.sheetId);
  const grid = gridSize(sheet);
  const bound: BoundRange = {
    sheet,
    startRow: range.startRowIndex ?? 0,
    endRow: range.endRowIndex ?? grid.rows,
    startColumn: range.startColumnIndex ?? 0,
    endColumn: range.endColumnIndex ?? grid.columns,
  };
  checkInGrid(bound, grid);
  return bound;
}

export function checkInGrid(range: BoundRange, grid = gridSize(range.sheet)): void {
  const title = range.sheet.properties.title;
  if (range.endRow < range.startRow || range.endColumn < range.startColumn) {
    throw invalid(`Invalid range on sheet '${title}': the start index must not be after the end index.`);
  }
  if (range.endRow > grid.rows || range.endColumn > grid.columns) {
    throw invalid(`Range (${formatA1(range)}) exceeds grid limits. Max rows: ${grid.rows}, max columns: ${grid.columns}`);
  }
}
