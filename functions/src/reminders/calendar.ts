/**
 * Calendar arithmetic on the department's dates ("YYYY-MM-DD", already in its time
 * zone): no time zone is involved once a moment has become a date.
 */

const DAY_MS = 86_400_000;
const utc = (day: string): number => Date.parse(`${day}T00:00:00Z`);

export const isDate = (s: unknown): s is string => typeof s === "string" && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(utc(s)) && addDays(s, 0) === s;

/** `day` plus n calendar days (n may be negative). */
export function addDays(day: string, n: number): string {
  return new Date(utc(day) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number => Math.round((utc(to) - utc(from)) / DAY_MS);

/** 0 Sunday … 6 Saturday. */
export const weekday = (day: string): number => new Date(utc(day)).getUTCDay();

export const isWeekend = (day: string): boolean => {
  const w = weekday(day);
  return w === 0 || w === 6;
};

/** The day something falling on `day` is actually sent: the Monday after, for a weekend day when weekends are skipped. */
export function sendDay(day: string, skipWeekends: boolean): string {
  if (!skipWeekends) return day;
  const w = weekday(day);
  return w === 6 ? addDays(day, 2) : w === 0 ? addDays(day, 1) : day;
}
