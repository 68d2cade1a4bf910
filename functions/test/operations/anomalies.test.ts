import type { Indicator } from "@planops/shared/api";
import { describe, expect, it } from "vitest";
import {
  endedMoreThan,
  lastYearAnomaly,
  missingAnomaly,
  outOfRangeAnomaly,
  trendAnomaly,
  trendExpectation,
  valueAnomalies,
} from "../../src/operations/anomalies.js";

const sales: Indicator = {
  code: "sales-revenue",
  name: { zh: "销售额", en: "Sales revenue" },
  category: "sales",
  unit: "万元",
  target: null,
  min: 0,
  max: 1000,
  threshold: 0.3,
  aggregate: "sum",
  better: "higher",
};

/** Monthly values from 2026-05 on (undefined leaves a month out). */
const sixMonths = (...values: (number | undefined)[]) =>
  new Map(values.flatMap((v, i) => (v === undefined ? [] : [[`2026-${String(5 + i).padStart(2, "0")}`, v] as const])));

describe("the trend rule: least-squares line of the previous six months, extrapolated", () => {
  it("when the last six months were 120 and November is 80, then it is 33% below the trend's 120, in plain words", () => {
    const a = trendAnomaly(sales, "2026-11", 80, sixMonths(120, 120, 120, 120, 120, 120));
    expect(a).toEqual({
      period: "2026-11",
      indicator: "sales-revenue",
      rule: "trend",
      value: 80,
      expected: 120,
      deviation: -1 / 3,
      message: {
        zh: "销售额 2026-11 为 80 万元，比趋势预期 120 万元低 33%（阈值 30%）",
        en: "Sales revenue 2026-11 is 80 万元, 33% below the trend's expected 120 万元 (threshold 30%)",
      },
    });
  });

  it("when values rise by 10 a month (40 … 90), then the trend expects 100 for the next month", () => {
    expect(trendExpectation("2026-11", sixMonths(40, 50, 60, 70, 80, 90))).toBeCloseTo(100, 9);
  });

  it("when only three of the six months have data (60, 80, 110 at −6, −4, −1), then the fitted line still gives 120", () => {
    // x̄ = −11/3, ȳ = 250/3, Sxx = 38/3, Sxy = 380/3 → slope 10, intercept 250/3 + 110/3 = 120.
    expect(trendExpectation("2026-11", sixMonths(60, undefined, 80, undefined, undefined, 110))).toBeCloseTo(120, 9);
  });

  it("when a value deviates by exactly the threshold, then it is not an anomaly; just beyond, it is", () => {
    const rising = sixMonths(40, 50, 60, 70, 80, 90);
    expect(trendAnomaly(sales, "2026-11", 130, rising)).toBeNull();
    expect(trendAnomaly(sales, "2026-11", 70, rising)).toBeNull();
    expect(trendAnomaly(sales, "2026-11", 130.1, rising)?.message.zh).toBe("销售额 2026-11 为 130.1 万元，比趋势预期 100 万元高 30%（阈值 30%）");
    expect(trendAnomaly(sales, "2026-11", 69.9, rising)?.deviation).toBeCloseTo(-0.301, 9);
  });

  it("when fewer than three of the previous six months have data, then there is no trend and no anomaly", () => {
    const two = sixMonths(undefined, undefined, undefined, undefined, 100, 100);
    expect(trendExpectation("2026-11", two)).toBeNull();
    expect(trendAnomaly(sales, "2026-11", 1, two)).toBeNull();
  });

  it("when months older than six are present, then they do not count towards the trend", () => {
    const history = new Map([
      ["2026-01", 500],
      ["2026-02", 500],
      ["2026-03", 500],
      ["2026-09", 100],
      ["2026-10", 100],
    ]);
    expect(trendExpectation("2026-11", history)).toBeNull();
  });

  it("when the trend expects exactly zero, then no relative deviation exists and nothing is flagged", () => {
    const falling = sixMonths(60, 50, 40, 30, 20, 10);
    expect(trendExpectation("2026-11", falling)).toBeCloseTo(0, 9);
    expect(trendAnomaly(sales, "2026-11", 50, falling)).toBeNull();
  });
});

