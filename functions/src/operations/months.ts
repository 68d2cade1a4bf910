/** Months as consecutive integers, so "six months before" and "the same month last year" are plain arithmetic. */

const pad2 = (n: number) => String(n).padStart(2, "0");

/** "2026-11" → 2026·12 + 10. */
export const monthIndex = (month: string): number => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

export const monthAt = (index: number): string => `${Math.floor(index / 12)}-${pad2((index % 12) + 1)}`;

/** The month `n` months after (negative: before) the given one. */
export const addMonths = (month: string, n: number): string => monthAt(monthIndex(month) + n);

/** Every month from `from` to `to`, inclusive, in order. */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let i = monthIndex(from); i <= monthIndex(to); i++) out.push(monthAt(i));
  return out;
}

/** The last day of a month, "YYYY-MM-DD". */
export function lastDayOf(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return `${month}-${pad2(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;
}

/** Whole days from one "YYYY-MM-DD" to another. */
export const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** The earlier and the later of two months. */
export const earlierMonth = (a: string, b: string): string => (monthIndex(a) <= monthIndex(b) ? a : b);
export const laterMonth = (a: string, b: string): string => (monthIndex(a) >= monthIndex(b) ? a : b);
