import * as z from "zod";
import { type BoundRange, checkInGrid, formatA1, gridSize, parseA1 } from "./a1.js";
import { enteredValue, type InputValue, renderValue, type ValueInputOption, type ValueRenderOption } from "./cell-values.js";
import { invalid } from "./errors.js";
import { cellAt, setCell, spliceDimension } from "./grid.js";
import type { SpreadsheetState } from "./model.js";

type Json = Record<string, unknown>;

const MajorDimensionSchema = z.enum(["ROWS", "COLUMNS"]);
export const ValueInputOptionSchema = z.enum(["RAW", "USER_ENTERED"], { error: "valueInputOption must be RAW or USER_ENTERED." });
export const ValueRenderOptionSchema = z.enum(["FORMATTED_VALUE", "UNFORMATTED_VALUE", "FORMULA"]);
export const DateTimeRenderOptionSchema = z.enum(["SERIAL_NUMBER", "FORMATTED_STRING"]);

export const ValueRangeSchema = z.looseObject({
  range: z.string().optional(),
  majorDimension: MajorDimensionSchema.optional(),
  values: z.array(z.array(z.union([z.string(), z.number(), z.boolean(), z.null()]))).optional(),
});
export type ValueRange = z.infer<typeof ValueRangeSchema>;

export interface ReadOptions {
  valueRenderOption: ValueRenderOption;
  dateTimeRenderOption: "SERIAL_NUMBER" | "FORMATTED_STRING";
  majorDimension: "ROWS" | "COLUMNS";
}

const transpose = (rows: InputValue[][]): InputValue[][] => {
  const width = Math.max(0, ...rows.map((r) => r.length));
  return Array.from({ length: width }, (_, c) => rows.map((r) => r[c] ?? null));
};

/** values.get: the range's values, trailing empty rows and cells left out as Google does; an empty cell inside reads as "". */
export function readValues(state: SpreadsheetState, a1: string, options: ReadOptions): Json {
  const range = parseA1(state, a1);
  checkInGrid(range);
  return valueRange(range, options);
}

function valueRange(range: BoundRange, options: ReadOptions): Json {
  const rows: InputValue[][] = [];
  for (let r = range.startRow; r < Math.min(range.endRow, range.sheet.rows.length); r++) {
    const row: InputValue[] = [];
    for (let c = range.startColumn; c < range.endColumn; c++)
      row.push(renderValue(cellAt(range.sheet, r, c), options.valueRenderOption, options.dateTimeRenderOption));
    rows.push(row);
  }
  const lines = options.majorDimension === "COLUMNS" ? transpose(rows) : rows;
  const trimmed = lines.map((line) => {
    let end = line.length;
    while (end > 0 && line[end - 1] === null) end--;
    return line.slice(0, end).map((v) => v ?? "");
  });
  while (trimmed.length && trimmed[trimmed.length - 1]?.length === 0) trimmed.pop();
  const out: Json = { range: formatA1(range), majorDimension: options.majorDimension };
  if (trimmed.length) out.values = trimmed;
  return out;
}

/** Writes rows of values from the range's top-left cell; rows are added when the range is open below, as values.update does in Google. */
function writeValues(state: SpreadsheetState, range: BoundRange, body: ValueRange, option: ValueInputOption): Json {
  const given = body.values ?? [];
  const rows = body.majorDimension === "COLUMNS" ? transpose(given) : given;
  const height = rows.length;
  const width = Math.max(0, ...rows.map((r) => r.length));
  const response: Json = { spreadsheetId: state.spreadsheetId };
  if (height === 0 || width === 0) return { ...response, updatedRange: formatA1(range) };
  const needRows = range.startRow + height;
  const needColumns = range.startColumn + width;
  if ((!range.openRows && needRows > range.endRow) || (!range.openColumns && needColumns > range.endColumn)) {
    throw invalid(
      `Requested writing within range [${formatA1(range)}], but tried writing ${height} row(s) × ${width} column(s) from its top-left cell, which do not fit.`,
    );
  }
  const grid = gridSize(range.sheet);
  // Google adds the rows a write needs but never columns: past the last column the write fails.
  if (needColumns > grid.columns) {
    const past: BoundRange = { ...range, endRow: needRows, endColumn: needColumns };
    throw invalid(`Range (${formatA1(past)}) exceeds grid limits. Max rows: ${Math.max(grid.rows, needRows)}, max columns: ${grid.columns}`);
  }
  if (needRows > grid.rows) spliceDimension(range.sheet, "ROWS", grid.rows, needRows - grid.rows);
  let cells = 0;
  const touchedRows = new Set<number>();
  const touchedColumns = new Set<number>();
  rows.forEach((row, i) => {
    row.forEach((input, j) => {
      const entered = enteredValue(input, option);
      if (!entered) return;
      const r = range.startRow + i;
      const c = range.startColumn + j;
      const cell = structuredClone(cellAt(range.sheet, r, c) ?? {});
      if (entered.value) cell.userEnteredValue = entered.value;
      else delete cell.userEnteredValue;
      if (entered.numberFormat && !cell.userEnteredFormat?.numberFormat)
        cell.userEnteredFormat = { ...cell.userEnteredFormat, numberFormat: entered.numberFormat };
      setCell(range.sheet, r, c, cell);
      cells++;
      touchedRows.add(r);
      touchedColumns.add(c);
    });
  });
  const written: BoundRange = { sheet: range.sheet, startRow: range.startRow, endRow: needRows, startColumn: range.startColumn, endColumn: needColumns };
  return { ...response, updatedRange: formatA1(written), updatedRows: touchedRows.size, updatedColumns: touchedColumns.size, updatedCells: cells };
}

