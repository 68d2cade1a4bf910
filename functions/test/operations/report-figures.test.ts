import { period } from "@planops/shared";
import type { Anomaly, Indicator } from "@planops/shared/api";
import { describe, expect, it } from "vitest";
import { pearson } from "../../src/operations/stats.js";
import {
  aggregate,
  attainment,
  dataOverview,
  type MonthlyValue,
  periodTarget,
  reportFigures,
  shiftPeriod,
  trendOf,
} from "../../src/operations/report-figures.js";

const base = { category: "sales", min: null, max: null, threshold: 0.3 } as const;
const sales: Indicator = { ...base, code: "sales", name: { zh: "销售额", en: "Sales revenue" }, unit: "万元", target: 100, aggregate: "sum", better: "higher" };
const days: Indicator = {
  ...base,
  category: "inventory",
  code: "days",
  name: { zh: "库存周转天数", en: "Inventory turnover days" },
  unit: "天",
  target: 30,
  aggregate: "mean",
  better: "lower",
};
const satisfaction: Indicator = {
  ...base,
  category: "customer",
  code: "sat",
  name: { zh: "客户满意度", en: "Customer satisfaction" },
  unit: "%",
  target: 90,
  aggregate: "last",
  better: "higher",
};

const mm = (n: number) => String(n).padStart(2, "0");
/** Sales of 2026: 80 + 10·month (90 … 200); last year's Q4 100 a month. */
const salesValues: MonthlyValue[] = [
  ...Array.from({ length: 12 }, (_, i) => ({ period: `2026-${mm(i + 1)}`, indicator: "sales", value: 80 + 10 * (i + 1) })),
  ...[10, 11, 12].map((m) => ({ period: `2025-${mm(m)}`, indicator: "sales", value: 100 })),
];
const otherValues: MonthlyValue[] = [
  { period: "2026-10", indicator: "days", value: 40 },
  { period: "2026-11", indicator: "days", value: 35 },
  { period: "2026-12", indicator: "days", value: 30 },
  { period: "2026-10", indicator: "sat", value: 80 },
  { period: "2026-11", indicator: "sat", value: 85 },
];
const values = [...salesValues, ...otherValues];
const byMonth = (code: string) => new Map(values.filter((v) => v.indicator === code).map((v) => [v.period, v.value]));

describe("aggregating months into a quarter and a year", () => {
  it("when months are summed, then 2026-Q4 is 180 + 190 + 200 = 570 and 2026 is 1740", () => {
    expect(aggregate(sales, period("2026-Q4"), byMonth("sales"))).toEqual({ value: 570, months: 3 });
    expect(aggregate(sales, period("2026"), byMonth("sales"))).toEqual({ value: 1740, months: 12 });
  });

  it("when months are averaged, then 2026-Q4 is (40 + 35 + 30) / 3 = 35, and the year averages only the months with data", () => {
    expect(aggregate(days, period("2026-Q4"), byMonth("days"))).toEqual({ value: 35, months: 3 });
    expect(aggregate(days, period("2026"), byMonth("days"))).toEqual({ value: 35, months: 3 });
  });

  it("when the last value counts, then it is the latest month with data (November's 85, December has none)", () => {
    expect(aggregate(satisfaction, period("2026-Q4"), byMonth("sat"))).toEqual({ value: 85, months: 2 });
    expect(aggregate(satisfaction, period("2026"), byMonth("sat"))).toEqual({ value: 85, months: 2 });
    expect(aggregate(satisfaction, period("2026-Q1"), byMonth("sat"))).toEqual({ value: null, months: 0 });
  });

  it("when a target is monthly, then a summed quarter's target is three months' and a mean's stays the monthly one", () => {
    expect(periodTarget(sales, period("2026-Q4"))).toBe(300);
    expect(periodTarget(sales, period("2026"))).toBe(1200);
    expect(periodTarget(days, period("2026"))).toBe(30);
    expect(periodTarget({ ...sales, target: null }, period("2026"))).toBeNull();
  });

  it("when lower is better, then attainment is target ÷ value: 30 days' target against 35 is 85.7%, against 25 is 120%", () => {
    expect(attainment(days, 35, 30)).toBeCloseTo(30 / 35, 12);
    expect(attainment(days, 25, 30)).toBeCloseTo(1.2, 12);
    expect(attainment(sales, 570, 300)).toBeCloseTo(1.9, 12);
    expect(attainment(days, 0, 30)).toBeNull();
    expect(attainment(sales, 10, 0)).toBeNull();
  });
});

