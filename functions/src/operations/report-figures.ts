import { monthPeriod, monthsOf, type Period, type PeriodKind, periodLabel, quarterPeriod, type Text, yearPeriod } from "@planops/shared";
import type { Anomaly, Indicator } from "@planops/shared/api";
import { amount, percent } from "./format.js";
import { earlierMonth, monthAt, monthIndex } from "./months.js";
import { leastSquares, pearson } from "./stats.js";

/**
 * The figures of a 数据分析报告 for a month, quarter or year: per indicator the
 * period's value, target and attainment, the comparison (对比) with the previous
 * period and the same period last year, the trend (趋势) and, between indicators,
 * the correlation (关联); plus the period's anomalies and a plain-words overview.
 * Pure: the facts only; the analyst writes the conclusions.
 */

/** One month's value of one indicator, as stored. */
export interface MonthlyValue {
  period: string;
  indicator: string;
  value: number;
}

/** What the figures are computed from: the indicators, their monthly values (any months), the standing anomalies. */
export interface ReportData {
  indicators: readonly Indicator[];
  values: readonly MonthlyValue[];
  anomalies: readonly Anomaly[];
}

/** The period's value against another period's: absolute and relative change (null where either side is missing, or the other is 0). */
export interface Comparison {
  period: string;
  value: number | null;
  change: number | null;
  /** change / |other value|: 0.25 = 25 % up. */
  changeRatio: number | null;
}

export type TrendDirection = "up" | "down" | "flat";

export interface Trend {
  /** The last 12 months, 8 quarters or 5 years, ending with the report's period; null where no month has data. */
  points: { period: string; value: number | null }[];
  /** Least-squares slope per period over the points with data; null with fewer than two. */
  slope: number | null;
  direction: TrendDirection | null;
  /** 上升 / 下降 / 平稳, or why there is none. */
  label: Text;
}

export interface IndicatorFigures {
  indicator: Indicator;
  /** The period's value by the indicator's rule (sum, mean or last) over the months with data; null when none has. */
  value: number | null;
  monthsWithData: number;
  monthsInPeriod: number;
  /** The monthly target × the period's months for a sum; the monthly target itself for a mean or last value. */
  target: number | null;
  /** value ÷ target (target ÷ value when lower is better): 1 = on target, above 1 = better. */
  attainment: number | null;
  previous: Comparison;
  lastYear: Comparison;
  trend: Trend;
}

export type CorrelationStrength = "strong" | "moderate" | "weak";

export interface Correlation {
  a: string;
  b: string;
  /** Pearson's r over the months of the trend window where both have data; null with fewer than 3 such months or no variation. */
  r: number | null;
  months: number;
  strength: CorrelationStrength | null;
  label: Text;
}

export interface ReportFigures {
  period: string;
  kind: PeriodKind;
  label: Text;
  months: string[];
  indicators: IndicatorFigures[];
  correlations: Correlation[];
  /** The standing anomalies of the period's months, of the report's indicators. */
  anomalies: Anomaly[];
}

/** How many periods the trend shows. */
export const TREND_LENGTH: Readonly<Record<PeriodKind, number>> = { month: 12, quarter: 8, year: 5 };

/** A slope smaller than 1 % of the series' mean per period reads as 平稳 (steady). */
export const FLAT_SLOPE = 0.01;

/** |r| from which a correlation reads as strong, and as moderate. */
export const STRONG_R = 0.7;
export const MODERATE_R = 0.4;

/** The period `n` periods after (negative: before) this one, of the same kind. */
export function shiftPeriod(p: Period, n: number): Period {
  if (p.kind === "year") return yearPeriod(p.year + n);
  if (p.kind === "month") {
    const id = monthAt(monthIndex(p.id) + n);
    return monthPeriod(Number(id.slice(0, 4)), Number(id.slice(5, 7)));
  }
  const q = p.year * 4 + p.index - 1 + n;
  return quarterPeriod(Math.floor(q / 4), (q % 4) + 1);
}

/** The periods of the trend, oldest first, ending with `p`. */
export const trendPeriods = (p: Period): Period[] => Array.from({ length: TREND_LENGTH[p.kind] }, (_, i) => shiftPeriod(p, i - TREND_LENGTH[p.kind] + 1));

/** The first month any figure of a report for `p` needs (the trend's start, or the same period last year's). */
export function firstMonthNeeded(p: Period): string {
  const a = monthsOf(trendPeriods(p)[0] ?? p)[0]?.id ?? p.id;
  const b = monthsOf(shiftPeriod(p, p.kind === "month" ? -12 : p.kind === "quarter" ? -4 : -1))[0]?.id ?? p.id;
  return earlierMonth(a, b);
}

/** An indicator's value for a period by its rule, over the months with data. */
export function aggregate(indicator: Pick<Indicator, "aggregate">, p: Period, byMonth: ReadonlyMap<string, number>): { value: number | null; months: number } {
  const present = monthsOf(p)
    .map((m) => byMonth.get(m.id))
    .filter((v): v is number => v !== undefined);
  if (present.length === 0) return { value: null, months: 0 };
  const sum = present.reduce((s, v) => s + v, 0);
  const value = indicator.aggregate === "sum" ? sum : indicator.aggregate === "mean" ? sum / present.length : (present.at(-1) as number);
  return { value, months: present.length };
}

