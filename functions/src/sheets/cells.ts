/**
 * Reading untrusted sheet cells: each function turns one raw cell into a typed value
 * or a problem (code + bilingual text naming what is allowed). Anyone with edit
 * access can type anything, so nothing here trusts the add-on's formatting.
 */
import type { EnumOption, Text } from "@planops/shared";

export type Raw = string | number | boolean | null;
export type Parsed<T> = { ok: true; value: T } | { ok: false; code: string; text: Text };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (code: string, zh: string, en: string): Parsed<never> => ({ ok: false, code, text: { zh, en } });

/** Full-width digits and punctuation from Chinese input methods become ASCII. */
const normalize = (s: string) => s.normalize("NFKC").trim();

/*
 * What the backend accepts as text, the same for every template and every column
 * type (the reader applies it to each cell before reading its type):
 * - Invisible control characters (C0 except tab, line feed and carriage return;
 *   DEL; C1) are removed wherever they appear: pasted from other systems, they are
 *   never meant. Tabs and line breaks inside a cell are kept; spaces at either end
 *   are trimmed.
 * - A cell with nothing left but spaces, invisible control characters and
 *   zero-width characters (U+200B–U+200D, U+2060, U+FEFF) is blank: empty where
 *   optional, REQUIRED where required.
 * - A lone UTF-16 surrogate (broken Unicode, e.g. half of an emoji cut by a script)
 *   is refused as INVALID_TEXT: stored, it would silently become U+FFFD.
 * - Otherwise text is kept as typed: no Unicode normalisation (neither NFC nor
 *   NFKC), so what a person typed is what is stored and shown; zero-width joiners
 *   inside emoji and names stay. Only matching — numbers, dates, dropdown values,
 *   people, departments — reads full-width forms through NFKC.
 * - Lengths count Unicode code points (a character outside the BMP such as 𠮷
 *   counts once).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: invisible control characters are what it removes
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A string cell with its invisible control characters removed (other values as they are). */
export const withoutControlChars = (raw: Raw): Raw => (typeof raw === "string" ? raw.replace(CONTROL_CHARS, "") : raw);

/** Whether a string holds a lone UTF-16 surrogate. */
export const hasLoneSurrogate = (raw: Raw): boolean => typeof raw === "string" && LONE_SURROGATE.test(raw);

export const INVALID_TEXT: Parsed<never> = {
  ok: false,
  code: "INVALID_TEXT",
  text: { zh: "含有无法识别的字符（不完整的 Unicode 字符），请重新输入", en: "contains an invalid (broken Unicode) character; type it again" },
};

/** Blank: nothing, or only spaces, invisible control characters and zero-width characters (none of which is content). */
export function isBlank(raw: Raw): boolean {
  return raw === null || (typeof raw === "string" && raw.replace(CONTROL_CHARS, "").replace(ZERO_WIDTH, "").trim() === "");
}

const shown = (raw: Raw) => (typeof raw === "string" ? `“${raw.length > 40 ? raw.slice(0, 40) + "…" : raw}”` : String(raw));

/**
 * Free text, as described above. Text that starts with = + - @ is kept as literal text: it is stored
 * verbatim and only ever written back into plain-text cells, so it is never executed.
 */
export function readText(raw: Raw, maxLength: number): Parsed<string> {
  if (typeof raw === "boolean") return bad("NOT_TEXT", "应为文字，而不是勾选框", "expected text, not a checkbox");
  const s = (typeof raw === "number" ? String(raw) : (raw ?? "")).replace(CONTROL_CHARS, "").trim();
  if (LONE_SURROGATE.test(s)) return INVALID_TEXT;
  if ([...s].length > maxLength) {
    return bad("TOO_LONG", `最多 ${maxLength} 个字符，当前 ${[...s].length} 个`, `at most ${maxLength} characters; this has ${[...s].length}`);
  }
  return ok(s);
}

const NUMBER_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** Numbers typed as text ("５", "1,5" is not a number, "1,000" is) are accepted as the number they spell. */
export function readNumber(raw: Raw, min: number, max: number): Parsed<number> {
  let n: number;
  if (typeof raw === "number") n = raw;
  else if (typeof raw === "string") {
    const s = normalize(raw).replace(/,(?=\d{3}\b)/g, "");
    if (!NUMBER_RE.test(s))
      return bad(
        "NOT_A_NUMBER",
        `${shown(raw)} 不是数字，应为 ${min}–${max} 之间的数字`,
        `${shown(raw)} is not a number; enter a number from ${min} to ${max}`,
      );
    n = Number(s);
  } else return bad("NOT_A_NUMBER", `应为 ${min}–${max} 之间的数字`, `enter a number from ${min} to ${max}`);
  if (!Number.isFinite(n) || n < min || n > max) {
    return bad("OUT_OF_RANGE", `${n} 超出范围，应为 ${min}–${max}`, `${n} is out of range; allowed ${min} to ${max}`);
  }
  return ok(n);
}

/**
 * % complete as 0–100. The column is formatted as a percentage, so Sheets stores
 * "60%" as 0.6: a number from 0 to 1 is a fraction (1 = 100 %); a number above 1 or
 * a string such as "60" or "60%" is a percentage.
 */
