import { randomInt } from "node:crypto";
import { invalid } from "./errors.js";
import type { SheetProperties, SheetState, SpreadsheetState } from "./model.js";

export const DEFAULT_ROWS = 1000;
export const DEFAULT_COLUMNS = 26;

/** Google's ids for added sheets are random positive 31-bit integers; the first sheet of a new spreadsheet is 0. */
function newSheetId(state: SpreadsheetState): number {
  for (;;) {
    const id = randomInt(1, 2 ** 31 - 1);
    if (!state.sheets.some((s) => s.properties.sheetId === id)) return id;
  }
}

/** Sheet titles are unique regardless of case, as in Sheets. */
export function checkTitle(state: SpreadsheetState, title: string, except?: SheetState): void {
  if (title.trim() === "") throw invalid("Invalid sheet title: a sheet name must not be empty.");
  if (title.length > 100) throw invalid(`Invalid sheet title '${title}': a sheet name can be at most 100 characters.`);
  const lower = title.toLowerCase();
  if (state.sheets.some((s) => s !== except && s.properties.title.toLowerCase() === lower)) {
    throw invalid(`A sheet with the name "${title}" already exists. Please enter another name.`);
  }
}

export function checkGridProperties(properties: SheetProperties): void {
  const g = properties.gridProperties;
  if (!g) return;
  const title = properties.title ?? String(properties.sheetId);
  if (g.frozenRowCount !== undefined && g.rowCount !== undefined && g.frozenRowCount >= g.rowCount && g.rowCount > 0) {
    throw invalid(`Invalid gridProperties of sheet '${title}': frozenRowCount (${g.frozenRowCount}) must be less than rowCount (${g.rowCount}).`);
  }
  if (g.frozenColumnCount !== undefined && g.columnCount !== undefined && g.frozenColumnCount >= g.columnCount && g.columnCount > 0) {
    throw invalid(`Invalid gridProperties of sheet '${title}': frozenColumnCount (${g.frozenColumnCount}) must be less than columnCount (${g.columnCount}).`);
  }
}

/** Adds a sheet as addSheet (and spreadsheets.create) does: defaults for what is not given, unique id and title. */
export function addSheet(state: SpreadsheetState, given: SheetProperties = {}, sheetType: "GRID" | "OBJECT" = "GRID"): SheetState {
  let title = given.title;
  if (title === undefined) {
    let n = state.sheets.length + 1;
    while (state.sheets.some((s) => s.properties.title.toLowerCase() === `sheet${n}`)) n++;
    title = `Sheet${n}`;
  }
  checkTitle(state, title);
  if (given.sheetId !== undefined && state.sheets.some((s) => s.properties.sheetId === given.sheetId)) {
    throw invalid(`Invalid requests[].addSheet: Sheet with id ${given.sheetId} already exists.`);
  }
  const index = Math.min(given.index ?? state.sheets.length, state.sheets.length);
  const type = given.sheetType ?? sheetType;
  const properties: SheetState["properties"] = {
    ...given,
    sheetId: given.sheetId ?? (state.sheets.length === 0 ? 0 : newSheetId(state)),
    title,
    index,
    sheetType: type,
  };
  if (type === "GRID") {
    properties.gridProperties = { rowCount: DEFAULT_ROWS, columnCount: DEFAULT_COLUMNS, ...given.gridProperties };
    checkGridProperties(properties);
  } else {
    delete properties.gridProperties;
  }
  const sheet: SheetState = { properties, rows: [], rowMetadata: [], columnMetadata: [], charts: [], conditionalFormats: [], merges: [], protectedRanges: [] };
  state.sheets.splice(index, 0, sheet);
  reindex(state);
  return sheet;
}

export function reindex(state: SpreadsheetState): void {
  state.sheets.forEach((s, i) => {
    s.properties.index = i;
  });
}
