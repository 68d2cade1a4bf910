import { randomBytes } from "node:crypto";
import * as z from "zod";
import { type BoundRange, parseA1 } from "./a1.js";
import { effectiveFormat, effectiveValue, formattedValue } from "./cell-values.js";
import { ownerPermission } from "./drive.js";
import { invalid } from "./errors.js";
import { cellAt, DEFAULT_COLUMN_PX, DEFAULT_ROW_PX, setCell } from "./grid.js";
import { type CellData, RowDataSchema, SheetPropertiesSchema, type SheetState, SpreadsheetPropertiesSchema, type SpreadsheetState } from "./model.js";
import { addSheet } from "./sheets.js";

type Json = Record<string, unknown>;

export const CreateBodySchema = z.looseObject({
  spreadsheetId: z.string().optional(),
  properties: SpreadsheetPropertiesSchema.optional(),
  sheets: z
    .array(
      z.looseObject({
        properties: SheetPropertiesSchema.optional(),
        data: z
          .array(
            z.looseObject({
              startRow: z.number().int().min(0).optional(),
              startColumn: z.number().int().min(0).optional(),
              rowData: z.array(RowDataSchema).optional(),
            }),
          )
          .optional(),
      }),
    )
    .optional(),
});

/** Parts of a Spreadsheet body that Google accepts on create but the stand-in does not build; refused loudly so a gap is seen. */
const UNSUPPORTED_ON_CREATE = ["charts", "conditionalFormats", "merges", "protectedRanges", "bandedRanges", "filterViews", "basicFilter"];

/** spreadsheets.create: defaults as Google's (title, one 1000×26 sheet "Sheet1" with id 0). */
export function createSpreadsheet(body: z.infer<typeof CreateBodySchema>): SpreadsheetState {
  const state: SpreadsheetState = {
    // Google's ids are 44 URL-safe characters.
    spreadsheetId: randomBytes(33).toString("base64url"),
    // Created by the service, as the functions' service account creates them in Google: it owns the file, shared with nobody yet.
    permissions: [ownerPermission()],
    properties: { locale: "en_US", autoRecalc: "ON_CHANGE", timeZone: "Etc/GMT", ...body.properties, title: body.properties?.title ?? "Untitled spreadsheet" },
    sheets: [],
    namedRanges: [],
    developerMetadata: [],
    nextObjectId: 1_000_001,
  };
  for (const given of body.sheets?.length ? body.sheets : [{}]) {
    const unsupported = UNSUPPORTED_ON_CREATE.filter((key) => key in given);
    if (unsupported.length) throw invalid(`The Sheets stand-in does not create sheets with ${unsupported.join(", ")}; add them with spreadsheets.batchUpdate.`);
    const sheet = addSheet(state, given.properties ?? {});
    for (const grid of given.data ?? []) {
      (grid.rowData ?? []).forEach((row, r) => {
        (row.values ?? []).forEach((cell, c) => {
          setCell(sheet, (grid.startRow ?? 0) + r, (grid.startColumn ?? 0) + c, structuredClone(cell));
        });
      });
    }
  }
  return state;
}

/** A cell as Google returns it in GridData: what was entered, and the effective and formatted values derived from it. */
function cellOut(cell: CellData | null): Json {
  if (!cell) return {};
  const out: Json = { ...structuredClone(cell) };
  const effective = effectiveValue(cell.userEnteredValue);
  if (effective) out.effectiveValue = effective;
  const shown = formattedValue(cell);
  if (shown !== undefined) out.formattedValue = shown;
  out.effectiveFormat = effectiveFormat(cell);
  return out;
}

function gridData(range: BoundRange): Json {
  const { sheet, startRow, endRow, startColumn, endColumn } = range;
  const rowData: Json[] = [];
  const last = Math.min(endRow, sheet.rows.length);
  for (let r = startRow; r < last; r++) {
    const values: Json[] = [];
    const cells = sheet.rows[r] ?? [];
    for (let c = startColumn; c < Math.min(endColumn, cells.length); c++) values.push(cellOut(cellAt(sheet, r, c)));
    while (values.length && Object.keys(values[values.length - 1] as Json).length === 0) values.pop();
    rowData.push(values.length ? { values } : {});
  }
  while (rowData.length && Object.keys(rowData[rowData.length - 1] as Json).length === 0) rowData.pop();
  const meta = (list: SheetState["rowMetadata"], from: number, to: number, px: number) =>
    Array.from({ length: to - from }, (_, i) => ({ pixelSize: px, ...list[from + i] }));
  // Proto3 JSON leaves out zero values, so a range starting at A1 has no startRow/startColumn.
  return {
    ...(startRow ? { startRow } : {}),
    ...(startColumn ? { startColumn } : {}),
    rowData,
    rowMetadata: meta(sheet.rowMetadata, startRow, endRow, DEFAULT_ROW_PX),
    columnMetadata: meta(sheet.columnMetadata, startColumn, endColumn, DEFAULT_COLUMN_PX),
  };
}

function sheetOut(state: SpreadsheetState, sheet: SheetState, data: BoundRange[] | null): Json {
  const id = sheet.properties.sheetId;
  const out: Json = { properties: structuredClone(sheet.properties) };
  if (data) out.data = data.map(gridData);
  if (sheet.merges.length) out.merges = structuredClone(sheet.merges);
  if (sheet.conditionalFormats.length) out.conditionalFormats = structuredClone(sheet.conditionalFormats);
  if (sheet.protectedRanges.length) out.protectedRanges = structuredClone(sheet.protectedRanges);
  if (sheet.charts.length) out.charts = structuredClone(sheet.charts);
  // Row and column metadata is listed with its sheet (Google files it under the rows' GridData; the stand-in keeps it simpler).
  const metadata = state.developerMetadata.filter((m) => (m.location.sheetId ?? m.location.dimensionRange?.sheetId) === id && !m.location.spreadsheet);
  if (metadata.length) out.developerMetadata = structuredClone(metadata);
  return out;
}

export interface GetOptions {
  ranges: string[];
  includeGridData: boolean;
}

/** spreadsheets.get: the sheets the ranges name (all when none), with grid data when asked. */
export function spreadsheetOut(state: SpreadsheetState, viewUrl: string, options: GetOptions = { ranges: [], includeGridData: false }): Json {
  const bounds = options.ranges.map((a1) => parseA1(state, a1));
  const sheets = state.sheets
    .filter((s) => bounds.length === 0 || bounds.some((b) => b.sheet === s))
    .map((s) => {
      const mine = bounds.filter((b) => b.sheet === s);
      const whole: BoundRange = {
        sheet: s,
        startRow: 0,
        endRow: s.properties.gridProperties?.rowCount ?? 0,
        startColumn: 0,
        endColumn: s.properties.gridProperties?.columnCount ?? 0,
      };
      const data = options.includeGridData && s.properties.sheetType === "GRID" ? (mine.length ? mine : [whole]) : null;
      return sheetOut(state, s, data);
    });
  const out: Json = { spreadsheetId: state.spreadsheetId, properties: structuredClone(state.properties), sheets };
  if (state.namedRanges.length) out.namedRanges = structuredClone(state.namedRanges);
  const own = state.developerMetadata.filter((m) => m.location.spreadsheet);
  if (own.length) out.developerMetadata = structuredClone(own);
  out.spreadsheetUrl = viewUrl;
  return out;
}
