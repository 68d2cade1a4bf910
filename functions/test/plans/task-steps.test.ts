import { TASK_STEPS } from "@planops/shared";
import { describe, expect, it } from "vitest";
import { demoEmail } from "../../local/demo-org.js";
import { call } from "../support/call.js";
import { columnOf, planTable, stepsTable, task } from "../support/plan-sheet.js";
import { useStack } from "../support/stack.js";

const stack = useStack();

const planner = demoEmail("李明");
const manager = demoEmail("张伟");
const owner = demoEmail("杨强");

const P = "2038-01";
const planId = `monthly_${P}_计划运营部`;
const TASK_COLUMN = columnOf(TASK_STEPS, "task");
let A = "";
let B = "";
let C = "";

const item = async (id: string) => (await call(stack, planner, "getPlan", { planId })).body.items.find((i) => i.itemId === id)!;

describe("implementation steps (实施步骤) of an owner's own tasks", () => {
  it("when a monthly plan is issued, then its owners have tasks to break into steps", async () => {
    const sub = await call(
      stack,
      planner,
      "submit",
      planTable(
        [
          task({ content: "A 流程检查", owner: "杨强", start: null, due: `${P}-15` }),
          task({ content: "B 台账整理", owner: "杨强", start: null, due: `${P}-20` }),
          task({ content: "C 数据清洗", owner: "黄敏", start: null, due: `${P}-25` }),
        ],
        { period: P },
      ),
    );
    expect(sub.status, JSON.stringify(sub.error)).toBe(200);
    [A, B, C] = sub.body.rows.map((r) => r.itemId!) as [string, string, string];
    expect((await call(stack, manager, "decide", { planId, revision: 1, decision: "approve" })).status).toBe(200);
    expect((await call(stack, planner, "issuePlan", { planId })).status).toBe(200);
    const options = await call(stack, owner, "referenceOptions", { template: "task-steps", period: P });
    expect(options.body.columns).toEqual([
      expect.objectContaining({ key: "task", options: [expect.objectContaining({ itemId: A }), expect.objectContaining({ itemId: B })] }),
    ]);
  });

  it("when the owner submits steps for their own tasks, then they are saved and % complete follows the steps done", async () => {
    const r = await call(
      stack,
      owner,
      "submit",
      stepsTable(
        [
          { task: A, step: "列出检查清单", planned: `${P}-05`, done: true },
          { task: `${A} A 流程检查`, step: "现场检查", planned: `${P}-10`, done: false },
          { task: A, step: "出具报告", planned: `${P}-14`, done: "是" },
          { task: B, step: "收集台账", planned: `${P}-12` },
        ],
        { period: P },
      ),
    );
    expect(r.status, JSON.stringify(r.error)).toBe(200);
    expect(r.body).toMatchObject({ kind: "task-steps", unchanged: false, revision: null });
    expect(r.body.rows.map((x) => [x.row, x.itemId])).toEqual([
      [2, A],
      [3, A],
      [4, A],
      [5, B],
    ]);
    const a = await item(A);
    expect(a.steps).toEqual([
      { step: "列出检查清单", planned: `${P}-05`, done: true },
      { step: "现场检查", planned: `${P}-10`, done: false },
      { step: "出具报告", planned: `${P}-14`, done: true },
    ]);
    expect(a.percent).toBeCloseTo(66.67, 2);
    expect(await item(B)).toMatchObject({ percent: 0, steps: [{ step: "收集台账", done: false }] });
  });

  it("when the same steps are submitted again, then nothing is written", async () => {
    const before = await item(A);
    const r = await call(
      stack,
      owner,
      "submit",
      stepsTable(
        [
          { task: A, step: "列出检查清单", planned: `${P}-05`, done: true },
          { task: A, step: "现场检查", planned: `${P}-10`, done: false },
          { task: A, step: "出具报告", planned: `${P}-14`, done: true },
          { task: B, step: "收集台账", planned: `${P}-12`, done: false },
        ],
        { period: P },
      ),
    );
    expect(r.status).toBe(200);
    expect(r.body.unchanged).toBe(true);
    expect(await item(A)).toEqual(before);
  });

  it("when someone adds steps to a task that is not theirs, then NOT_YOUR_TASK names the cell and nothing is saved", async () => {
    const byOwner = await call(
      stack,
      owner,
      "submit",
      stepsTable(
        [
          { task: A, step: "补充一步", planned: `${P}-06` },
          { task: C, step: "替别人加的步骤", planned: `${P}-06` },
        ],
        { period: P },
      ),
    );
    expect(byOwner.status).toBe(422);
    expect(byOwner.error?.cells?.map((c) => [c.row, c.column, c.header, c.code])).toEqual([[3, TASK_COLUMN, "任务", "NOT_YOUR_TASK"]]);
    // the planning group coordinates the plan, but steps are the owner's own
    const byPlanner = await call(stack, planner, "submit", stepsTable([{ task: C, step: "替别人加的步骤", planned: `${P}-06` }], { period: P }));
    expect(byPlanner.status).toBe(422);
    expect(byPlanner.error?.cells?.[0]).toMatchObject({ row: 2, code: "NOT_YOUR_TASK" });
    expect((await item(C)).steps).toEqual([]);
    expect((await item(A)).steps).toHaveLength(3);
  });

  it("when a steps sheet carries one row number twice, then 422 DUPLICATE_ROW_NUMBER and nothing is saved", async () => {
    const r = await call(
      stack,
      owner,
      "submit",
      stepsTable(
        [
          { task: B, step: "收集台账", planned: `${P}-12` },
          { task: B, step: "核对台账", planned: `${P}-13`, done: true },
        ],
        { period: P, rowNumbers: [5, 5] },
      ),
    );
    expect(r.status).toBe(422);
    expect(r.error?.cells).toEqual([expect.objectContaining({ row: 5, code: "DUPLICATE_ROW_NUMBER" })]);
    expect((await item(B)).steps).toEqual([{ step: "收集台账", planned: `${P}-12`, done: false }]);
  });

  it("when the task's plan is not approved yet, then its steps are refused with REFERENCE_NOT_APPROVED", async () => {
    const P2 = "2038-02";
    const sub = await call(stack, planner, "submit", planTable([task({ content: "D", owner: "杨强", start: null, due: `${P2}-10` })], { period: P2 }));
    expect(sub.status).toBe(200);
    const r = await call(stack, owner, "submit", stepsTable([{ task: sub.body.rows[0]!.itemId, step: "准备", planned: `${P2}-03` }], { period: P2 }));
    expect(r.status).toBe(422);
    expect(r.error?.cells?.[0]).toMatchObject({ row: 2, column: TASK_COLUMN, code: "REFERENCE_NOT_APPROVED" });
  });

  it("when the owner updates progress leaving % complete blank on a task with steps, then the derived % is kept; a typed % still wins", async () => {
    const headers = planTable([]).headers;
    const cells = (o: Record<string, string | number>) => headers.map((h) => o[h] ?? null);
    const r = await call(stack, owner, "updateProgress", {
      planId,
      headers,
      rows: [
        { row: 2, cells: cells({ 任务编号: A, 状态: "进行中" }) },
        { row: 3, cells: cells({ 任务编号: B, 状态: "进行中", 完成百分比: "30%" }) },
      ],
    });
    expect(r.status, JSON.stringify(r.error)).toBe(200);
    expect(r.body.updated).toBe(2);
    const a = await item(A);
    expect(a.status).toBe("in_progress");
    expect(a.percent).toBeCloseTo(66.67, 2);
    expect(await item(B)).toMatchObject({ status: "in_progress", percent: 30 });

    // one more step done: the % follows, and a blank % in the next update keeps it
    const steps = await call(
      stack,
      owner,
      "submit",
      stepsTable(
        [
          { task: A, step: "列出检查清单", planned: `${P}-05`, done: true },
          { task: A, step: "现场检查", planned: `${P}-10`, done: true },
          { task: A, step: "出具报告", planned: `${P}-14`, done: true },
        ],
        { period: P },
      ),
    );
    expect(steps.status).toBe(200);
    expect((await item(A)).percent).toBe(100);
    const again = await call(stack, owner, "updateProgress", {
      planId,
      headers,
      rows: [{ row: 2, cells: cells({ 任务编号: A, 状态: "进行中", 问题反馈: "等待审核" }) }],
    });
    expect(again.status).toBe(200);
    expect(await item(A)).toMatchObject({ status: "in_progress", percent: 100, feedback: "等待审核" });
  });
});