/** The target of a period: a monthly target times the months for a sum, the monthly target for a mean or a last value. */
export function periodTarget(indicator: Pick<Indicator, "aggregate" | "target">, p: Period): number | null {
  if (indicator.target === null) return null;
  return indicator.aggregate === "sum" ? indicator.target * monthsOf(p).length : indicator.target;
}

/** value ÷ target, or target ÷ value when lower is better; null when it cannot be divided. */
export function attainment(indicator: Pick<Indicator, "better">, value: number | null, target: number | null): number | null {
  if (value === null || target === null) return null;
  if (indicator.better === "higher") return target === 0 ? null : value / target;
  return value === 0 ? null : target / value;
}

function compare(value: number | null, other: { period: string; value: number | null }): Comparison {
  const change = value !== null && other.value !== null ? value - other.value : null;
  const changeRatio = change !== null && other.value !== null && other.value !== 0 ? change / Math.abs(other.value) : null;
  return { period: other.period, value: other.value, change, changeRatio };
}

const DIRECTION_LABELS: Readonly<Record<TrendDirection, Text>> = {
  up: { zh: "上升", en: "rising" },
  down: { zh: "下降", en: "falling" },
  flat: { zh: "平稳", en: "steady" },
};

/** The least-squares slope per period of the points with data, and whether it rises, falls or stays steady. */
export function trendOf(points: readonly { period: string; value: number | null }[]): Trend {
  const xy = points.flatMap((p, x) => (p.value === null ? [] : [{ x, y: p.value }]));
  const line = leastSquares(xy);
  if (!line) return { points: [...points], slope: null, direction: null, label: { zh: "数据不足（少于 2 期）", en: "not enough data (fewer than 2 periods)" } };
  const mean = Math.abs(xy.reduce((s, p) => s + p.y, 0) / xy.length);
  const relative = mean === 0 ? line.slope : line.slope / mean;
  const direction: TrendDirection = Math.abs(relative) < FLAT_SLOPE || line.slope === 0 ? "flat" : line.slope > 0 ? "up" : "down";
  return { points: [...points], slope: line.slope, direction, label: DIRECTION_LABELS[direction] };
}

/** 强 / 中 / 弱 and the sign, in plain words. */
export function correlationOf(a: string, b: string, pairs: readonly (readonly [number, number])[]): Correlation {
  const r = pearson(pairs);
  if (r === null)
    return {
      a,
      b,
      r,
      months: pairs.length,
      strength: null,
      label: { zh: "无法计算（共同月份少于 3 个或数值无变化）", en: "not computable (fewer than 3 common months, or no variation)" },
    };
  const strength: CorrelationStrength = Math.abs(r) >= STRONG_R ? "strong" : Math.abs(r) >= MODERATE_R ? "moderate" : "weak";
  const words = { strong: { zh: "强", en: "strong" }, moderate: { zh: "中等", en: "moderate" }, weak: { zh: "弱", en: "weak" } }[strength];
  const sign = r >= 0 ? { zh: "正", en: "positive" } : { zh: "负", en: "negative" };
  return { a, b, r, months: pairs.length, strength, label: { zh: `${words.zh}${sign.zh}相关`, en: `${words.en} ${sign.en} correlation` } };
}

/** Every figure of the report for period `p`. */
export function reportFigures(p: Period, data: ReportData): ReportFigures {
  const byIndicator = new Map<string, Map<string, number>>();
  for (const v of data.values) {
    const m = byIndicator.get(v.indicator) ?? new Map<string, number>();
    m.set(v.period, v.value);
    byIndicator.set(v.indicator, m);
  }
  const monthly = (code: string) => byIndicator.get(code) ?? new Map<string, number>();
  const window = trendPeriods(p);
  const lastYear = shiftPeriod(p, p.kind === "month" ? -12 : p.kind === "quarter" ? -4 : -1);

  const indicators = data.indicators.map((indicator): IndicatorFigures => {
    const byMonth = monthly(indicator.code);
    const at = (q: Period) => ({ period: q.id, value: aggregate(indicator, q, byMonth).value });
    const { value, months } = aggregate(indicator, p, byMonth);
    const target = periodTarget(indicator, p);
    return {
      indicator,
      value,
      monthsWithData: months,
      monthsInPeriod: monthsOf(p).length,
      target,
      attainment: attainment(indicator, value, target),
      previous: compare(value, at(shiftPeriod(p, -1))),
      lastYear: compare(value, at(lastYear)),
      trend: trendOf(window.map(at)),
    };
  });

  const windowMonths = window.flatMap((q) => monthsOf(q).map((m) => m.id));
  const correlations: Correlation[] = [];
  data.indicators.forEach((a, i) => {
    for (const b of data.indicators.slice(i + 1)) {
      const ma = monthly(a.code);
      const mb = monthly(b.code);
      const pairs = windowMonths.flatMap((m) => {
        const x = ma.get(m);
        const y = mb.get(m);
        return x === undefined || y === undefined ? [] : [[x, y] as const];
      });
      correlations.push(correlationOf(a.code, b.code, pairs));
    }
  });

  const months = monthsOf(p).map((m) => m.id);
  const codes = new Set(data.indicators.map((i) => i.code));
  const anomalies = data.anomalies
    .filter((a) => codes.has(a.indicator) && months.includes(a.period))
    .sort((x, y) => x.period.localeCompare(y.period) || x.indicator.localeCompare(y.indicator));
  return { period: p.id, kind: p.kind, label: periodLabel(p), months, indicators, correlations, anomalies };
}