export const UpdateParamsSchema = z.object({
  valueInputOption: ValueInputOptionSchema,
  includeValuesInResponse: z.enum(["true", "false"]).optional(),
  responseValueRenderOption: ValueRenderOptionSchema.optional(),
  responseDateTimeRenderOption: DateTimeRenderOptionSchema.optional(),
});
export type UpdateParams = z.infer<typeof UpdateParamsSchema>;

function withUpdatedData(state: SpreadsheetState, response: Json, params: Omit<UpdateParams, "valueInputOption">): Json {
  if (params.includeValuesInResponse !== "true" || typeof response.updatedRange !== "string") return response;
  const options: ReadOptions = {
    valueRenderOption: params.responseValueRenderOption ?? "FORMATTED_VALUE",
    dateTimeRenderOption: params.responseDateTimeRenderOption ?? "SERIAL_NUMBER",
    majorDimension: "ROWS",
  };
  return { ...response, updatedData: valueRange(parseA1(state, response.updatedRange), options) };
}

/** values.update. */
export function updateValues(state: SpreadsheetState, a1: string, body: ValueRange, params: UpdateParams): Json {
  if (body.range !== undefined && parseA1(state, body.range).sheet !== parseA1(state, a1).sheet) {
    throw invalid(`Requested range '${a1}' and the body's range '${body.range}' must be the same.`);
  }
  return withUpdatedData(state, writeValues(state, parseA1(state, a1), body, params.valueInputOption), params);
}

export const AppendParamsSchema = UpdateParamsSchema.extend({ insertDataOption: z.enum(["OVERWRITE", "INSERT_ROWS"]).optional() });

/**
 * values.append: finds the table the range starts (rows with a value in the range's columns, from
 * its first row down) and writes after its last row.
 */
export function appendValues(state: SpreadsheetState, a1: string, body: ValueRange, params: z.infer<typeof AppendParamsSchema>): Json {
  const range = parseA1(state, a1);
  let last = range.startRow;
  for (let r = range.startRow; r < range.sheet.rows.length; r++) {
    const cells = range.sheet.rows[r] ?? [];
    let hasValue = false;
    for (let c = range.startColumn; c < Math.min(cells.length, range.endColumn); c++) if (cells[c]?.userEnteredValue) hasValue = true;
    if (hasValue) last = r + 1;
    else if (r >= last && r > range.startRow) break;
  }
  const rows = body.values?.length ?? 0;
  if (params.insertDataOption === "INSERT_ROWS" && rows > 0 && last < gridSize(range.sheet).rows) spliceDimension(range.sheet, "ROWS", last, rows);
  const target: BoundRange = {
    sheet: range.sheet,
    startRow: last,
    endRow: last + rows,
    startColumn: range.startColumn,
    endColumn: range.endColumn,
    openRows: true,
    openColumns: true,
  };
  const updates = withUpdatedData(state, writeValues(state, target, body, params.valueInputOption), params);
  const out: Json = { spreadsheetId: state.spreadsheetId };
  if (last > range.startRow) out.tableRange = formatA1({ ...range, endRow: last });
  return { ...out, updates };
}

/** values.clear: values go, formats stay, as in Google. */
export function clearValues(state: SpreadsheetState, a1: string): string {
  const range = parseA1(state, a1);
  checkInGrid(range);
  for (let r = range.startRow; r < Math.min(range.endRow, range.sheet.rows.length); r++) {
    for (let c = range.startColumn; c < range.endColumn; c++) {
      const cell = cellAt(range.sheet, r, c);
      if (!cell?.userEnteredValue) continue;
      const { userEnteredValue: _cleared, ...rest } = cell;
      setCell(range.sheet, r, c, rest);
    }
  }
  return formatA1(range);
}

export const BatchUpdateValuesBodySchema = z.looseObject({
  valueInputOption: ValueInputOptionSchema,
  data: z.array(ValueRangeSchema.extend({ range: z.string({ error: "Each data[] entry needs a range." }) })),
  includeValuesInResponse: z.boolean().optional(),
  responseValueRenderOption: ValueRenderOptionSchema.optional(),
  responseDateTimeRenderOption: DateTimeRenderOptionSchema.optional(),
});

/** values.batchUpdate: every range written, or (on any error) none. */
export function batchUpdateValues(state: SpreadsheetState, body: z.infer<typeof BatchUpdateValuesBodySchema>): Json {
  const responses = body.data.map((vr) =>
    withUpdatedData(state, writeValues(state, parseA1(state, vr.range), vr, body.valueInputOption), {
      includeValuesInResponse: body.includeValuesInResponse ? "true" : "false",
      responseValueRenderOption: body.responseValueRenderOption,
      responseDateTimeRenderOption: body.responseDateTimeRenderOption,
    }),
  );
  const sum = (key: string) => responses.reduce((n, r) => n + (typeof r[key] === "number" ? (r[key] as number) : 0), 0);
  const sheets = new Set(body.data.map((vr) => parseA1(state, vr.range).sheet));
  const out: Json = { spreadsheetId: state.spreadsheetId };
  if (responses.length) {
    Object.assign(out, {
      totalUpdatedRows: sum("updatedRows"),
      totalUpdatedColumns: sum("updatedColumns"),
      totalUpdatedCells: sum("updatedCells"),
      totalUpdatedSheets: sheets.size,
      responses,
    });
  }
  return out;
}
