import type { SubmitPlanRequest } from "@planops/shared/api";

/** Headers and rows exactly as the submit and progress endpoints take them. */
export type SheetTable = Pick<SubmitPlanRequest, "headers" | "rows">;
export type SheetRow = SheetTable["rows"][number];

/** Which template, version and period a sheet holds, from its hidden marker. */
export interface SheetMarker {
  templateId: string;
  version: number;
  period: string;
}

/** A 1-based cell address and what to attach to it. */
export interface CellMark {
  row: number;
  column: number;
  note: string;
}

/** Neighbouring cells of one row, 1-based: one range. */
export interface CellRun {
  row: number;
  column: number;
  numColumns: number;
}

/** Consecutive rows of one column written with one setValues call. */
export interface ColumnRun {
  column: number;
  firstRow: number;
  values: string[];
}
