import { columnForHeader, idColumnOf, type ColumnDef, type Lang, type TemplateDef } from "@planops/shared";
import type { RowResult } from "@planops/shared/api";
import type { CellValue, ColumnRun, SheetRow, SheetTable } from "./types.js";

export type WriteBackPlan = { kind: "changed" } | { kind: "write"; runs: ColumnRun[] };

/**
 * What to write after a successful call: each row's item ID into the template's
 * ID column and its status label into the status column (`statusKey`, the
 * kind's status role), as plain strings, into the rows the backend named, and
 * only where the template has those columns (the roster and implementation
 * steps have neither: nothing is written). Only if the table still reads as it
 * was sent: the call takes seconds and anyone may edit, insert or reorder rows
 * meanwhile, and an ID written into the wrong row would tie that row to another
 * item. A change means "write nothing" (resubmitting is safe).
 */
export function planWriteBack(input: {
  template: TemplateDef;
  sent: SheetTable;
  current: SheetTable;
  rows: readonly RowResult[];
  statusKey?: string | undefined;
  labelLang: Lang;
}): WriteBackPlan {
  const { template, sent, current, rows, statusKey, labelLang } = input;
  const idKey = idColumnOf(template)?.key;
  const idColumn = idKey ? columnNumber(template, sent.headers, idKey) : undefined;
  const statusColumn = statusKey ? columnNumber(template, sent.headers, statusKey) : undefined;
  if (idColumn === undefined && statusColumn === undefined) return { kind: "write", runs: [] };

  if (!sameCells(sent.headers, current.headers)) return { kind: "changed" };
  const sentByRow = new Map(sent.rows.map((r) => [r.row, r]));
  const currentByRow = new Map(current.rows.map((r) => [r.row, r]));
  const ours = rows.filter((r) => sentByRow.has(r.row));
  for (const result of ours) {
    if (!sameRow(sentByRow.get(result.row), currentByRow.get(result.row))) return { kind: "changed" };
  }

  const runs: ColumnRun[] = [];
  if (idColumn !== undefined) {
    const ids = ours.flatMap((r) => (r.itemId ? [{ row: r.row, value: r.itemId }] : []));
    runs.push(...columnRuns(idColumn, ids));
  }
  const statusDef = statusKey ? template.columns.find((c) => c.key === statusKey) : undefined;
  if (statusColumn !== undefined && statusDef) {
    const statuses = ours.flatMap((r) => (r.status ? [{ row: r.row, value: optionLabel(statusDef, r.status, labelLang) }] : []));
    runs.push(...columnRuns(statusColumn, statuses));
  }
  return { kind: "write", runs };
}

/**
 * The language the sheet was built in, read from its header row: its dropdowns
 * only accept labels in that language, so write-backs must use it too.
 */
export function sheetLang(template: TemplateDef, headers: readonly string[], fallback: Lang): Lang {
  let zh = 0;
  let en = 0;
  for (const h of headers) {
    if (template.columns.some((c) => c.header.zh === h)) zh++;
    else if (template.columns.some((c) => c.header.en.toLowerCase() === h.toLowerCase())) en++;
  }
  if (zh === en) return fallback;
  return zh > en ? "zh" : "en";
}

/** The label of a stored enum value in a column's options; the value itself when the column has no such option. */
export function optionLabel(column: ColumnDef, value: string, lang: Lang): string {
  const options = column.type === "enum" || column.type === "enumList" ? column.options : [];
  return options.find((o) => o.value === value)?.label[lang] ?? value;
}

/** Groups cells of one column into runs of consecutive rows, each written with one setValues. */
export function columnRuns(column: number, cells: readonly { row: number; value: CellValue }[]): ColumnRun[] {
  const sorted = [...cells].sort((a, b) => a.row - b.row);
  const runs: ColumnRun[] = [];
  for (const cell of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.firstRow + last.values.length === cell.row) last.values.push(cell.value);
    else runs.push({ column, firstRow: cell.row, values: [cell.value] });
  }
  return runs;
}

/** 1-based column of the template column `key` in the sheet's header row, or undefined if the header is missing. */
export function columnNumber(template: TemplateDef, headers: readonly string[], key: string): number | undefined {
  const index = headers.findIndex((h) => columnForHeader(template, h)?.key === key);
  return index < 0 ? undefined : index + 1;
}

function sameRow(a: SheetRow | undefined, b: SheetRow | undefined): boolean {
  return a !== undefined && b !== undefined && sameCells(a.cells, b.cells);
}

function sameCells(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