const RULE_LABELS: Readonly<Record<Anomaly["rule"], Text>> = {
  trend: { zh: "偏离趋势", en: "off trend" },
  "same-period-last-year": { zh: "偏离去年同期", en: "off last year" },
  "out-of-range": { zh: "超出合理范围", en: "out of range" },
  missing: { zh: "数据缺失", en: "missing" },
};

/** How many movers the overview names. */
export const OVERVIEW_MOVERS = 3;

/**
 * 数据概述: the period's facts in plain words — indicators with and without data,
 * targets met, anomalies by rule, and the biggest movers against the previous period.
 */
export function dataOverview(f: ReportFigures): Text {
  const zh: string[] = [];
  const en: string[] = [];
  const withData = f.indicators.filter((i) => i.value !== null);
  const without = f.indicators.filter((i) => i.value === null);
  zh.push(
    `${f.label.zh}共跟踪 ${f.indicators.length} 项运营指标，${withData.length} 项有数据` +
      (without.length > 0 ? `，${without.length} 项没有数据（${without.map((i) => i.indicator.name.zh).join("、")}）。` : "。"),
  );
  en.push(
    `${f.label.en}: ${f.indicators.length} operations indicators tracked, ${withData.length} with data` +
      (without.length > 0 ? `, ${without.length} without (${without.map((i) => i.indicator.name.en).join(", ")}).` : "."),
  );

  const targeted = f.indicators.filter((i) => i.attainment !== null);
  if (targeted.length > 0) {
    const met = targeted.filter((i) => (i.attainment as number) >= 1);
    const short = targeted.filter((i) => (i.attainment as number) < 1);
    zh.push(
      `设有目标的 ${targeted.length} 项中 ${met.length} 项达到目标` +
        (short.length > 0 ? `，未达到的：${short.map((i) => `${i.indicator.name.zh}（达成 ${percent(i.attainment as number)}）`).join("、")}。` : "。"),
    );
    en.push(
      `Of ${targeted.length} with a target, ${met.length} met it` +
        (short.length > 0 ? `; short: ${short.map((i) => `${i.indicator.name.en} (${percent(i.attainment as number)} of target)`).join(", ")}.` : "."),
    );
  }

  if (f.anomalies.length === 0) {
    zh.push("未发现数据异常。");
    en.push("No anomalies.");
  } else {
    const counts = (Object.keys(RULE_LABELS) as Anomaly["rule"][])
      .map((rule) => ({ rule, n: f.anomalies.filter((a) => a.rule === rule).length }))
      .filter((c) => c.n > 0);
    zh.push(`发现数据异常 ${f.anomalies.length} 项（${counts.map((c) => `${RULE_LABELS[c.rule].zh} ${c.n}`).join("，")}）。`);
    en.push(
      `${f.anomalies.length} ${f.anomalies.length === 1 ? "anomaly" : "anomalies"} (${counts.map((c) => `${RULE_LABELS[c.rule].en} ${c.n}`).join(", ")}).`,
    );
  }

  const movers = f.indicators
    .filter((i) => i.previous.changeRatio !== null)
    .sort((a, b) => Math.abs(b.previous.changeRatio as number) - Math.abs(a.previous.changeRatio as number))
    .slice(0, OVERVIEW_MOVERS);
  if (movers.length > 0) {
    const line = (i: IndicatorFigures, lang: "zh" | "en") => {
      const r = i.previous.changeRatio as number;
      const sign = r > 0 ? "+" : r < 0 ? "−" : "±";
      const from = amount(i.previous.value as number, i.indicator.unit);
      const to = amount(i.value as number, i.indicator.unit);
      return lang === "zh" ? `${i.indicator.name.zh} ${sign}${percent(r)}（${from} → ${to}）` : `${i.indicator.name.en} ${sign}${percent(r)} (${from} → ${to})`;
    };
    zh.push(`与上期（${f.indicators[0]?.previous.period}）相比变化最大的：${movers.map((i) => line(i, "zh")).join("；")}。`);
    en.push(`Biggest changes against the previous period (${f.indicators[0]?.previous.period}): ${movers.map((i) => line(i, "en")).join("; ")}.`);
  }
  return { zh: zh.join(""), en: en.join(" ") };
}
