import { describe, expect, it } from "vitest";
import { period } from "@planops/shared";
import { rateRow, tally } from "../../src/rollups/completion-rate.js";

describe("completion rate (计划完成率)", () => {
  // DOMAIN.md's worked example: 李明, December 2026.
  const example = [
    { due: "2026-12-10", status: "done", actualFinish: "2026-12-05", weight: 1 }, // A
    { due: "2026-12-15", status: "done", actualFinish: "2026-12-20", weight: 1 }, // B, late
    { due: "2026-12-28", status: "in_progress", actualFinish: null, weight: 1 }, // C, 60 %
    { due: "2026-12-20", status: "cancelled", actualFinish: null, weight: 1 }, // D
  ];

  it("when the worked example is tallied, then on-time is 1/3 and completion 2/3", () => {
    const row = rateRow("liming", "李明", tally(example, period("2026-12"), "2026-12-28"));
    expect(row.inScope).toBe(3);
    expect(row.onTimeRate).toBeCloseTo(1 / 3, 10);
    expect(row.completionRate).toBeCloseTo(2 / 3, 10);
    expect((row.onTimeRate! * 100).toFixed(1)).toBe("33.3");
    expect((row.completionRate! * 100).toFixed(1)).toBe("66.7");
    expect(row.overdue).toBe(0);
  });

  it("when the example is seen on 2027-01-01, then C is overdue", () => {
    expect(tally(example, period("2026-12"), "2027-01-01").overdue).toBe(1);
  });

  it("when tasks carry weights, then the weighted rates use them and the plain ones do not", () => {
    const weighted = example.map((t, i) => ({ ...t, weight: [3, 1, 1, 5][i]! }));
    const row = rateRow("x", "x", tally(weighted, period("2026-12"), "2026-12-31"));
    expect(row.weightedOnTimeRate).toBeCloseTo(3 / 5, 10);
    expect(row.weightedCompletionRate).toBeCloseTo(4 / 5, 10);
    expect(row.onTimeRate).toBeCloseTo(1 / 3, 10);
  });

  it("when a task is done after the period ends or due in another month, then it does not count as completed in the period", () => {
    const t = tally(
      [
        { due: "2026-12-30", status: "done", actualFinish: "2027-01-03", weight: 1 },
        { due: "2027-01-05", status: "done", actualFinish: "2027-01-02", weight: 1 },
      ],
      period("2026-12"),
      "2027-01-10",
    );
    expect(t).toMatchObject({ inScope: 1, doneOnTime: 0, doneByEnd: 0, overdue: 0 });
  });

  it("when a quarter is tallied, then it counts the tasks due in it: months of 2/3 and 1/1 make 3/4, not the mean of the rates", () => {
    const tasks = [
      { due: "2027-01-10", status: "done", actualFinish: "2027-01-09", weight: 1 },
      { due: "2027-01-20", status: "done", actualFinish: "2027-01-25", weight: 1 },
      { due: "2027-01-31", status: "in_progress", actualFinish: null, weight: 1 },
      { due: "2027-02-14", status: "done", actualFinish: "2027-02-14", weight: 1 },
      { due: "2027-04-01", status: "done", actualFinish: "2027-03-30", weight: 1 }, // due in Q2
    ];
    expect(rateRow("x", "x", tally(tasks, period("2027-01"), "2027-03-31")).completionRate).toBeCloseTo(2 / 3, 10);
    expect(rateRow("x", "x", tally(tasks, period("2027-02"), "2027-03-31")).completionRate).toBe(1);
    const quarter = rateRow("x", "x", tally(tasks, period("2027-Q1"), "2027-03-31"));
    expect(quarter).toMatchObject({ inScope: 4, doneByEnd: 3, completionRate: 0.75, onTimeRate: 0.5 });
    expect(rateRow("x", "x", tally(tasks, period("2027"), "2027-12-31"))).toMatchObject({ inScope: 5, doneByEnd: 4 });
  });

  it("when nothing is in scope, then the rates are null rather than a misleading 0 or 100 %", () => {
    const row = rateRow("x", "x", tally([{ due: "2026-12-01", status: "cancelled", actualFinish: null, weight: 1 }], period("2026-12"), "2026-12-31"));
    expect(row.onTimeRate).toBeNull();
    expect(row.completionRate).toBeNull();
  });
});