export function readPercent(raw: Raw): Parsed<number> {
  if (typeof raw === "number") {
    if (raw >= 0 && raw <= 1) return ok(Math.round(raw * 10000) / 100);
    return readNumber(raw, 0, 100);
  }
  if (typeof raw === "string") {
    const s = normalize(raw);
    return readNumber(s.endsWith("%") ? s.slice(0, -1) : s, 0, 100);
  }
  return readNumber(raw, 0, 100);
}

const SERIAL_2000 = 36526; // 2000-01-01 as a spreadsheet serial day (days since 1899-12-30)
const SERIAL_2099 = 73050; // 2099-12-31

function isoFromParts(y: number, m: number, d: number): string | undefined {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return undefined;
  return dt.toISOString().slice(0, 10);
}

const DATE_FORMS = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/,
  /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/,
];
const DATE_ALLOWED = { zh: "请填写日期，如 2026-12-01 或 2026年12月1日", en: "enter a date such as 2026-12-01" };

/**
 * A calendar date as "YYYY-MM-DD". The add-on sends date cells in that form; typed
 * text in the Chinese form (2026年12月1日) and other common forms, and spreadsheet
 * serial numbers (a date pasted from Excel as a number, 2000–2099), are read deliberately.
 */
export function readDate(raw: Raw): Parsed<string> {
  if (typeof raw === "number") {
    if (Number.isInteger(raw) && raw >= SERIAL_2000 && raw <= SERIAL_2099) {
      return ok(new Date(Date.UTC(1899, 11, 30) + raw * 86_400_000).toISOString().slice(0, 10));
    }
    return bad("NOT_A_DATE", `${raw} 不是日期；${DATE_ALLOWED.zh}`, `${raw} is not a date; ${DATE_ALLOWED.en}`);
  }
  if (typeof raw !== "string") return bad("NOT_A_DATE", DATE_ALLOWED.zh, DATE_ALLOWED.en);
  const s = normalize(raw).replace(/\s+/g, "");
  for (const re of DATE_FORMS) {
    const m = re.exec(s);
    if (!m) continue;
    const iso = isoFromParts(Number(m[1]), Number(m[2]), Number(m[3]));
    if (iso) return ok(iso);
    return bad("INVALID_DATE", `${shown(raw)} 不是有效日期（该月没有这一天）`, `${shown(raw)} is not a real calendar date`);
  }
  return bad("NOT_A_DATE", `${shown(raw)} 不是日期；${DATE_ALLOWED.zh}`, `${shown(raw)} is not a date; ${DATE_ALLOWED.en}`);
}

/** A dropdown value: the label in either language or the stored value. */
export function readEnum(raw: Raw, options: readonly EnumOption[]): Parsed<string> {
  const s = typeof raw === "string" ? normalize(raw) : String(raw);
  const hit = options.find((o) => o.value === s || o.label.zh === s || o.label.en.toLowerCase() === s.toLowerCase());
  if (hit) return ok(hit.value);
  const zh = options.map((o) => o.label.zh).join(" / ");
  const en = options.map((o) => o.label.en).join(" / ");
  return bad("NOT_ALLOWED", `${shown(raw)} 不是可选值；可选：${zh}`, `${shown(raw)} is not allowed; choose one of: ${en}`);
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** An email address, compared in lower case. */
export function readEmail(raw: Raw): Parsed<string> {
  const s = typeof raw === "string" ? normalize(raw).toLowerCase() : "";
  if (EMAIL_RE.test(s) && s.length <= 254) return ok(s);
  return bad("NOT_AN_EMAIL", `${shown(raw)} 不是邮箱地址，如 name@example.com`, `${shown(raw)} is not an email address such as name@example.com`);
}

const TRUE_WORDS = ["true", "yes", "y", "1", "是", "已完成", "完成", "√", "✓", "在职"];
const FALSE_WORDS = ["false", "no", "n", "0", "否", "未完成", "×", "停用", "离职"];

/** A checkbox (true/false), or a yes/no typed as text. */
export function readBoolean(raw: Raw): Parsed<boolean> {
  if (typeof raw === "boolean") return ok(raw);
  const s = typeof raw === "string" ? normalize(raw).toLowerCase() : String(raw);
  if (TRUE_WORDS.includes(s)) return ok(true);
  if (FALSE_WORDS.includes(s)) return ok(false);
  return bad("NOT_A_CHECKBOX", `${shown(raw)} 不是“是/否”；请勾选或取消勾选`, `${shown(raw)} is not yes/no; tick or untick the box`);
}

/** Several dropdown values in one cell, separated by 、 , ; or line breaks (labels may contain spaces); each must be allowed, none twice. */
export function readEnumList(raw: Raw, options: readonly EnumOption[]): Parsed<string[]> {
  const parts = (typeof raw === "string" ? normalize(raw) : String(raw))
    .split(/[、,;，；\n]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  const values: string[] = [];
  for (const part of parts) {
    const r = readEnum(part, options);
    if (!r.ok) return r;
    if (!values.includes(r.value)) values.push(r.value);
  }
  return ok(values);
}
