/**
 * Sheets number formats, as far as the add-on needs them for getDisplayValues:
 * date/time patterns (yyyy mm dd hh ss, case-insensitive, `m` after `h` or before `s` = minutes),
 * numeric patterns (0, 0.00, #,##0, 0%, literal prefix/suffix) and plain text `@`.
 */
import { serialToWall } from "./time.js";

/** What Range.getNumberFormat reports for a cell nobody formatted ("Automatic"). */
export const GENERAL_FORMAT = "0.###############";
export const TEXT_FORMAT = "@";

function stripLiterals(format: string): string {
  return format.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, "");
}

export function isDateFormat(format: string | null): boolean {
  return format !== null && format !== TEXT_FORMAT && /[ydhsm]/i.test(stripLiterals(format));
}

export function formatGeneral(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  return String(Number(n.toPrecision(10))).replace("e", "E");
}

interface Token {
  kind: "field" | "literal";
  text: string;
}

function tokenizeDate(format: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < format.length; ) {
    const ch = format.charAt(i);
    if (ch === '"') {
      const end = format.indexOf('"', i + 1);
      const stop = end === -1 ? format.length : end;
      tokens.push({ kind: "literal", text: format.slice(i + 1, stop) });
      i = stop + 1;
    } else if (ch === "\\") {
      tokens.push({ kind: "literal", text: format.charAt(i + 1) });
      i += 2;
    } else if (/^am\/pm/i.test(format.slice(i))) {
      tokens.push({ kind: "field", text: "am/pm" });
      i += 5;
    } else if (/[ydhsm]/i.test(ch)) {
      let j = i;
      while (format.charAt(j).toLowerCase() === ch.toLowerCase()) j++;
      tokens.push({ kind: "field", text: format.slice(i, j).toLowerCase() });
      i = j;
    } else {
      tokens.push({ kind: "literal", text: ch });
      i++;
    }
  }
  return tokens;
}

function isMinute(tokens: Token[], i: number): boolean {
  const fieldAt = (step: number): string | undefined => {
    for (let j = i + step; j >= 0 && j < tokens.length; j += step) {
      const t = tokens[j];
      if (t?.kind === "field") return t.text.charAt(0);
    }
    return undefined;
  };
  return fieldAt(-1) === "h" || fieldAt(1) === "s";
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const pad2 = (n: number) => String(n).padStart(2, "0");

function formatDate(serial: number, format: string): string {
  const w = serialToWall(serial);
  const tokens = tokenizeDate(format);
  const twelveHour = tokens.some((t) => t.text === "am/pm");
  return tokens
    .map((t, i) => {
      if (t.kind === "literal") return t.text;
      const n = t.text.length;
      const hour = twelveHour ? w.hour % 12 || 12 : w.hour;
      switch (t.text.charAt(0)) {
        case "y":
          return n <= 2 ? pad2(w.year % 100) : String(w.year);
        case "d":
          if (n >= 4) return DAYS[w.weekday] ?? "";
          if (n === 3) return (DAYS[w.weekday] ?? "").slice(0, 3);
          return n === 2 ? pad2(w.day) : String(w.day);
        case "h":
          return n === 2 ? pad2(hour) : String(hour);
        case "s":
          return n === 2 ? pad2(w.second) : String(w.second);
        case "a":
          return w.hour < 12 ? "AM" : "PM";
        default: // "m": minutes or months depending on neighbours
          if (isMinute(tokens, i)) return n === 2 ? pad2(w.minute) : String(w.minute);
          if (n >= 4) return MONTHS[w.month - 1] ?? "";
          if (n === 3) return (MONTHS[w.month - 1] ?? "").slice(0, 3);
          return n === 2 ? pad2(w.month) : String(w.month);
      }
    })
    .join("");
}

function formatNumeric(n: number, format: string): string {
  const section = format.split(";")[0] ?? format;
  const first = section.search(/[0#?]/);
  if (first === -1) return formatGeneral(n);
  let last = first;
  for (let i = first; i < section.length; i++) if (/[0#?.,]/.test(section.charAt(i))) last = i;
  const unquote = (s: string) => s.replace(/"([^"]*)"|\\(.)/g, "$1$2");
  const prefix = unquote(section.slice(0, first));
  const suffix = unquote(section.slice(last + 1));
  const body = section.slice(first, last + 1);
  const [intPart = "", fracPart = ""] = body.split(".");
  const percent = suffix.includes("%") || prefix.includes("%");
  const value = Math.abs(percent ? n * 100 : n);
  const decimals = fracPart.replace(/[^0#?]/g, "").length;
  const minInt = intPart.replace(/[^0]/g, "").length;
  let [whole = "0", frac = ""] = value.toFixed(decimals).split(".");
  whole = whole.replace(/^0+(?=\d)/, "").padStart(minInt, "0");
  if (minInt === 0 && whole === "0") whole = "";
  if (intPart.includes(",")) whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const optional = fracPart.replace(/[^0#?]/g, "").replace(/^0*/, "").length;
  for (let k = 0; k < optional && frac.endsWith("0"); k++) frac = frac.slice(0, -1);
  const digits = frac ? `${whole}.${frac}` : whole;
  const negative = n < 0 && Number(digits.replace(/,/g, "")) !== 0;
  return `${negative ? "-" : ""}${prefix}${digits}${suffix}`;
}

/** Display text of a number under `format` (null = automatic). */
export function formatNumber(n: number, format: string | null): string {
  if (format === null || format === GENERAL_FORMAT || format === TEXT_FORMAT) return formatGeneral(n);
  if (isDateFormat(format)) return formatDate(n, format);
  return formatNumeric(n, format);
}
