import type { CellData, DimensionProperties, SheetState } from "./model.js";

/** Google's default row height and column width, in pixels. */
export const DEFAULT_ROW_PX = 21;
export const DEFAULT_COLUMN_PX = 100;

export function cellAt(sheet: SheetState, row: number, column: number): CellData | null {
  return sheet.rows[row]?.[column] ?? null;
}

/** Stores a cell; a cell with nothing left in it is dropped, so empty cells cost nothing. */
export function setCell(sheet: SheetState, row: number, column: number, cell: CellData | null): void {
  const empty = !cell || Object.keys(cell).length === 0;
  if (empty && !sheet.rows[row]?.[column]) return;
  while (sheet.rows.length <= row) sheet.rows.push([]);
  const cells = sheet.rows[row] as (CellData | null)[];
  while (cells.length <= column) cells.push(null);
  cells[column] = empty ? null : cell;
}

/** The number of rows up to the last one holding a value (formats alone do not count, as in Sheets' append). */
export function lastValueRow(sheet: SheetState, startColumn = 0, endColumn = Number.POSITIVE_INFINITY): number {
  for (let r = sheet.rows.length - 1; r >= 0; r--) {
    const cells = sheet.rows[r] ?? [];
    for (let c = startColumn; c < Math.min(cells.length, endColumn); c++) if (cells[c]?.userEnteredValue) return r + 1;
  }
  return 0;
}

/** Inserts (count > 0) or deletes (count < 0) rows or columns at `at`, moving cells and sizes with them. */
export function spliceDimension(sheet: SheetState, dimension: "ROWS" | "COLUMNS", at: number, count: number): void {
  const grid = sheet.properties.gridProperties ?? {};
  sheet.properties.gridProperties = grid;
  const splice = <T>(list: T[], fill: T) => {
    if (count < 0) list.splice(at, -count);
    else if (at < list.length) list.splice(at, 0, ...Array<T>(count).fill(fill));
  };
  if (dimension === "ROWS") {
    splice<(CellData | null)[]>(sheet.rows, []);
    // Fresh arrays per inserted row, never one shared array.
    for (let r = 0; r < sheet.rows.length; r++) if (sheet.rows[r]?.length === 0) sheet.rows[r] = [];
    splice<DimensionProperties | null>(sheet.rowMetadata, null);
    grid.rowCount = (grid.rowCount ?? 0) + count;
  } else {
    for (const cells of sheet.rows) splice<CellData | null>(cells, null);
    splice<DimensionProperties | null>(sheet.columnMetadata, null);
    grid.columnCount = (grid.columnCount ?? 0) + count;
  }
}

/** Drops cells and sizes outside the sheet's grid (after its row or column count was lowered). */
export function truncateGrid(sheet: SheetState): void {
  const rows = sheet.properties.gridProperties?.rowCount ?? 0;
  const columns = sheet.properties.gridProperties?.columnCount ?? 0;
  if (sheet.rows.length > rows) sheet.rows.length = rows;
  if (sheet.rowMetadata.length > rows) sheet.rowMetadata.length = rows;
  if (sheet.columnMetadata.length > columns) sheet.columnMetadata.length = columns;
  for (const cells of sheet.rows) if (cells.length > columns) cells.length = columns;
}