describe("the report figures of a quarter", () => {
  const f = reportFigures(period("2026-Q4"), { indicators: [sales, days, satisfaction], values, anomalies: [] });
  const of = (code: string) => f.indicators.find((i) => i.indicator.code === code);

  it("when Q4 is reported, then each indicator has its value, target and attainment", () => {
    expect(f.months).toEqual(["2026-10", "2026-11", "2026-12"]);
    expect(f.label).toEqual({ zh: "2026年第4季度", en: "2026 Q4" });
    expect(of("sales")).toMatchObject({ value: 570, target: 300, attainment: 1.9, monthsWithData: 3, monthsInPeriod: 3 });
    expect(of("days")).toMatchObject({ value: 35, target: 30, monthsWithData: 3 });
    expect(of("days")?.attainment).toBeCloseTo(0.857142857, 8);
    expect(of("sat")).toMatchObject({ value: 85, target: 90, monthsWithData: 2 });
  });

  it("when compared, then Q3 (480) and last year's Q4 (300) give +90 (18.75%) and +270 (90%)", () => {
    expect(of("sales")?.previous).toEqual({ period: "2026-Q3", value: 480, change: 90, changeRatio: 0.1875 });
    expect(of("sales")?.lastYear).toEqual({ period: "2025-Q4", value: 300, change: 270, changeRatio: 0.9 });
    expect(of("days")?.previous).toEqual({ period: "2026-Q3", value: null, change: null, changeRatio: null });
  });

  it("when the trend is drawn over eight quarters, then the slope of 300, 300, 390, 480, 570 is 72 per quarter, rising", () => {
    const trend = of("sales")?.trend;
    expect(trend?.points.map((p) => p.period)).toEqual(["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]);
    expect(trend?.points.map((p) => p.value)).toEqual([null, null, null, 300, 300, 390, 480, 570]);
    // x̄ = 5, ȳ = 408, Sxx = 10, Sxy = 720.
    expect(trend?.slope).toBeCloseTo(72, 9);
    expect(trend).toMatchObject({ direction: "up", label: { zh: "上升", en: "rising" } });
    expect(of("days")?.trend).toMatchObject({ slope: null, direction: null });
  });

  it("when correlations are computed over the window's months, then each pair appears once, null where fewer than 3 months are shared", () => {
    expect(f.correlations.map((c) => [c.a, c.b, c.months])).toEqual([
      ["sales", "days", 3],
      ["sales", "sat", 2],
      ["days", "sat", 2],
    ]);
    // Sales 180, 190, 200 against days 40, 35, 30: a perfect negative line.
    expect(f.correlations[0]?.r).toBeCloseTo(-1, 12);
    expect(f.correlations[0]).toMatchObject({ strength: "strong", label: { zh: "强负相关", en: "strong negative correlation" } });
    expect(f.correlations[1]).toMatchObject({ r: null, strength: null });
  });
});

describe("the report figures of a month and a year", () => {
  it("when December is reported, then the trend is the twelve months of 2026 rising by 10 a month", () => {
    const f = reportFigures(period("2026-12"), { indicators: [sales], values, anomalies: [] });
    const s = f.indicators[0];
    expect(s?.trend.points).toHaveLength(12);
    expect(s?.trend.slope).toBeCloseTo(10, 9);
    expect(s).toMatchObject({ value: 200, target: 100, attainment: 2 });
    expect(s?.previous).toMatchObject({ period: "2026-11", value: 190, change: 10 });
    expect(s?.lastYear).toMatchObject({ period: "2025-12", value: 100, change: 100, changeRatio: 1 });
  });

  it("when a year is reported, then the trend has five years and last year is the year before", () => {
    const f = reportFigures(period("2026"), { indicators: [sales], values, anomalies: [] });
    const s = f.indicators[0];
    expect(s?.trend.points.map((p) => [p.period, p.value])).toEqual([
      ["2022", null],
      ["2023", null],
      ["2024", null],
      ["2025", 300],
      ["2026", 1740],
    ]);
    expect(s?.previous).toMatchObject({ period: "2025", value: 300, change: 1440, changeRatio: 4.8 });
  });

  it("when only the period's anomalies of reported indicators count, then others are left out", () => {
    const anomaly = (p: string, indicator: string): Anomaly => ({
      period: p,
      indicator,
      rule: "missing",
      value: null,
      expected: null,
      deviation: null,
      message: { zh: "缺", en: "missing" },
    });
    const f = reportFigures(period("2026-Q4"), {
      indicators: [sales],
      values,
      anomalies: [anomaly("2026-11", "sales"), anomaly("2026-09", "sales"), anomaly("2026-11", "other")],
    });
    expect(f.anomalies.map((a) => [a.period, a.indicator])).toEqual([["2026-11", "sales"]]);
  });
});

describe("slope, direction and Pearson r by hand", () => {
  it("when r is computed for (1,2) (2,4) (3,5) (4,4) (5,5), then it is 6 / √60 = 0.7746", () => {
    expect(
      pearson([
        [1, 2],
        [2, 4],
        [3, 5],
        [4, 4],
        [5, 5],
      ]),
    ).toBeCloseTo(6 / Math.sqrt(60), 12);
  });

  it("when a side does not vary, or fewer than three pairs exist, then r is null", () => {
    expect(
      pearson([
        [1, 5],
        [2, 5],
        [3, 5],
      ]),
    ).toBeNull();
    expect(
      pearson([
        [1, 2],
        [2, 3],
      ]),
    ).toBeNull();
  });

  it("when a series moves by less than 1% of its mean per period, then it is steady; by more, falling", () => {
    const pts = (...v: number[]) => v.map((value, i) => ({ period: String(2020 + i), value }));
    expect(trendOf(pts(100, 100.5, 101))).toMatchObject({ slope: 0.5, direction: "flat", label: { zh: "平稳", en: "steady" } });
    expect(trendOf(pts(100, 90, 80))).toMatchObject({ slope: -10, direction: "down", label: { zh: "下降", en: "falling" } });
  });

  it("when periods are shifted, then quarters and months wrap across years", () => {
    expect(shiftPeriod(period("2026-Q1"), -1).id).toBe("2025-Q4");
    expect(shiftPeriod(period("2026-01"), -12).id).toBe("2025-01");
    expect(shiftPeriod(period("2026-Q4"), -7).id).toBe("2025-Q1");
  });
});

describe("the data overview", () => {
  it("when Q4 is summarised, then it states coverage, targets, anomalies and the biggest movers in both languages", () => {
    const gap: Anomaly = {
      period: "2026-12",
      indicator: "sat",
      rule: "missing",
      value: null,
      expected: null,
      deviation: null,
      message: { zh: "缺", en: "missing" },
    };
    const f = reportFigures(period("2026-Q4"), { indicators: [sales, days, satisfaction], values, anomalies: [gap] });
    expect(dataOverview(f)).toEqual({
      zh:
        "2026年第4季度共跟踪 3 项运营指标，3 项有数据。" +
        "设有目标的 3 项中 1 项达到目标，未达到的：库存周转天数（达成 86%）、客户满意度（达成 94%）。" +
        "发现数据异常 1 项（数据缺失 1）。" +
        "与上期（2026-Q3）相比变化最大的：销售额 +19%（480 万元 → 570 万元）。",
      en:
        "2026 Q4: 3 operations indicators tracked, 3 with data. " +
        "Of 3 with a target, 1 met it; short: Inventory turnover days (86% of target), Customer satisfaction (94% of target). " +
        "1 anomaly (missing 1). " +
        "Biggest changes against the previous period (2026-Q3): Sales revenue +19% (480 万元 → 570 万元).",
    });
  });
});
