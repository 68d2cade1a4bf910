/** A1 notation ⇄ 1-based coordinates, as Sheet.getRange(a1) and Range.getA1Notation use it. */
import { GasException } from "./enums.js";

export interface Bounds {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

export function columnLetters(col: number): string {
  let s = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function columnNumber(letters: string): number {
  return [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

interface Ref {
  col?: number;
  row?: number;
}

const REF = /^\$?([A-Za-z]{1,3})?\$?(\d+)?$/;

function parseRef(text: string): Ref | null {
  const m = REF.exec(text);
  if (!m || (!m[1] && !m[2])) return null;
  const ref: Ref = {};
  if (m[1]) ref.col = columnNumber(m[1]);
  if (m[2]) ref.row = Number(m[2]);
  if (ref.row === 0) return null;
  return ref;
}

/**
 * Parses `A1`, `A1:C3`, `A:C` (whole columns), `2:5` (whole rows) and `A2:C` (open-ended rows),
 * with optional `$` anchors. Open ends extend to the sheet's current size, like Sheets does.
 */
export function parseA1(a1: string, maxRows: number, maxCols: number): Bounds {
  const notFound = () => new GasException("Range not found");
  const parts = a1.trim().split(":");
  if (parts.length > 2) throw notFound();
  const start = parseRef(parts[0] ?? "");
  const end = parts.length === 2 ? parseRef(parts[1] ?? "") : start;
  if (!start || !end) throw notFound();
  if (parts.length === 1 && (start.row === undefined || start.col === undefined)) throw notFound();
  const r1 = start.row ?? 1;
  const c1 = start.col ?? 1;
  const r2 = end.row ?? maxRows;
  const c2 = end.col ?? maxCols;
  const row = Math.min(r1, r2);
  const col = Math.min(c1, c2);
  return { row, col, numRows: Math.abs(r2 - r1) + 1, numCols: Math.abs(c2 - c1) + 1 };
}

export function toA1(b: Bounds): string {
  const first = `${columnLetters(b.col)}${b.row}`;
  if (b.numRows === 1 && b.numCols === 1) return first;
  return `${first}:${columnLetters(b.col + b.numCols - 1)}${b.row + b.numRows - 1}`;
}

export function intersects(a: Bounds, b: Bounds): boolean {
  return a.row < b.row + b.numRows && b.row < a.row + a.numRows && a.col < b.col + b.numCols && b.col < a.col + a.numCols;
}
