import type { SubmitRequest } from "@planops/shared/api";

/** Headers and rows exactly as the submit and progress endpoints take them. */
export type SheetTable = Pick<SubmitRequest, "headers" | "rows">;
export type SheetRow = SheetTable["rows"][number];

/** Which template, version and period a sheet holds, from its hidden marker. */
export interface SheetMarker {
  templateId: string;
  version: number;
  /** "2027", "2027-Q1" or "2027-01"; null for a template that is not per period (the roster). */
  period: string | null;
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

/** A plain value the add-on writes into a cell: never a formula (text goes only into plain-text cells). */
export type CellValue = string | number | boolean;

/** Consecutive rows of one column written with one setValues call. */
export interface ColumnRun {
  column: number;
  firstRow: number;
  values: CellValue[];
}
