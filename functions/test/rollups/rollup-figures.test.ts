import type { RateRow, SubmitRequest } from "@planops/shared/api";
import { describe, expect, it } from "vitest";
import { demoEmail } from "../../local/demo-org.js";
import { call } from "../support/call.js";
import { annualItem, annualTable, planTable, progressRow, quarterlyItem, quarterlyTable, type RowInput, task } from "../support/plan-sheet.js";
import { useStack } from "../support/stack.js";
import { figures, viewAs } from "./rollup-harness.js";

const stack = useStack();

const planner = demoEmail("李明");
const manager = demoEmail("张伟");
const management = demoEmail("刘洋");
const hr = demoEmail("孙丽");
const salesStaff = demoEmail("马晓明");
const salesManager = demoEmail("郑浩");
const DEPT = "计划运营部";

const ids: Record<string, string | undefined> = {};
const byKey = (rows: readonly RateRow[]) => Object.fromEntries(rows.map((r) => [r.key, r]));

async function approved(req: SubmitRequest, approver: string): Promise<string[]> {
  const r = await call(stack, planner, "submit", req);
  expect(r.status, JSON.stringify(r.error)).toBe(200);
  const d = await call(stack, approver, "decide", { planId: r.body.documentId, revision: 1, decision: "approve" });
  expect(d.status, JSON.stringify(d.error)).toBe(200);
  return r.body.rows.map((x) => x.itemId!);
}

/** 更新进度 as the planning group (who coordinates the plan), one row per named task. */
async function progress(planId: string, rows: Record<string, { status: string; percent?: string; actualFinish?: string }>) {
  const r = await call(stack, planner, "updateProgress", {
    planId,
    headers: planTable([]).headers,
    rows: Object.entries(rows).map(([name, p], i) => progressRow(i + 2, ids[name]!, p)),
  });
  expect(r.status, JSON.stringify(r.error)).toBe(200);
}

async function runNow(as = planner) {
  const r = await call(stack, as, "runRollup", {});
  expect(r.status, JSON.stringify(r.error)).toBe(200);
  return r.body;
}

