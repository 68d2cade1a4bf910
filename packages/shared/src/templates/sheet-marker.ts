/**
 * The hidden marker on a template sheet: developer metadata keys that tell the
 * add-on (and a human support engineer) which template, version and period a sheet holds.
 */
export const MARKER_KEYS = {
  template: "planops.template",
  version: "planops.version",
  period: "planops.period",
} as const;

const PERIOD_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonthPeriod(period: string): boolean {
  return PERIOD_RE.test(period);
}

/** The month after the given date, as "YYYY-MM": monthly plans are drafted at month end for the next month. */
export function nextMonthPeriod(today: { year: number; month: number }): string {
  const y = today.month === 12 ? today.year + 1 : today.year;
  const m = today.month === 12 ? 1 : today.month + 1;
  return `${y}-${String(m).padStart(2, "0")}`;
}

/** First and last day ("YYYY-MM-DD") of a "YYYY-MM" period. */
export function monthBounds(period: string): { first: string; last: string } {
  const m = PERIOD_RE.exec(period);
  if (!m) throw new Error(`not a month period: ${period}`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { first: `${period}-01`, last: `${period}-${String(days).padStart(2, "0")}` };
}
