/**
 * One cell's stored state and the rules Sheets applies when a string is written into it
 * (by `setValue(s)` or by a user typing), plus how it reads back through getValues/getDisplayValues.
 * Dates are stored like Sheets stores them: a serial day number in a cell with a date format.
 */
import type { DataValidation } from "./data-validation.js";
import { evaluateFormula } from "./formula.js";
import { formatNumber, isDateFormat, TEXT_FORMAT } from "./number-format.js";
import { instantToSerial, isValidDay, serialToInstant, wallToSerial } from "./time.js";

export type Scalar = string | number | boolean;

export interface Cell {
  value: Scalar; // "" = empty
  formula: string; // "" = none
  format: string | null; // null = automatic
  note: string;
  background: string | null;
  validation: DataValidation | null;
  fontWeight: string | null;
  fontColor: string | null;
  wrap: boolean | null;
}

export function emptyCell(): Cell {
  return {
    value: "",
    formula: "",
    format: null,
    note: "",
    background: null,
    validation: null,
    fontWeight: null,
    fontColor: null,
    wrap: null,
  };
}

/** What a written input turns into: content plus the number format Sheets auto-applies. */
export interface Parsed {
  value: Scalar;
  formula: string;
  autoFormat?: string;
}

const NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

function parseNumber(text: string): Parsed | null {
  const percent = text.endsWith("%");
  const body = percent ? text.slice(0, -1).trim() : text;
  if (!NUMBER.test(body) || !/\d/.test(body)) return null;
  const n = Number(body.replace(/,/g, ""));
  if (Number.isNaN(n)) return null;
  const decimals = body.includes(".") ? ".00" : "";
  if (percent) return { value: n / 100, formula: "", autoFormat: `0${decimals}%` };
  if (body.includes(",")) return { value: n, formula: "", autoFormat: `#,##0${decimals}` };
  return { value: n, formula: "" };
}

function parseDate(text: string): Parsed | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((x) => Number(x ?? 0));
  const w = { year: year ?? 0, month: month ?? 0, day: day ?? 0, hour: hour ?? 0, minute: minute ?? 0, second: second ?? 0 };
  if (!isValidDay(w.year, w.month, w.day) || w.hour > 23 || w.minute > 59 || w.second > 59) return null;
  const serial = wallToSerial({ ...w, millisecond: 0 });
  return { value: serial, formula: "", autoFormat: m[4] === undefined ? "yyyy-mm-dd" : "yyyy-mm-dd hh:mm:ss" };
}

/** Sheets' interpretation of a string entered into a cell whose number format is `format`. */
export function parseInput(text: string, format: string | null): Parsed {
  if (text.startsWith("'")) return { value: text.slice(1), formula: "" };
  if (format === TEXT_FORMAT) return { value: text, formula: "" };
  if (text.startsWith("=") && text.length > 1) return { value: "", formula: text };
  const trimmed = text.trim();
  if (/^(true|false)$/i.test(trimmed)) return { value: trimmed.toLowerCase() === "true", formula: "" };
  return parseNumber(trimmed) ?? parseDate(trimmed) ?? { value: text, formula: "" };
}

/** What a script-supplied value (setValue/setValues) is stored as. */
export function fromScriptValue(value: unknown, format: string | null, timeZone: string): Parsed {
  if (value === null || value === undefined) return { value: "", formula: "" };
  if (value instanceof Date) {
    const serial = instantToSerial(value.getTime(), timeZone);
    if (isDateFormat(format)) return { value: serial, formula: "" };
    return { value: serial, formula: "", autoFormat: Number.isInteger(serial) ? "yyyy-mm-dd" : "yyyy-mm-dd hh:mm:ss" };
  }
  if (typeof value === "number" || typeof value === "boolean") return { value, formula: "" };
  return parseInput(String(value), format);
}

export function applyParsed(cell: Cell, parsed: Parsed): void {
  cell.value = parsed.value;
  cell.formula = parsed.formula;
  // Sheets only picks a format for cells still on "Automatic"; explicit formats are kept.
  if (parsed.autoFormat && cell.format === null) cell.format = parsed.autoFormat;
}

function rawValue(cell: Cell): Scalar {
  return cell.formula ? evaluateFormula(cell.formula) : cell.value;
}

/** getValues semantics: numbers in date-formatted cells come back as Dates. */
export function readValue(cell: Cell | undefined, timeZone: string): Scalar | Date {
  if (!cell) return "";
  const v = rawValue(cell);
  if (typeof v === "number" && isDateFormat(cell.format)) return new Date(serialToInstant(v, timeZone));
  return v;
}

export function displayValue(cell: Cell | undefined): string {
  if (!cell) return "";
  const v = rawValue(cell);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "number") return formatNumber(v, cell.format);
  return v;
}
