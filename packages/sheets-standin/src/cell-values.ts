import { deepMerge } from "./field-mask.js";
import type { CellData, CellFormat, ExtendedValue, NumberFormat } from "./model.js";

/** Days from Google's date epoch (1899-12-30) to the Unix epoch. */
const EPOCH_OFFSET_DAYS = 25569;
const MS_PER_DAY = 86_400_000;

/** Patterns Google (en_US locale) applies when a number format names only a type. */
const DEFAULT_PATTERNS: Record<string, string> = {
  NUMBER: "#,##0.00",
  PERCENT: "0.00%",
  CURRENCY: "$#,##0.00",
  DATE: "yyyy-mm-dd",
  TIME: "hh:mm:ss",
  DATE_TIME: "yyyy-mm-dd hh:mm:ss",
  SCIENTIFIC: "0.00E+00",
};

/** The "General" display Google uses for a number without a format: up to 10 significant digits. */
function general(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  return String(Number(n.toPrecision(10)));
}

/** Quoted literals and backslash escapes in a pattern become plain text. */
const literal = (text: string): string => text.replace(/"([^"]*)"/g, "$1").replace(/\\(.)/g, "$1");

function formatNumberPattern(n: number, pattern: string): string {
  const sections = pattern.split(";");
  const negative = n < 0 && sections.length > 1;
  const section = (negative ? sections[1] : sections[0]) as string;
  let value = negative ? -n : n;
  const body = /[0#?][0#?,]*(\.[0#?]+)?(E[+-]0+)?/.exec(section);
  if (!body) return literal(section);
  const prefix = literal(section.slice(0, body.index));
  const suffix = literal(section.slice(body.index + body[0].length));
  if ((prefix + suffix).includes("%")) value *= 100;
  const spec = body[0];
  const decimalsSpec = body[1] ? body[1].slice(1) : "";
  if (body[2])
    return `${prefix}${value
      .toExponential(decimalsSpec.length)
      .toUpperCase()
      .replace(/E([+-])(\d)$/, "E$10$2")}${suffix}`;
  const minDecimals = (decimalsSpec.match(/0/g) ?? []).length;
  let text = value.toFixed(decimalsSpec.length);
  if (decimalsSpec.length > minDecimals) {
    const [int, frac = ""] = text.split(".");
    const trimmed = frac.replace(/0+$/, "").padEnd(minDecimals, "0");
    text = trimmed ? `${int}.${trimmed}` : (int as string);
  }
  const integerSpec = spec.split(".")[0] as string;
  if (integerSpec.includes(",")) {
    const [int = "", frac] = text.split(".");
    const sign = int.startsWith("-") ? "-" : "";
    const grouped = int.replace("-", "").replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    text = `${sign}${grouped}${frac !== undefined ? `.${frac}` : ""}`;
  }
  const minIntegers = (integerSpec.match(/0/g) ?? []).length;
  if (minIntegers === 0) text = text.replace(/^(-?)0\./, "$1.");
  return `${prefix}${text}${suffix}`;
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** Date and time patterns: y, m (month, or minutes next to h or s), d, h, s and AM/PM, as in Sheets. */
function formatDatePattern(serial: number, pattern: string): string {
  const date = new Date(Math.round((serial - EPOCH_OFFSET_DAYS) * MS_PER_DAY));
  const tokens = pattern.match(/"[^"]*"|\\.|y+|m+|d+|h+|s+|AM\/PM|am\/pm|./gi) ?? [];
  const ampm = tokens.some((t) => t.toLowerCase() === "am/pm");
  let out = "";
  tokens.forEach((token, i) => {
    const lower = token.toLowerCase();
    const prev = tokens
      .slice(0, i)
      .reverse()
      .find((t) => /^[a-z]/i.test(t));
    const next = tokens.slice(i + 1).find((t) => /^[a-z]/i.test(t));
    if (/^y+$/.test(lower)) out += lower.length <= 2 ? pad(date.getUTCFullYear() % 100, 2) : String(date.getUTCFullYear());
    else if (/^m+$/.test(lower)) {
      const minutes = prev?.toLowerCase().startsWith("h") || next?.toLowerCase().startsWith("s");
      if (minutes) out += lower.length === 1 ? String(date.getUTCMinutes()) : pad(date.getUTCMinutes(), 2);
      else if (lower.length >= 4) out += MONTHS[date.getUTCMonth()];
      else if (lower.length === 3) out += (MONTHS[date.getUTCMonth()] as string).slice(0, 3);
      else out += lower.length === 2 ? pad(date.getUTCMonth() + 1, 2) : String(date.getUTCMonth() + 1);
    } else if (/^d+$/.test(lower)) out += lower.length === 1 ? String(date.getUTCDate()) : pad(date.getUTCDate(), 2);
    else if (/^h+$/.test(lower)) {
      const hours = ampm ? date.getUTCHours() % 12 || 12 : date.getUTCHours();
      out += lower.length === 1 ? String(hours) : pad(hours, 2);
    } else if (/^s+$/.test(lower)) out += lower.length === 1 ? String(date.getUTCSeconds()) : pad(date.getUTCSeconds(), 2);
    else if (lower === "am/pm") out += date.getUTCHours() < 12 ? "AM" : "PM";
    else out += literal(token);
  });
  return out;
}

export function formatNumber(n: number, format: NumberFormat | undefined): string {
  if (!format || format.type === "TEXT" || format.type === "NUMBER_FORMAT_TYPE_UNSPECIFIED") return general(n);
  const pattern = format.pattern || DEFAULT_PATTERNS[format.type] || "";
  if (!pattern) return general(n);
  return format.type === "DATE" || format.type === "TIME" || format.type === "DATE_TIME" ? formatDatePattern(n, pattern) : formatNumberPattern(n, pattern);
}

export const isDateFormat = (format: NumberFormat | undefined): boolean => format?.type === "DATE" || format?.type === "TIME" || format?.type === "DATE_TIME";

/**
 * What a cell shows. Formulas are not evaluated by the stand-in: a formula cell shows its formula
 * text (`=SUM(B2:B5)`), which is enough to see and test what was written.
 */
export function formattedValue(cell: CellData | null | undefined): string | undefined {
  const v = cell?.userEnteredValue;
  if (!v) return undefined;
  if (v.formulaValue !== undefined) return v.formulaValue;
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.numberValue !== undefined) return formatNumber(v.numberValue, cell?.userEnteredFormat?.numberFormat);
  if (v.boolValue !== undefined) return v.boolValue ? "TRUE" : "FALSE";
  if (v.errorValue !== undefined) return "#ERROR!";
  return undefined;
}

/** The calculated value; a formula (not evaluated here) has none. */
export function effectiveValue(value: ExtendedValue | undefined): ExtendedValue | undefined {
  if (!value || value.formulaValue !== undefined) return undefined;
  return structuredClone(value);
}

/** The number a cell holds, for charts and conditional formats; text is never a number there, as in Sheets. */
export function numericValue(cell: CellData | null | undefined): number | undefined {
  const v = cell?.userEnteredValue;
  return v?.numberValue;
}

const DEFAULT_FORMAT: CellFormat = {
  backgroundColor: { red: 1, green: 1, blue: 1 },
  padding: { top: 2, right: 3, bottom: 2, left: 3 },
  verticalAlignment: "BOTTOM",
  wrapStrategy: "OVERFLOW_CELL",
  textFormat: { foregroundColor: {}, fontFamily: "Arial", fontSize: 10, bold: false, italic: false, strikethrough: false, underline: false },
  hyperlinkDisplayType: "PLAIN_TEXT",
};

/** The format a cell is shown with: Google's defaults under what the user set (conditional formats are not part of it, as in Google). */
export function effectiveFormat(cell: CellData): CellFormat {
  const base = deepMerge(DEFAULT_FORMAT, cell.userEnteredFormat);
  if (!base.horizontalAlignment) {
    const v = cell.userEnteredValue;
    base.horizontalAlignment = v?.numberValue !== undefined || v?.boolValue !== undefined ? "RIGHT" : "LEFT";
  }
  return base;
}

export type ValueInputOption = "RAW" | "USER_ENTERED";
export type InputValue = string | number | boolean | null;

/** A value from a values.update request as the cell stores it; null leaves the cell as it was. */
export function enteredValue(input: InputValue, option: ValueInputOption): { value?: ExtendedValue; numberFormat?: NumberFormat } | null {
  if (input === null) return null;
  if (typeof input === "number") return { value: { numberValue: input } };
  if (typeof input === "boolean") return { value: { boolValue: input } };
  if (input === "") return {};
  // RAW stores text exactly as given, even `=SUM(A1)`, `+1` or `2027-01-05`.
  if (option === "RAW") return { value: { stringValue: input } };
  return parseUserEntered(input);
}

const NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** What typing `text` into a cell makes of it: a formula, a boolean, a number, a percent, a date, or text. */
function parseUserEntered(text: string): { value: ExtendedValue; numberFormat?: NumberFormat } {
  if (text.startsWith("'")) return { value: { stringValue: text.slice(1) } };
  if (text.startsWith("=") && text.length > 1) return { value: { formulaValue: text } };
  const trimmed = text.trim();
  if (/^(true|false)$/i.test(trimmed)) return { value: { boolValue: trimmed.toLowerCase() === "true" } };
  if (/\d/.test(trimmed) && NUMBER.test(trimmed)) return { value: { numberValue: Number(trimmed.replaceAll(",", "")) } };
  const percent = /^(.*)%$/.exec(trimmed);
  if (percent?.[1] && /\d/.test(percent[1]) && NUMBER.test(percent[1])) {
    const n = Number(percent[1].replaceAll(",", ""));
    return { value: { numberValue: n / 100 }, numberFormat: { type: "PERCENT", pattern: Number.isInteger(n) ? "0%" : "0.00%" } };
  }
  const date = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(trimmed);
  if (date) {
    const [y, m, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const ms = Date.UTC(y, m - 1, d);
    const back = new Date(ms);
    if (back.getUTCMonth() === m - 1 && back.getUTCDate() === d) {
      return { value: { numberValue: ms / MS_PER_DAY + EPOCH_OFFSET_DAYS }, numberFormat: { type: "DATE", pattern: "yyyy-mm-dd" } };
    }
  }
  return { value: { stringValue: text } };
}

export type ValueRenderOption = "FORMATTED_VALUE" | "UNFORMATTED_VALUE" | "FORMULA";

/** A cell as values.get returns it under the render options. */
export function renderValue(cell: CellData | null | undefined, render: ValueRenderOption, dateTime: "SERIAL_NUMBER" | "FORMATTED_STRING"): InputValue {
  const v = cell?.userEnteredValue;
  if (!v) return null;
  if (render === "FORMATTED_VALUE") return formattedValue(cell) ?? null;
  if (v.formulaValue !== undefined) return v.formulaValue;
  if (v.numberValue !== undefined) {
    if (dateTime === "FORMATTED_STRING" && isDateFormat(cell?.userEnteredFormat?.numberFormat)) return formattedValue(cell) ?? null;
    return v.numberValue;
  }
  if (v.boolValue !== undefined) return v.boolValue;
  return v.stringValue ?? null;
}
