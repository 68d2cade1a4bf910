import type { sheets_v4 } from "@googleapis/sheets";
import type { SheetsApi } from "../platform/sheets-client.js";

/**
 * A generated spreadsheet described as data — sheets of tables, charts over those
 * tables, and "below target" rules — and written through the Sheets API so that a
 * rewrite replaces: old charts and rules are deleted, every sheet is grown to fit
 * and cleared, all in the same batchUpdate as the new content. Text is always a
 * stringValue, so a cell reading `=HYPERLINK(…)` or `+1` stays text.
 * Used by the dashboards and the data-analysis reports.
 */

export type NumberFormat = "percent" | "integer" | "decimal";
export interface Cell {
  value: string | number | null;
  format?: NumberFormat;
  bold?: boolean;
}

/** A table written from (row, col), 0-based: an optional header row (bold, shaded), then the rows. */
export interface Table {
  row: number;
  col: number;
  header?: readonly string[];
  rows: readonly (readonly Cell[])[];
  /** Wrap long text within the column's width (sentences, not figures). */
  wrap?: boolean;
}

export interface ChartSpec {
  title: string;
  type: "LINE" | "COLUMN";
  /** The table the chart draws: its first column is the domain, `series` are its other columns (0-based within the table). */
  source: { sheetId: number; table: Table; series: readonly number[] };
  xTitle: string;
  yTitle: string;
  anchor: { sheetId: number; row: number; col: number };
}

/** Flags numbers below `below` in the given columns of a table's data rows. */
export interface BelowTargetRule {
  sheetId: number;
  table: Table;
  columns: readonly number[];
  below: number;
}

export interface SheetSpec {
  sheetId: number;
  title: string;
  tables: readonly Table[];
  frozenRows?: number;
  /** Room to leave for charts anchored on this sheet (rows, columns), beyond its tables. */
  minSize?: { rows: number; cols: number };
  /** Column widths in pixels, from column A; the others keep the default. Without them each column fits its table's text. */
  columnWidths?: readonly number[];
}

export interface SpreadsheetSpec {
  title: string;
  sheets: readonly SheetSpec[];
  charts: readonly ChartSpec[];
  rules: readonly BelowTargetRule[];
}

export const text = (value: string | null | undefined): Cell => ({ value: value ?? null });
export const percent = (value: number | null | undefined): Cell => ({ value: value ?? null, format: "percent" });
export const integer = (value: number | null | undefined): Cell => ({ value: value ?? null, format: "integer" });
export const decimal = (value: number | null | undefined): Cell => ({ value: value ?? null, format: "decimal" });

const PATTERNS: Record<NumberFormat, sheets_v4.Schema$NumberFormat> = {
  percent: { type: "PERCENT", pattern: "0.0%" },
  integer: { type: "NUMBER", pattern: "0" },
  decimal: { type: "NUMBER", pattern: "#,##0.00" },
};
const HEADER_BACKGROUND = { red: 0.85, green: 0.9, blue: 0.97 };
const BELOW_TARGET = { backgroundColor: { red: 0.98, green: 0.8, blue: 0.8 }, textFormat: { foregroundColor: { red: 0.6, green: 0, blue: 0 } } };
const CELL_FIELDS = "userEnteredValue,userEnteredFormat";

function cellData(c: Cell, wrap: boolean): sheets_v4.Schema$CellData {
  const value: sheets_v4.Schema$ExtendedValue | undefined =
    c.value === null ? undefined : typeof c.value === "number" ? { numberValue: c.value } : { stringValue: c.value };
  const format: sheets_v4.Schema$CellFormat = {
    ...(c.format ? { numberFormat: PATTERNS[c.format] } : {}),
    ...(c.bold ? { textFormat: { bold: true } } : {}),
    ...(wrap ? { wrapStrategy: "WRAP" } : {}),
  };
  return { ...(value ? { userEnteredValue: value } : {}), ...(Object.keys(format).length ? { userEnteredFormat: format } : {}) };
}

function tableRows(t: Table): sheets_v4.Schema$RowData[] {
  const header = t.header
    ? [
        {
          values: t.header.map((h) => ({
            userEnteredValue: { stringValue: h },
            userEnteredFormat: { textFormat: { bold: true }, backgroundColor: HEADER_BACKGROUND },
          })),
        },
      ]
    : [];
  return [...header, ...t.rows.map((r) => ({ values: r.map((c) => cellData(c, t.wrap ?? false)) }))];
}

const headerRows = (t: Table) => (t.header ? 1 : 0);
const tableHeight = (t: Table) => headerRows(t) + t.rows.length;
const tableWidth = (t: Table) => Math.max(t.header?.length ?? 0, ...t.rows.map((r) => r.length));

/** Rows and columns a sheet needs: its tables, plus room for what is anchored on it. */
function sheetSize(s: SheetSpec): { rows: number; cols: number } {
  // One row beyond the frozen header at least: a sheet cannot freeze all its rows.
  const rows = Math.max((s.frozenRows ?? 0) + 1, s.minSize?.rows ?? 0, ...s.tables.map((t) => t.row + tableHeight(t)));
  const cols = Math.max(1, s.minSize?.cols ?? 0, ...s.tables.map((t) => t.col + tableWidth(t)));
  return { rows, cols };
}

