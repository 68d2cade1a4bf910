import type { RateRow, SubmitRequest } from "@planops/shared/api";
import { describe, expect, it } from "vitest";
import { demoEmail } from "../../local/demo-org.js";
import { call } from "../support/call.js";
import { annualItem, annualTable, planTable, quarterlyItem, quarterlyTable, type RowInput, task } from "../support/plan-sheet.js";
import { useStack } from "../support/stack.js";

const stack = useStack();

const planner = demoEmail("李明");
const manager = demoEmail("张伟");
const management = demoEmail("刘洋");

const Y = "2039";
const AN1 = `${Y}-计划运营部-001`;
const AN2 = `${Y}-计划运营部-002`;
const Q1a = `${Y}-Q1-计划运营部-001`;
const Q1b = `${Y}-Q1-计划运营部-002`;
const Q1c = `${Y}-Q1-计划运营部-003`;
const Q2a = `${Y}-Q2-计划运营部-001`;

async function approved(req: SubmitRequest, approver: string): Promise<string[]> {
  const r = await call(stack, planner, "submit", req);
  expect(r.status, JSON.stringify(r.error)).toBe(200);
  const d = await call(stack, approver, "decide", { planId: r.body.documentId, revision: 1, decision: "approve" });
  expect(d.status, JSON.stringify(d.error)).toBe(200);
  return r.body.rows.map((x) => x.itemId!);
}

const t = (over: RowInput) => task({ start: null, owner: "杨强", ...over });
const ids: Record<string, string | undefined> = {};

/** Sets the progress of monthly tasks through updateProgress, as the planning group (who coordinates the plan). */
async function progress(planId: string, rows: Record<string, { status: string; percent?: string; actualFinish?: string }>) {
  const headers = planTable([]).headers;
  const r = await call(stack, planner, "updateProgress", {
    planId,
    headers,
    rows: Object.entries(rows).map(([name, p], i) => ({
      row: i + 2,
      cells: headers.map((h) => ({ 任务编号: ids[name]!, 状态: p.status, 完成百分比: p.percent ?? null, 实际完成时间: p.actualFinish ?? null })[h] ?? null),
    })),
  });
  expect(r.status, JSON.stringify(r.error)).toBe(200);
}

const byKey = (rows: RateRow[]) => Object.fromEntries(rows.map((r) => [r.key, r]));

