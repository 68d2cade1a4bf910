import type { Text } from "./text.js";

/**
 * A plan period: a year ("2027"), a quarter ("2027-Q1") or a month ("2027-01").
 * The one place periods are parsed, bounded, compared and labelled.
 */
export type PeriodKind = "year" | "quarter" | "month";

export interface Period {
  kind: PeriodKind;
  /** Canonical id: "2027", "2027-Q1", "2027-01". */
  id: string;
  year: number;
  /** Quarter 1–4 or month 1–12; 0 for a year. */
  index: number;
}

const YEAR_RE = /^(\d{4})$/;
const QUARTER_RE = /^(\d{4})-Q([1-4])$/;
const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;
const MIN_YEAR = 2000;
const MAX_YEAR = 2099;

const pad2 = (n: number) => String(n).padStart(2, "0");

function make(kind: PeriodKind, year: number, index: number): Period {
  const id = kind === "year" ? String(year) : kind === "quarter" ? `${year}-Q${index}` : `${year}-${pad2(index)}`;
  return { kind, id, year, index };
}

export const yearPeriod = (year: number): Period => make("year", year, 0);
export const quarterPeriod = (year: number, quarter: number): Period => make("quarter", year, quarter);
export const monthPeriod = (year: number, month: number): Period => make("month", year, month);

/** Parses "2027", "2027-Q1" or "2027-01" (years 2000–2099); undefined for anything else. */
export function parsePeriod(s: string, kind?: PeriodKind): Period | undefined {
  let p: Period | undefined;
  const y = YEAR_RE.exec(s);
  const q = QUARTER_RE.exec(s);
  const m = MONTH_RE.exec(s);
  if (y) p = yearPeriod(Number(y[1]));
  else if (q) p = quarterPeriod(Number(q[1]), Number(q[2]));
  else if (m) p = monthPeriod(Number(m[1]), Number(m[2]));
  if (!p || p.year < MIN_YEAR || p.year > MAX_YEAR) return undefined;
  return kind === undefined || p.kind === kind ? p : undefined;
}

/** Like parsePeriod, for values already validated at the edge: throws on a bad id. */
export function period(s: string): Period {
  const p = parsePeriod(s);
  if (!p) throw new Error(`not a period: ${s}`);
  return p;
}

/** The regular expression of a period id of one kind, for request schemas. */
export const PERIOD_PATTERNS: Record<PeriodKind, RegExp> = { year: YEAR_RE, quarter: QUARTER_RE, month: MONTH_RE };

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** First and last day ("YYYY-MM-DD") of the period. */
export function periodBounds(p: Period): { first: string; last: string } {
  const [fromMonth, toMonth] = p.kind === "year" ? [1, 12] : p.kind === "quarter" ? [p.index * 3 - 2, p.index * 3] : [p.index, p.index];
  return { first: `${p.year}-${pad2(fromMonth)}-01`, last: `${p.year}-${pad2(toMonth)}-${pad2(daysIn(p.year, toMonth))}` };
}

/** Whether a "YYYY-MM-DD" date falls within the period. */
export function periodContains(p: Period, day: string): boolean {
  const { first, last } = periodBounds(p);
  return day >= first && day <= last;
}

/** Whether `inner` lies within `outer` (a period contains itself). */
export function periodWithin(inner: Period, outer: Period): boolean {
  const a = periodBounds(inner);
  const b = periodBounds(outer);
  return a.first >= b.first && a.last <= b.last;
}

/** The period of the given kind that holds this one: the quarter of a month, the year of a quarter. */
export function enclosingPeriod(p: Period, kind: PeriodKind): Period {
  const firstMonth = p.kind === "month" ? p.index : p.kind === "quarter" ? p.index * 3 - 2 : 1;
  if (kind === "year") return yearPeriod(p.year);
  if (kind === "quarter") return quarterPeriod(p.year, Math.ceil(firstMonth / 3));
  if (p.kind !== "month") throw new Error(`a ${p.kind} is not within one month`);
  return p;
}

/** The months of a period, in order. */
export function monthsOf(p: Period): Period[] {
  const { first, last } = periodBounds(p);
  const from = Number(first.slice(5, 7));
  const to = Number(last.slice(5, 7));
  return Array.from({ length: to - from + 1 }, (_, i) => monthPeriod(p.year, from + i));
}

/** The period right after this one, of the same kind. */
export function nextPeriod(p: Period): Period {
  if (p.kind === "year") return yearPeriod(p.year + 1);
  const size = p.kind === "quarter" ? 4 : 12;
  return p.index === size ? make(p.kind, p.year + 1, 1) : make(p.kind, p.year, p.index + 1);
}

/** The period of a kind holding a date given as year and month. */
export function periodOfMonth(kind: PeriodKind, today: { year: number; month: number }): Period {
  return enclosingPeriod(monthPeriod(today.year, today.month), kind);
}

/** Plans are drafted at the end of a period for the next one: the period after the one holding today. */
export function nextPlanningPeriod(kind: PeriodKind, today: { year: number; month: number }): Period {
  return nextPeriod(periodOfMonth(kind, today));
}

/** "2027年第1季度" / "2027 Q1". */
export function periodLabel(p: Period): Text {
  if (p.kind === "year") return { zh: `${p.year}年`, en: String(p.year) };
  if (p.kind === "quarter") return { zh: `${p.year}年第${p.index}季度`, en: `${p.year} Q${p.index}` };
  return { zh: `${p.year}年${p.index}月`, en: p.id };
}

export const PERIOD_KIND_LABELS: Record<PeriodKind, Text> = {
  year: { zh: "年度", en: "year" },
  quarter: { zh: "季度", en: "quarter" },
  month: { zh: "月度", en: "month" },
};