/** Sheets' default column width, and the widest a fitted column gets (a long task title is cut there, not the sheet). */
const DEFAULT_COLUMN_PX = 100;
const MAX_FITTED_COLUMN_PX = 360;

/** About how wide a text is drawn in a bold 10-point cell: CJK characters about an em, the others about half. */
const textPixels = (s: string) => [...s].reduce((px, ch) => px + (/[\u2E80-\uFFEF]/.test(ch) ? 14 : 8), 12);

/** Column widths for a sheet that names none: each column as wide as its header and figures, so bilingual headers are not cut at the default 100 px. */
function fittedWidths(s: SheetSpec): number[] {
  const widths: number[] = [];
  for (const t of s.tables) {
    const lines = [...(t.header ? [t.header.map((h) => ({ value: h }))] : []), ...t.rows];
    for (const line of lines) {
      line.forEach((c, i) => {
        const px = Math.min(MAX_FITTED_COLUMN_PX, textPixels(c.value === null ? "" : String(c.value)));
        widths[t.col + i] = Math.max(widths[t.col + i] ?? DEFAULT_COLUMN_PX, px);
      });
    }
  }
  return Array.from(widths, (w) => w ?? DEFAULT_COLUMN_PX);
}

/** One column of a table, header included (charts take their labels from it). */
function columnRange(sheetId: number, t: Table, column: number): sheets_v4.Schema$GridRange {
  return {
    sheetId,
    startRowIndex: t.row,
    endRowIndex: t.row + Math.max(tableHeight(t), 1),
    startColumnIndex: t.col + column,
    endColumnIndex: t.col + column + 1,
  };
}

function chartRequest(c: ChartSpec): sheets_v4.Schema$Request {
  const { sheetId, table, series } = c.source;
  return {
    addChart: {
      chart: {
        spec: {
          title: c.title,
          basicChart: {
            chartType: c.type,
            legendPosition: "BOTTOM_LEGEND",
            headerCount: table.header ? 1 : 0,
            axis: [
              { position: "BOTTOM_AXIS", title: c.xTitle },
              { position: "LEFT_AXIS", title: c.yTitle },
            ],
            domains: [{ domain: { sourceRange: { sources: [columnRange(sheetId, table, 0)] } } }],
            series: series.map((col) => ({ series: { sourceRange: { sources: [columnRange(sheetId, table, col)] } }, targetAxis: "LEFT_AXIS" })),
          },
        },
        position: {
          overlayPosition: {
            anchorCell: { sheetId: c.anchor.sheetId, rowIndex: c.anchor.row, columnIndex: c.anchor.col },
            widthPixels: 640,
            heightPixels: 320,
          },
        },
      },
    },
  };
}

function ruleRequest(r: BelowTargetRule, index: number): sheets_v4.Schema$Request {
  const first = r.table.row + headerRows(r.table);
  const ranges = r.columns.map((col) => ({
    sheetId: r.sheetId,
    startRowIndex: first,
    endRowIndex: first + Math.max(r.table.rows.length, 1),
    startColumnIndex: r.table.col + col,
    endColumnIndex: r.table.col + col + 1,
  }));
  return {
    addConditionalFormatRule: {
      index,
      rule: { ranges, booleanRule: { condition: { type: "NUMBER_LESS", values: [{ userEnteredValue: String(r.below) }] }, format: BELOW_TARGET } },
    },
  };
}

/** What is in the spreadsheet now and must go before the new content is written. */
interface Existing {
  sheets: { sheetId: number; rules: number; charts: number[]; rows: number; cols: number }[];
}

function existingOf(s: sheets_v4.Schema$Spreadsheet): Existing {
  return {
    sheets: (s.sheets ?? []).map((sh) => ({
      sheetId: sh.properties?.sheetId ?? 0,
      rows: sh.properties?.gridProperties?.rowCount ?? 0,
      cols: sh.properties?.gridProperties?.columnCount ?? 0,
      rules: sh.conditionalFormats?.length ?? 0,
      charts: (sh.charts ?? []).flatMap((c) => (c.chartId == null ? [] : [c.chartId])),
    })),
  };
}

