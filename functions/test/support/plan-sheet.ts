import { ANNUAL_PLAN, type ColumnKey, headerRow, type Lang, MONTHLY_PLAN, QUARTERLY_PLAN, TASK_STEPS, type TemplateDef } from "@planops/shared";
import type { SubmitRequest } from "@planops/shared/api";

export type Cell = string | number | boolean | null;
/** One row of a template's sheet, keyed by column key; a missing key is an empty cell. */
export type Row<T extends TemplateDef> = Partial<Record<ColumnKey<T>, Cell>>;
export type RowInput = Row<typeof MONTHLY_PLAN>;

/** The monthly plan's header row in Chinese, as the add-on writes it. */
export const HEADERS_ZH = headerRow(MONTHLY_PLAN, "zh");

export interface SheetOptions {
  /** The sheet's period marker: "2027", "2027-Q1", "2027-01". */
  period?: string;
  /** Header cells as the sheet shows them; the template's Chinese headers by default. */
  headers?: string[];
  lang?: Lang;
  /** Sheet row of the first record (the header is row 1). */
  firstRow?: number;
  /** Explicit sheet row numbers, one per record (to send a row number twice, for instance). */
  rowNumbers?: number[];
  /** The template version in the sheet's marker; the template's own by default. */
  version?: number;
}

const DEFAULT_PERIOD: Record<string, string> = { year: "2026", quarter: "2026-Q4", month: "2026-12" };

/** Builds the table the add-on would send for any template, from records keyed by column key. */
export function sheetTable<T extends TemplateDef>(template: T, rows: readonly Row<T>[], opts: SheetOptions = {}): SubmitRequest {
  const headers = opts.headers ?? headerRow(template, opts.lang ?? "zh");
  const keys = headers.map((h) => template.columns.find((c) => c.header.zh === h || c.header.en === h)?.key);
  const period = opts.period ?? (template.periodKind ? (DEFAULT_PERIOD[template.periodKind] ?? "") : "");
  return {
    template: { id: template.id, version: opts.version ?? template.version },
    period,
    spreadsheet: { id: `sheet-${template.id}`, sheetId: 7, sheetName: `${template.title.zh} ${period}` },
    headers,
    rows: rows.map((r, i) => ({
      row: opts.rowNumbers?.[i] ?? (opts.firstRow ?? 2) + i,
      cells: keys.map((k) => (k ? ((r as Record<string, Cell | undefined>)[k] ?? null) : null)),
    })),
  };
}

/** A monthly plan's table (the template most tests submit). */
export function planTable(rows: readonly RowInput[], opts: SheetOptions = {}): SubmitRequest {
  return sheetTable(MONTHLY_PLAN, rows, opts);
}

export const annualTable = (rows: readonly Row<typeof ANNUAL_PLAN>[], opts: SheetOptions = {}) => sheetTable(ANNUAL_PLAN, rows, opts);
export const quarterlyTable = (rows: readonly Row<typeof QUARTERLY_PLAN>[], opts: SheetOptions = {}) => sheetTable(QUARTERLY_PLAN, rows, opts);
export const stepsTable = (rows: readonly Row<typeof TASK_STEPS>[], opts: SheetOptions = {}) => sheetTable(TASK_STEPS, rows, opts);

/** The 1-based sheet column of a template column, with the default (Chinese) headers. */
export const columnOf = (template: TemplateDef, key: string): number => template.columns.findIndex((c) => c.key === key) + 1;

export const task = (over: RowInput = {}): RowInput => ({
  content: "编制12月运营数据月报",
  department: "计划运营部",
  owner: "李明",
  priority: "高",
  start: "2026-12-01",
  due: "2026-12-10",
  deliverable: "月报",
  weight: 1,
  ...over,
});

/** An annual plan item of `year`, by default a department goal owned by 李明. */
export const annualItem = (year: number | string, over: Row<typeof ANNUAL_PLAN> = {}): Row<typeof ANNUAL_PLAN> => ({
  category: "部门目标",
  title: "计划完成率达到 95%",
  indicator: "计划完成率",
  target: "95%",
  department: "计划运营部",
  owner: "李明",
  start: `${year}-01-01`,
  due: `${year}-12-31`,
  weight: 1,
  ...over,
});

/** A quarterly plan item of `quarter` ("2027-Q1"), due on the quarter's last month's 20th. */
export const quarterlyItem = (quarter: string, over: Row<typeof QUARTERLY_PLAN> = {}): Row<typeof QUARTERLY_PLAN> => {
  const year = quarter.slice(0, 4);
  const lastMonth = String(Number(quarter.slice(-1)) * 3).padStart(2, "0");
  return {
    focus: "计划管理",
    title: "建立月度计划跟踪机制",
    department: "计划运营部",
    owner: "李明",
    due: `${year}-${lastMonth}-20`,
    weight: 1,
    ...over,
  };
};

/** What an owner types into a monthly-plan row's progress columns (and, to test refusals, its due date). */
export interface ProgressCells {
  status?: string;
  percent?: number | string;
  /** A number is a spreadsheet serial date, as Sheets may send it. */
  actualFinish?: string | number;
  feedback?: string;
  due?: string;
}

/** One row of the monthly plan sheet as 更新进度 sends it: the task ID and the progress cells, the rest empty. */
export function progressRow(row: number, taskId: string, p: ProgressCells) {
  const byHeader: Record<string, string | number | undefined> = {
    任务编号: taskId,
    状态: p.status,
    完成百分比: p.percent,
    实际完成时间: p.actualFinish,
    问题反馈: p.feedback,
    完成时间: p.due,
  };
  return { row, cells: HEADERS_ZH.map((h) => byHeader[h] ?? null) };
}
