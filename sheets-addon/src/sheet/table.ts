import type { SheetTable } from "./types.js";

/** A cell as it goes over the wire: Dates become "YYYY-MM-DD", empty cells null. */
type WireCell = string | number | boolean | null;

/** Formats a Date as "YYYY-MM-DD" in the spreadsheet's time zone (Utilities.formatDate in Apps Script). */
export type DayFormatter = (date: Date) => string;

/**
 * Turns the values of one getValues() call on the data range (row 1 = header)
 * into the table the backend judges. Columns end at the last non-empty header
 * (anything typed further right is outside the table); fully empty rows are
 * skipped (an unticked checkbox reads as false and alone does not make a row);
 * every other row keeps its 1-based sheet row number so errors and results can
 * be written back where they belong.
 */
export function readTable(values: readonly (readonly unknown[])[], formatDay: DayFormatter): SheetTable {
  const [headerValues = [], ...body] = values;
  const rawHeaders = headerValues.map((v) => (isBlank(v) ? "" : String(v).trim()));
  let width = rawHeaders.length;
  while (width > 0 && rawHeaders[width - 1] === "") width--;
  const headers = rawHeaders.slice(0, width);

  const rows: SheetTable["rows"] = [];
  body.forEach((raw, index) => {
    const cells = headers.map((_, c) => toWireCell(raw[c], formatDay));
    if (cells.some((cell) => cell !== null && cell !== false)) rows.push({ row: index + 2, cells });
  });
  return { headers, rows };
}

export function toWireCell(value: unknown, formatDay: DayFormatter): WireCell {
  if (isDate(value)) return formatDay(value);
  if (isBlank(value)) return null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  return String(value);
}

/** Whitespace-only text counts as empty: a row of spaces is not a task. */
function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}

/** Realm-independent: Dates from Apps Script services or a test's vm context fail `instanceof Date`. */
function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === "[object Date]";
}
