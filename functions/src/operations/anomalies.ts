import type { Anomaly, Indicator } from "@planops/shared/api";
import { amount, percent, thresholdText } from "./format.js";
import { addMonths, daysBetween, lastDayOf } from "./months.js";
import { leastSquares } from "./stats.js";

/**
 * 数据异常: the rules that flag a month's value (README, "Operations data: anomaly
 * rules"). Pure: the caller gives the indicator, the month, its value and the
 * indicator's other monthly values.
 */

/** The months before a value whose trend it is compared with, and how many of them must have data. */
export const TREND_MONTHS = 6;
export const MIN_TREND_POINTS = 3;
/** Days after a month's end before its missing data is flagged (default of the missing-data run). */
export const MISSING_GRACE_DAYS = 10;

/** Floating point slack, so a deviation of exactly the threshold (30 % of 100 computed as 29.999…) is not an anomaly. */
const SLACK = 1e-9;

/** An indicator's monthly values by month ("2026-11" → 80). */
export type MonthlyValues = ReadonlyMap<string, number>;

const deviationOf = (value: number, expected: number) => (value - expected) / Math.abs(expected);

const beyond = (deviation: number, threshold: number) => Math.abs(deviation) > threshold + SLACK;

const direction = (deviation: number) => (deviation > 0 ? { zh: "高", en: "above" } : { zh: "低", en: "below" });

/** v < min or v > max. */
export function outOfRangeAnomaly(indicator: Indicator, month: string, value: number): Anomaly | null {
  const name = indicator.name;
  const v = amount(value, indicator.unit);
  const below = indicator.min !== null && value < indicator.min;
  const above = indicator.max !== null && value > indicator.max;
  if (!below && !above) return null;
  const edge = (below ? indicator.min : indicator.max) as number;
  const e = amount(edge, indicator.unit);
  return {
    period: month,
    indicator: indicator.code,
    rule: "out-of-range",
    value,
    expected: edge,
    deviation: edge === 0 ? null : deviationOf(value, edge),
    message: below
      ? { zh: `${name.zh} ${month} 为 ${v}，低于合理下限 ${e}`, en: `${name.en} ${month} is ${v}, below the plausible minimum ${e}` }
      : { zh: `${name.zh} ${month} 为 ${v}，高于合理上限 ${e}`, en: `${name.en} ${month} is ${v}, above the plausible maximum ${e}` },
  };
}

/**
 * What the trend of the previous six months says this month should be: their
 * least-squares line extrapolated one month on; null with fewer than three of them.
 */
export function trendExpectation(month: string, history: MonthlyValues): number | null {
  const points = [];
  for (let back = TREND_MONTHS; back >= 1; back--) {
    const y = history.get(addMonths(month, -back));
    if (y !== undefined) points.push({ x: -back, y });
  }
  if (points.length < MIN_TREND_POINTS) return null;
  const line = leastSquares(points);
  return line ? line.intercept : null;
}

/** What a deviation rule compares a value with, and how it names that in a message. */
interface Comparison {
  rule: "trend" | "same-period-last-year";
  expected: number;
  /** "比趋势预期 120 万元" / "the trend's expected 120 万元": `e` is the expected amount. */
  against: (e: string) => { zh: string; en: string };
}

/** |v − expected| / |expected| > threshold, in plain words. */
function deviationAnomaly(indicator: Indicator, month: string, value: number, c: Comparison): Anomaly | null {
  const deviation = deviationOf(value, c.expected);
  if (!beyond(deviation, indicator.threshold)) return null;
  const v = amount(value, indicator.unit);
  const against = c.against(amount(c.expected, indicator.unit));
  const d = direction(deviation);
  return {
    period: month,
    indicator: indicator.code,
    rule: c.rule,
    value,
    expected: c.expected,
    deviation,
    message: {
      zh: `${indicator.name.zh} ${month} 为 ${v}，比${against.zh}${d.zh} ${percent(deviation)}（阈值 ${thresholdText(indicator)}）`,
      en: `${indicator.name.en} ${month} is ${v}, ${percent(deviation)} ${d.en} ${against.en} (threshold ${thresholdText(indicator)})`,
    },
  };
}

/** |v − trend| / |trend| > threshold. No anomaly when the trend cannot be drawn or expects exactly zero (no relative deviation). */
export function trendAnomaly(indicator: Indicator, month: string, value: number, history: MonthlyValues): Anomaly | null {
  const expected = trendExpectation(month, history);
  if (expected === null || expected === 0) return null;
  return deviationAnomaly(indicator, month, value, { rule: "trend", expected, against: (e) => ({ zh: `趋势预期 ${e}`, en: `the trend's expected ${e}` }) });
}

/** |v − same month last year| / |last year| > threshold; none without last year's value, or when it was zero. */
export function lastYearAnomaly(indicator: Indicator, month: string, value: number, history: MonthlyValues): Anomaly | null {
  const lastMonth = addMonths(month, -12);
  const last = history.get(lastMonth);
  if (last === undefined || last === 0) return null;
  return deviationAnomaly(indicator, month, value, {
    rule: "same-period-last-year",
    expected: last,
    against: (e) => ({ zh: `去年同期（${lastMonth}）${e}`, en: `the same month last year (${lastMonth}: ${e})` }),
  });
}

/** Every rule that judges a submitted value, in a stable order. */
export function valueAnomalies(indicator: Indicator, month: string, value: number, history: MonthlyValues): Anomaly[] {
  return [outOfRangeAnomaly(indicator, month, value), trendAnomaly(indicator, month, value, history), lastYearAnomaly(indicator, month, value, history)].filter(
    (a): a is Anomaly => a !== null,
  );
}

/** Whether a month ended more than `graceDays` days before the given day ("YYYY-MM-DD"). */
export const endedMoreThan = (month: string, day: string, graceDays: number): boolean => daysBetween(lastDayOf(month), day) > graceDays;

/** An active indicator without a value for a month that ended more than `graceDays` days ago. */
export function missingAnomaly(indicator: Indicator, month: string, graceDays: number): Anomaly {
  return {
    period: month,
    indicator: indicator.code,
    rule: "missing",
    value: null,
    expected: null,
    deviation: null,
    message: {
      zh: `${indicator.name.zh} ${month} 没有数据：该月已结束超过 ${graceDays} 天，请提交运营数据`,
      en: `${indicator.name.en} has no value for ${month}: the month ended more than ${graceDays} days ago; please submit the operations data`,
    },
  };
}