describe("the cascade: monthly tasks → quarterly items → annual items", () => {
  it("when an approved annual plan, two quarterly plans and three monthly plans are linked and progress is reported, then everything is stored", async () => {
    expect(await approved(annualTable([annualItem(Y, { title: "计划完成率 95%" }), annualItem(Y, { title: "数据治理" })], { period: Y }), management)).toEqual([
      AN1,
      AN2,
    ]);
    expect(
      await approved(
        quarterlyTable(
          [
            quarterlyItem(`${Y}-Q1`, { title: "Q1a 月报体系", annualItem: AN1, weight: 2 }),
            quarterlyItem(`${Y}-Q1`, { title: "Q1b 计划跟踪", annualItem: AN1, weight: 1 }),
            quarterlyItem(`${Y}-Q1`, { title: "Q1c 数据标准", annualItem: AN2, weight: 1 }),
          ],
          { period: `${Y}-Q1` },
        ),
        manager,
      ),
    ).toEqual([Q1a, Q1b, Q1c]);
    expect(await approved(quarterlyTable([quarterlyItem(`${Y}-Q2`, { title: "Q2a 数据质量", annualItem: AN2 })], { period: `${Y}-Q2` }), manager)).toEqual([
      Q2a,
    ]);

    [ids.T1, ids.T2, ids.T3, ids.T4] = await approved(
      planTable(
        [
          t({ content: "T1", quarterlyItem: Q1a, weight: 1, due: `${Y}-01-10` }),
          t({ content: "T2", quarterlyItem: Q1a, weight: 3, due: `${Y}-01-20` }),
          t({ content: "T3", quarterlyItem: Q1b, weight: 2, due: `${Y}-01-25` }),
          t({ content: "T4", quarterlyItem: Q1b, weight: 5, due: `${Y}-01-30` }),
        ],
        { period: `${Y}-01` },
      ),
      manager,
    );
    [ids.T5, ids.T6] = await approved(
      planTable(
        [t({ content: "T5", quarterlyItem: Q1c, weight: 1, due: `${Y}-02-15` }), t({ content: "T6", quarterlyItem: Q1c, weight: 4, due: `${Y}-02-20` })],
        { period: `${Y}-02` },
      ),
      manager,
    );
    [ids.T7] = await approved(planTable([t({ content: "T7", quarterlyItem: Q2a, weight: 1, due: `${Y}-04-20` })], { period: `${Y}-04` }), manager);

    // an issued plan's tasks count like an approved one's
    expect((await call(stack, planner, "issuePlan", { planId: `monthly_${Y}-01_计划运营部` })).status).toBe(200);

    stack.setNow(new Date(`${Y}-05-01T04:00:00Z`));
    await progress(`monthly_${Y}-01_计划运营部`, {
      T1: { status: "已完成", actualFinish: `${Y}-01-08` }, // on time
      T2: { status: "进行中", percent: "40%" },
      T3: { status: "已完成", actualFinish: `${Y}-01-28` }, // late, but within the month
    });
    await progress(`monthly_${Y}-02_计划运营部`, { T5: { status: "已完成", actualFinish: `${Y}-02-10` }, T6: { status: "进行中", percent: "10%" } });
    // T4 and T6 are cancelled, as an approved plan adjustment (a later feature) will write it: progress may not cancel a task.
    for (const name of ["T4", "T6"]) await stack.db.collection("items").doc(ids[name]!).update({ status: "cancelled" });
    await progress(`monthly_${Y}-04_计划运营部`, { T7: { status: "进行中", percent: "20%" } });
  });

  it("when the quarterly plan's progress is asked for, then each item is the weighted mean of its tasks' % complete, done = 100, cancelled left out", async () => {
    const r = await call(stack, manager, "planProgress", { planId: `quarterly_${Y}-Q1_计划运营部` });
    expect(r.status, JSON.stringify(r.error)).toBe(200);
    expect(r.body.items.map((i) => [i.itemId, i.progress, i.children])).toEqual([
      [Q1a, 55, 2], // (1×100 + 3×40) / 4
      [Q1b, 100, 1], // T3 done; T4 (weight 5) cancelled: not (2×100 + 5×0) / 7
      [Q1c, 100, 1], // T5 done; T6 cancelled at 10 %
    ]);
    const q2 = await call(stack, manager, "planProgress", { planId: `quarterly_${Y}-Q2_计划运营部` });
    expect(q2.body.items.map((i) => [i.itemId, i.progress, i.children])).toEqual([[Q2a, 20, 1]]);
  });

  it("when the annual plan's progress is asked for, then each item is the weighted mean of its quarterly items' progress", async () => {
    const r = await call(stack, management, "planProgress", { planId: `annual_${Y}_计划运营部` });
    expect(r.status, JSON.stringify(r.error)).toBe(200);
    expect(r.body.items.map((i) => [i.itemId, i.title, i.progress, i.children])).toEqual([
      [AN1, "计划完成率 95%", 70, 2], // (2×55 + 1×100) / 3
      [AN2, "数据治理", 60, 2], // (1×100 + 1×20) / 2, across two quarterly plans
    ]);
    // staff outside the plan's overseers do not see it
    expect((await call(stack, demoEmail("杨强"), "planProgress", { planId: `annual_${Y}_计划运营部` })).status).toBe(403);
  });

  it("when a quarter's completion rates are asked for, then they count the tasks due in it (months 2/3 and 1/1 make 3/4, not their mean)", async () => {
    const months = await Promise.all([`${Y}-01`, `${Y}-02`].map((period) => call(stack, manager, "completionRates", { period, asOf: `${Y}-03-31` })));
    const [jan, feb] = months.map((m) => byKey(m.body.departments)["计划运营部"]!);
    expect(jan).toMatchObject({ inScope: 3, doneByEnd: 2 });
    expect(feb).toMatchObject({ inScope: 1, doneByEnd: 1, completionRate: 1 });

    const r = await call(stack, manager, "completionRates", { period: `${Y}-Q1`, asOf: `${Y}-03-31` });
    expect(r.status, JSON.stringify(r.error)).toBe(200);
    expect(r.body.period).toBe(`${Y}-Q1`);
    const dept = byKey(r.body.departments)["计划运营部"]!;
    expect(dept).toMatchObject({ inScope: 4, doneOnTime: 2, doneByEnd: 3, overdue: 1, completionRate: 0.75, onTimeRate: 0.5 });
    expect(dept.weightedCompletionRate).toBeCloseTo(4 / 7, 10); // (1 + 2 + 1) / (1 + 3 + 2 + 1)
    expect(dept.weightedOnTimeRate).toBeCloseTo(2 / 7, 10);
    expect(byKey(r.body.people)[demoEmail("杨强")]).toMatchObject({ inScope: 4, doneByEnd: 3 });

    const items = byKey(r.body.items);
    expect(Object.keys(items).sort()).toEqual([AN1, AN2, Q1a, Q1b, Q1c].sort());
    expect(items[Q1a]).toMatchObject({ name: "Q1a 月报体系", inScope: 2, doneByEnd: 1, completionRate: 0.5 });
    expect(items[Q1b]).toMatchObject({ inScope: 1, doneByEnd: 1, doneOnTime: 0 });
    expect(items[Q1c]).toMatchObject({ inScope: 1, doneByEnd: 1, doneOnTime: 1 });
    expect(items[AN1]).toMatchObject({ name: "计划完成率 95%", inScope: 3, doneByEnd: 2, doneOnTime: 1 });
    expect(items[AN2]).toMatchObject({ name: "数据治理", inScope: 1, doneByEnd: 1 });
  });

  it("when the year's completion rates are asked for, then they count every task due in the year, with rows per quarterly and annual item", async () => {
    const r = await call(stack, manager, "completionRates", { period: Y, asOf: `${Y}-12-31` });
    expect(r.status, JSON.stringify(r.error)).toBe(200);
    const dept = byKey(r.body.departments)["计划运营部"]!;
    // T1, T2, T3, T5, T7 (T4, T6 cancelled): 3 done, 2 of them on time; T2 and T7 overdue
    expect(dept).toMatchObject({ inScope: 5, doneOnTime: 2, doneByEnd: 3, overdue: 2, completionRate: 0.6, onTimeRate: 0.4 });
    const items = byKey(r.body.items);
    expect(Object.keys(items).sort()).toEqual([AN1, AN2, Q1a, Q1b, Q1c, Q2a].sort());
    expect(items[Q2a]).toMatchObject({ inScope: 1, doneByEnd: 0, overdue: 1 });
    expect(items[AN1]).toMatchObject({ inScope: 3, doneByEnd: 2 });
    expect(items[AN2]).toMatchObject({ inScope: 2, doneByEnd: 1, completionRate: 0.5 });
  });
});
