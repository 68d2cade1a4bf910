import { headerRow, MONTHLY_PLAN } from "@planops/shared";
import type { SubmitPlanRequest } from "@planops/shared/api";

type Cell = string | number | boolean | null;
export type RowInput = Partial<Record<(typeof MONTHLY_PLAN.columns)[number]["key"], Cell>>;

export const HEADERS_ZH = headerRow(MONTHLY_PLAN, "zh");

/** Builds the table the add-on would send, from rows keyed by column. */
export function planTable(rows: RowInput[], opts: { period?: string; headers?: string[]; firstRow?: number } = {}): SubmitPlanRequest {
  const headers = opts.headers ?? HEADERS_ZH;
  const keys = headers.map((h) => MONTHLY_PLAN.columns.find((c) => c.header.zh === h || c.header.en === h)?.key);
  return {
    template: { id: "monthly-plan", version: MONTHLY_PLAN.version },
    period: opts.period ?? "2026-12",
    spreadsheet: { id: "sheet-test", sheetId: 7, sheetName: "月度计划 2026-12" },
    headers,
    rows: rows.map((r, i) => ({ row: (opts.firstRow ?? 2) + i, cells: keys.map((k) => (k ? (r[k] ?? null) : null)) })),
  };
}

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