describe("the roll-up's figures for DOMAIN.md's worked example (December 2026), its quarter and its year", () => {
  it("when the 2026 cascade is approved, progress is reported and the roll-up runs on 2027-01-01, then the run reads every record once", async () => {
    stack.setNow(new Date("2026-11-01T02:00:00Z"));
    [ids.AN1, ids.AN2] = await approved(
      annualTable([annualItem(2026, { title: "计划完成率 95%" }), annualItem(2026, { title: "数据治理" })], { period: "2026" }),
      management,
    );
    [ids.Qa, ids.Qb, ids.Qc] = await approved(
      quarterlyTable(
        [
          quarterlyItem("2026-Q4", { title: "月报体系", annualItem: ids.AN1, weight: 2 }),
          quarterlyItem("2026-Q4", { title: "计划跟踪", annualItem: ids.AN1, weight: 1 }),
          quarterlyItem("2026-Q4", { title: "数据标准", annualItem: ids.AN2, weight: 1 }),
        ],
        { period: "2026-Q4" },
      ),
      manager,
    );
    const t = (over: RowInput) => task({ quarterlyItem: ids.Qa, ...over });
    [ids.N1] = await approved(
      planTable([t({ content: "N1 十一月数据", quarterlyItem: ids.Qc, start: "2026-11-01", due: "2026-11-20" })], { period: "2026-11" }),
      manager,
    );
    [ids.A, ids.B, ids.C, ids.D, ids.E] = await approved(
      planTable(
        [
          t({ content: "A 编制月报", due: "2026-12-10", weight: 3 }),
          t({ content: "B 核对数据", due: "2026-12-15", weight: 1 }),
          t({ content: "C 跟踪计划", quarterlyItem: ids.Qb, due: "2026-12-28", weight: 1 }),
          t({ content: "D 取消的任务", quarterlyItem: ids.Qb, due: "2026-12-20", weight: 2 }),
          t({ content: "E 销售数据", quarterlyItem: ids.Qc, owner: "马晓明", department: "销售部", due: "2026-12-18", weight: 1 }),
        ],
        { period: "2026-12" },
      ),
      manager,
    );
    expect((await call(stack, planner, "issuePlan", { planId: "monthly_2026-12_计划运营部" })).status).toBe(200);

    stack.setNow(new Date("2027-01-01T04:00:00Z")); // noon in Shanghai
    await progress("monthly_2026-11_计划运营部", { N1: { status: "已完成", actualFinish: "2026-11-18" } });
    await progress("monthly_2026-12_计划运营部", {
      A: { status: "已完成", actualFinish: "2026-12-05" },
      B: { status: "已完成", actualFinish: "2026-12-20" },
      C: { status: "进行中", percent: "60%" },
      E: { status: "进行中", percent: "30%" },
    });
    // D is cancelled as an approved plan adjustment writes it (progress may not cancel a task).
    await stack.db
      .collection("items")
      .doc(ids.D!)
      .update({ status: "cancelled", updatedAt: new Date("2027-01-01T04:00:00Z").toISOString() });

    const run = await runNow();
    expect(run).toMatchObject({ status: "done", generation: 1, changedRecords: 11 });
    expect(run.documentReads).toBeGreaterThanOrEqual(11);
  });

  it("when December is viewed, then 李明 has on-time 1/3 and completion 2/3, and C and E are overdue as of the run's date, oldest first", async () => {
    const r = await call(stack, hr, "rollupView", { period: "2026-12" });
    expect(r.status, JSON.stringify(r.error)).toBe(200);
    const v = r.body;
    expect(v).toMatchObject({ period: "2026-12", department: null, asOf: "2027-01-01", generation: 1 });
    const liming = byKey(v.people)[planner]!;
    expect(liming).toMatchObject({ name: "李明", inScope: 3, doneOnTime: 1, doneByEnd: 2, overdue: 1 });
    expect(liming.onTimeRate).toBeCloseTo(1 / 3, 10);
    expect(liming.completionRate).toBeCloseTo(2 / 3, 10);
    // weighted: A 3, B 1, C 1 (D, weight 2, cancelled): on time 3/5, completion 4/5
    expect(liming.weightedOnTimeRate).toBeCloseTo(3 / 5, 10);
    expect(liming.weightedCompletionRate).toBeCloseTo(4 / 5, 10);
    expect(v.summary).toMatchObject({ key: "company", name: "全公司", inScope: 4, doneOnTime: 1, doneByEnd: 2, overdue: 2 });
    expect(v.summary.weightedCompletionRate).toBeCloseTo(4 / 6, 10);
    expect(byKey(v.departments)).toMatchObject({ 计划运营部: { inScope: 3 }, 销售部: { inScope: 1, overdue: 1 } });
    expect(byKey(v.groups)).toEqual({ 计划组: expect.objectContaining({ inScope: 3, doneByEnd: 2 }) });

    expect(v.overdue.count).toBe(2);
    expect(v.overdue.tasks.map((o) => [o.itemId, o.title, o.owner?.name, o.due, o.daysOverdue])).toEqual([
      [ids.E, "E 销售数据", "马晓明", "2026-12-18", 14],
      [ids.C, "C 跟踪计划", "李明", "2026-12-28", 4],
    ]);
    expect(v.overdue.ages.map((a) => [a.minDays, a.maxDays, a.count, a.label.zh])).toEqual([
      [1, 7, 1, "逾期 1–7 天"],
      [8, 30, 1, "逾期 8–30 天"],
      [31, 90, 0, "逾期 31–90 天"],
      [91, null, 0, "逾期 90 天以上"],
    ]);
    expect(v.overdue.ages[3]!.label.en).toBe("over 90 days overdue");
  });

  it("when the quarter and the year are viewed, then they count their tasks: November's 1/1 and December's 2/3 make 3/4", async () => {
    for (const period of ["2026-Q4", "2026"]) {
      const v = await viewAs(stack, manager, period);
      expect(v.summary).toMatchObject({ key: DEPT, inScope: 5, doneByEnd: 3 });
      const dept = byKey(v.departments)[DEPT]!;
      expect(dept).toMatchObject({ inScope: 4, doneOnTime: 2, doneByEnd: 3, completionRate: 0.75, onTimeRate: 0.5 });
      expect(byKey(v.people)[planner]).toMatchObject({ inScope: 4, doneByEnd: 3, completionRate: 0.75 });
      // weighted: N1 1, A 3, B 1, C 1 → completion (1 + 3 + 1) / 6, on time (1 + 3) / 6
      expect(dept.weightedCompletionRate).toBeCloseTo(5 / 6, 10);
      expect(dept.weightedOnTimeRate).toBeCloseTo(4 / 6, 10);
    }
    const november = await viewAs(stack, manager, "2026-11");
    expect(byKey(november.departments)[DEPT]).toMatchObject({ inScope: 1, doneByEnd: 1, completionRate: 1 });
  });

  it("when the cascade is viewed, then each quarterly item is the weighted mean of its tasks (done = 100, cancelled left out) and each annual item of its quarterly items", async () => {
    const v = await viewAs(stack, manager, "2026-Q4");
    const items = Object.fromEntries(v.items.map((i) => [i.key, [i.level, i.name, i.progress, i.inScope, i.doneByEnd]]));
    expect(items).toEqual({
      [ids.Qa!]: ["quarterly", "月报体系", 100, 2, 2], // A, B done
      [ids.Qb!]: ["quarterly", "计划跟踪", 60, 1, 0], // C 60 %; D cancelled, left out
      [ids.Qc!]: ["quarterly", "数据标准", 65, 2, 1], // N1 done, E 30 %
      [ids.AN1!]: ["annual", "计划完成率 95%", 86.67, 3, 2], // (2 × 100 + 1 × 60) / 3; A, B, C in scope
      [ids.AN2!]: ["annual", "数据治理", 65, 2, 1],
    });
  });

  it("when the trend is viewed, then it has the 12 months up to the period's last month, and one per group of the current roster", async () => {
    const v = await viewAs(stack, manager, "2026-12");
    expect(v.trend.map((p) => p.period)).toEqual(Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, "0")}`));
    expect(v.trend.slice(10).map((p) => [p.period, p.inScope, p.completionRate])).toEqual([
      ["2026-11", 1, 1],
      ["2026-12", 4, 0.5],
    ]);
    expect(v.trend[0]).toMatchObject({ inScope: 0, completionRate: null });
    expect(v.trendByGroup.map((g) => g.group)).toEqual(["计划组"]);
    expect(v.trendByGroup[0]!.points.slice(10).map((p) => [p.inScope, p.onTimeRate])).toEqual([
      [1, 1],
      [3, 1 / 3],
    ]);
    const q1 = await viewAs(stack, manager, "2027-Q1");
    expect(q1.trend.map((p) => p.period)).toEqual([
      ...Array.from({ length: 9 }, (_, i) => `2026-${String(i + 4).padStart(2, "0")}`),
      "2027-01",
      "2027-02",
      "2027-03",
    ]);
  });

  it("when each kind of caller views a period, then the figures are exactly completionRates' for the same data and day", async () => {
    for (const who of [hr, management, manager, planner, salesStaff, salesManager, demoEmail("杨强")]) {
      for (const period of ["2026-11", "2026-12", "2026-Q4", "2026"]) {
        const v = await call(stack, who, "rollupView", { period });
        expect(v.status, JSON.stringify(v.error)).toBe(200);
        const live = await call(stack, who, "completionRates", { period, asOf: v.body.asOf });
        expect(live.status).toBe(200);
        const { people, groups, departments, items } = v.body;
        expect({ people, groups, departments, items: items.map(({ level: _l, progress: _p, ...row }) => row) }, `${who} ${period}`).toEqual({
          people: live.body.people,
          groups: live.body.groups,
          departments: live.body.departments,
          items: live.body.items,
        });
      }
    }
  });

  it("when staff view a period, then they see their own row only; a department they do not oversee is refused in both languages", async () => {
    const own = await call(stack, salesStaff, "rollupView", { period: "2026-12" });
    expect(own.body.people.map((p) => p.key)).toEqual([salesStaff]);
    expect(own.body).toMatchObject({ groups: [], departments: [], items: [], trendByGroup: [], summary: { key: salesStaff, inScope: 1, overdue: 1 } });

    const refused = await call(stack, salesManager, "rollupView", { period: "2026-12", department: DEPT });
    expect(refused.status).toBe(403);
    expect(refused.error?.code).toBe("FORBIDDEN");
    expect(refused.error?.message.zh).toContain(DEPT);
    expect(refused.error?.message.en).toContain("management and HR see every department");
    expect((await call(stack, salesStaff, "rollupView", { period: "2026-12", department: "销售部" })).status).toBe(403);

    const dept = await call(stack, hr, "rollupView", { period: "2026-12", department: DEPT });
    expect(dept.status).toBe(200);
    expect(dept.body).toMatchObject({ department: DEPT, summary: { key: DEPT, inScope: 4 } });
  });

  it("when someone who oversees no plans asks for a run, then 403; the planning group may", async () => {
    const r = await call(stack, demoEmail("杨强"), "runRollup", {});
    expect(r.status).toBe(403);
    expect(r.error?.message).toEqual({
      zh: "只有公司管理层、人力资源部门、部门经理、副经理和计划组可以立即汇总",
      en: "Only management, HR, department managers, deputies and the planning group may run the roll-up",
    });
  });

  it("when C is finished on 2027-01-01 and the roll-up runs again, then only that change is read and December shows it", async () => {
    const before = await viewAs(stack, manager, "2026-12");
    // A run on demand is for the moment it is asked: a later one (the same instant would be the same run).
    stack.setNow(new Date("2027-01-01T04:05:00Z"));
    await progress("monthly_2026-12_计划运营部", { C: { status: "已完成", actualFinish: "2027-01-01" } });
    const run = await runNow(manager);
    expect(run).toMatchObject({ status: "done", generation: 2 });
    expect(run.changedRecords).toBeLessThan(11);
    const after = await viewAs(stack, manager, "2026-12");
    // finished after December: still not completed in December, but no longer overdue as of the 1st
    expect(byKey(after.people)[planner]).toMatchObject({ inScope: 3, doneByEnd: 2, overdue: 0 });
    expect(after.overdue.tasks.map((o) => o.itemId)).toEqual([ids.E]);
    expect(figures(after)).not.toEqual(figures(before));
    expect(after.items.find((i) => i.key === ids.Qb)?.progress).toBe(100);
  });
});
