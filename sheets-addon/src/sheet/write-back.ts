import { TASK_STATUSES, columnForHeader, type Lang, type TemplateDef } from "@planops/shared";
import type { ColumnRun, SheetRow, SheetTable } from "./types.js";

export interface TaskResult {
  row: number;
  taskId: string;
  status: string;
}

export type WriteBackPlan = { kind: "changed" } | { kind: "write"; runs: ColumnRun[] };

/**
 * What to write after a successful call: each task's ID and status label into
 * the rows the backend named, as plain strings. Only if the table still reads
 * as it was sent: the call takes seconds and anyone may edit, insert or reorder
 * rows meanwhile, and an ID written into the wrong row would tie that row to
 * another task. A change means "write nothing" (resubmitting is safe).
 */
export function planWriteBack(input: {
  template: TemplateDef;
  sent: SheetTable;
  current: SheetTable;
  tasks: readonly TaskResult[];
  labelLang: Lang;
}): WriteBackPlan {
  const { template, sent, current, tasks, labelLang } = input;
  if (!sameCells(sent.headers, current.headers)) return { kind: "changed" };
  const sentByRow = new Map(sent.rows.map((r) => [r.row, r]));
  const currentByRow = new Map(current.rows.map((r) => [r.row, r]));
  const ours = tasks.filter((t) => sentByRow.has(t.row));
  for (const task of ours) {
    if (!sameRow(sentByRow.get(task.row), currentByRow.get(task.row))) return { kind: "changed" };
  }

  const idColumn = columnNumber(template, sent.headers, "taskId");
  const statusColumn = columnNumber(template, sent.headers, "status");
  const runs: ColumnRun[] = [];
  if (idColumn) runs.push(...columnRuns(idColumn, ours.map((t) => ({ row: t.row, value: t.taskId }))));
  if (statusColumn) {
    runs.push(...columnRuns(statusColumn, ours.map((t) => ({ row: t.row, value: statusLabel(t.status, labelLang) }))));
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

export function statusLabel(status: string, lang: Lang): string {
  return TASK_STATUSES.find((s) => s.value === status)?.label[lang] ?? status;
}

/** Groups cells of one column into runs of consecutive rows, each written with one setValues. */
export function columnRuns(column: number, cells: readonly { row: number; value: string }[]): ColumnRun[] {
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
function columnNumber(template: TemplateDef, headers: readonly string[], key: string): number | undefined {
  const index = headers.findIndex((h) => columnForHeader(template, h)?.key === key);
  return index < 0 ? undefined : index + 1;
}

function sameRow(a: SheetRow | undefined, b: SheetRow | undefined): boolean {
  return a !== undefined && b !== undefined && sameCells(a.cells, b.cells);
}

function sameCells(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