/** The one batchUpdate that turns whatever is there into `spec`. */
function rewriteRequests(spec: SpreadsheetSpec, existing: Existing): sheets_v4.Schema$Request[] {
  const wanted = new Set(spec.sheets.map((s) => s.sheetId));
  const present = new Map(existing.sheets.map((s) => [s.sheetId, s]));
  const requests: sheets_v4.Schema$Request[] = [];
  // Add the missing sheets first: a spreadsheet must keep at least one sheet while others are deleted.
  for (const s of spec.sheets) {
    if (present.has(s.sheetId)) continue;
    const size = sheetSize(s);
    requests.push({
      addSheet: { properties: { sheetId: s.sheetId, title: `${s.title} (${s.sheetId})`, gridProperties: { rowCount: size.rows, columnCount: size.cols } } },
    });
  }
  for (const s of existing.sheets) {
    if (!wanted.has(s.sheetId)) {
      requests.push({ deleteSheet: { sheetId: s.sheetId } });
      continue;
    }
    for (const chartId of s.charts) requests.push({ deleteEmbeddedObject: { objectId: chartId } });
    for (let i = s.rules - 1; i >= 0; i--) requests.push({ deleteConditionalFormatRule: { sheetId: s.sheetId, index: i } });
  }
  for (const [index, s] of spec.sheets.entries()) {
    // The grid only grows: what lies beyond the new content is cleared, not cut off, so a shrinking table needs no resize.
    const needed = sheetSize(s);
    const had = present.get(s.sheetId);
    const size = { rows: Math.max(needed.rows, had?.rows ?? 0), cols: Math.max(needed.cols, had?.cols ?? 0) };
    requests.push({
      updateSheetProperties: {
        properties: {
          sheetId: s.sheetId,
          title: s.title,
          index,
          gridProperties: { rowCount: size.rows, columnCount: size.cols, frozenRowCount: s.frozenRows ?? 0 },
        },
        fields: "title,index,gridProperties",
      },
    });
    requests.push({
      repeatCell: {
        range: { sheetId: s.sheetId, startRowIndex: 0, endRowIndex: size.rows, startColumnIndex: 0, endColumnIndex: size.cols },
        cell: {},
        fields: CELL_FIELDS,
      },
    });
    for (const [column, pixelSize] of (s.columnWidths ?? fittedWidths(s)).entries()) {
      requests.push({
        updateDimensionProperties: {
          range: { sheetId: s.sheetId, dimension: "COLUMNS", startIndex: column, endIndex: column + 1 },
          properties: { pixelSize },
          fields: "pixelSize",
        },
      });
    }
    for (const t of s.tables) {
      requests.push({ updateCells: { start: { sheetId: s.sheetId, rowIndex: t.row, columnIndex: t.col }, rows: tableRows(t), fields: CELL_FIELDS } });
    }
  }
  requests.push(...spec.charts.map(chartRequest));
  // A rule's index counts within its own sheet's rules.
  const perSheet = new Map<number, number>();
  for (const r of spec.rules) {
    const index = perSheet.get(r.sheetId) ?? 0;
    perSheet.set(r.sheetId, index + 1);
    requests.push(ruleRequest(r, index));
  }
  return requests;
}

/** Each concurrent rewrite that commits first costs the others one attempt. */
const REWRITE_ATTEMPTS = 10;

const STRUCTURE_FIELDS = "sheets(properties(sheetId,title,gridProperties),charts(chartId),conditionalFormats)";

const statusOf = (err: unknown): number | undefined => {
  const e = err as { status?: unknown; code?: unknown } | undefined;
  const s = typeof e?.status === "number" ? e.status : Number(e?.code);
  return Number.isFinite(s) ? s : undefined;
};

/**
 * Creates the spreadsheet (no `spreadsheetId`, or the remembered one is gone) or
 * rewrites it in place; returns its id and address. A rewrite racing others (people
 * refreshing at once, the scheduled refresh) may find a chart already deleted: it
 * reads the structure again and retries, a few times.
 */
export async function writeSpreadsheet(
  api: SheetsApi,
  spreadsheetId: string | undefined,
  spec: SpreadsheetSpec,
): Promise<{ spreadsheetId: string; url: string; created: boolean }> {
  let id = spreadsheetId;
  let url: string | undefined;
  let existing: Existing | undefined;
  if (id !== undefined) {
    try {
      const got = await api.spreadsheets.get({ spreadsheetId: id, fields: `spreadsheetUrl,${STRUCTURE_FIELDS}` });
      url = got.data.spreadsheetUrl ?? undefined;
      existing = existingOf(got.data);
    } catch (err) {
      if (statusOf(err) !== 404) throw err;
      id = undefined;
    }
  }
  let created = false;
  if (id === undefined || existing === undefined) {
    const made = await api.spreadsheets.create({
      requestBody: {
        properties: { title: spec.title, locale: "zh_CN" },
        sheets: spec.sheets.map((s) => {
          const size = sheetSize(s);
          return { properties: { sheetId: s.sheetId, title: s.title, gridProperties: { rowCount: size.rows, columnCount: size.cols } } };
        }),
      },
    });
    id = made.data.spreadsheetId ?? undefined;
    if (!id) throw new Error("spreadsheets.create answered without a spreadsheetId");
    url = made.data.spreadsheetUrl ?? undefined;
    existing = existingOf(made.data);
    created = true;
  }
  for (let attempt = 1; ; attempt++) {
    try {
      await api.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: rewriteRequests(spec, existing) } });
      break;
    } catch (err) {
      if (attempt >= REWRITE_ATTEMPTS || statusOf(err) !== 400) throw err;
      existing = existingOf((await api.spreadsheets.get({ spreadsheetId: id, fields: STRUCTURE_FIELDS })).data);
    }
  }
  return { spreadsheetId: id, url: url ?? `https://docs.google.com/spreadsheets/d/${id}/edit`, created };
}