describe("the same-period-last-year rule", () => {
  const lastYear = new Map([["2025-11", 100]]);

  it("when November is 140 and last November was 100, then it is 40% above last year", () => {
    expect(lastYearAnomaly(sales, "2026-11", 140, lastYear)).toEqual({
      period: "2026-11",
      indicator: "sales-revenue",
      rule: "same-period-last-year",
      value: 140,
      expected: 100,
      deviation: 0.4,
      message: {
        zh: "销售额 2026-11 为 140 万元，比去年同期（2025-11）100 万元高 40%（阈值 30%）",
        en: "Sales revenue 2026-11 is 140 万元, 40% above the same month last year (2025-11: 100 万元) (threshold 30%)",
      },
    });
  });

  it("when the change is exactly the threshold, then it is not an anomaly", () => {
    expect(lastYearAnomaly(sales, "2026-11", 130, lastYear)).toBeNull();
    expect(lastYearAnomaly(sales, "2026-11", 70, lastYear)).toBeNull();
  });

  it("when last year's month has no value, or was zero, then the rule does not apply", () => {
    expect(lastYearAnomaly(sales, "2026-11", 500, new Map([["2025-10", 100]]))).toBeNull();
    expect(lastYearAnomaly(sales, "2026-11", 500, new Map([["2025-11", 0]]))).toBeNull();
  });

  it("when the indicator's threshold is 50%, then a 40% change is within it", () => {
    expect(lastYearAnomaly({ ...sales, threshold: 0.5 }, "2026-11", 140, lastYear)).toBeNull();
  });
});

describe("the out-of-range rule", () => {
  it("when a value lies below the plausible minimum or above the maximum, then it is flagged against that edge", () => {
    expect(outOfRangeAnomaly(sales, "2026-11", -5)).toMatchObject({
      rule: "out-of-range",
      value: -5,
      expected: 0,
      deviation: null,
      message: { zh: "销售额 2026-11 为 -5 万元，低于合理下限 0 万元", en: "Sales revenue 2026-11 is -5 万元, below the plausible minimum 0 万元" },
    });
    expect(outOfRangeAnomaly(sales, "2026-11", 1500)).toMatchObject({
      expected: 1000,
      deviation: 0.5,
      message: { zh: "销售额 2026-11 为 1500 万元，高于合理上限 1000 万元" },
    });
  });

  it("when a value equals an edge, or the indicator has no range, then it is plausible", () => {
    expect(outOfRangeAnomaly(sales, "2026-11", 0)).toBeNull();
    expect(outOfRangeAnomaly(sales, "2026-11", 1000)).toBeNull();
    expect(outOfRangeAnomaly({ ...sales, min: null, max: null }, "2026-11", -1e9)).toBeNull();
  });

  it("when a satisfaction percentage is 104, then the message shows it as a percentage", () => {
    const satisfaction: Indicator = { ...sales, code: "satisfaction", name: { zh: "客户满意度", en: "Customer satisfaction" }, unit: "%", max: 100 };
    expect(outOfRangeAnomaly(satisfaction, "2026-11", 104)?.message.zh).toBe("客户满意度 2026-11 为 104%，高于合理上限 100%");
  });
});

describe("every rule at once, and missing data", () => {
  it("when a value breaks the range, the trend and last year, then all three are listed in that order", () => {
    const history = new Map([...sixMonths(100, 100, 100, 100, 100, 100), ["2025-11", 100]]);
    expect(valueAnomalies(sales, "2026-11", 1200, history).map((a) => a.rule)).toEqual(["out-of-range", "trend", "same-period-last-year"]);
    expect(valueAnomalies(sales, "2026-11", 110, history)).toEqual([]);
  });

  it("when a month ended exactly ten days ago, then it is not yet missing; eleven days, it is", () => {
    expect(endedMoreThan("2026-11", "2026-12-10", 10)).toBe(false);
    expect(endedMoreThan("2026-11", "2026-12-11", 10)).toBe(true);
    expect(endedMoreThan("2026-02", "2026-03-03", 2)).toBe(true);
  });

  it("when data is missing, then the anomaly has no value and says so", () => {
    expect(missingAnomaly(sales, "2026-11", 10)).toEqual({
      period: "2026-11",
      indicator: "sales-revenue",
      rule: "missing",
      value: null,
      expected: null,
      deviation: null,
      message: {
        zh: "销售额 2026-11 没有数据：该月已结束超过 10 天，请提交运营数据",
        en: "Sales revenue has no value for 2026-11: the month ended more than 10 days ago; please submit the operations data",
      },
    });
  });
});
