import { DOCUMENT_KINDS } from "@planops/shared";
import { describe, expect, it } from "vitest";
import { demoEmail } from "../../local/demo-org.js";
import { call } from "../support/call.js";
import { planTable, type Row, sheetTable, task } from "../support/plan-sheet.js";
import { useStack } from "../support/stack.js";
import { TRAINING_PLAN, TRAINING_PLAN_KIND } from "../support/training-plan.js";

const stack = useStack({ kinds: [...DOCUMENT_KINDS, TRAINING_PLAN_KIND] });

const planner = demoEmail("李明");
const manager = demoEmail("张伟");
const P = "2040-05";
const planId = `training_${P}_计划运营部`;
const session = (over: Row<typeof TRAINING_PLAN> = {}): Row<typeof TRAINING_PLAN> => ({
  topic: "Excel 数据透视表",
  format: "内部培训",
  hours: 2,
  trainer: "周杰",
  date: `${P}-12`,
  ...over,
});
const training = (rows: Row<typeof TRAINING_PLAN>[]) => sheetTable(TRAINING_PLAN, rows, { period: P });

describe("a plan kind added to the registry, and nothing else", () => {
  it("when its sheet has bad cells, then each is refused with its code, read from the declaration", async () => {
    const r = await call(
      stack,
      planner,
      "submit",
      training([
        session(),
        session({ topic: "", format: "培训班" }),
        session({ topic: "B", hours: "很多", trainer: "不存在的人" }),
        session({ topic: "C", hours: 100, date: "2040-06-01" }),
      ]),
    );
    expect(r.status).toBe(422);
    expect(r.error?.cells?.map((c) => [c.row, c.header, c.code])).toEqual([
      [3, "培训主题", "REQUIRED"],
      [3, "形式", "NOT_ALLOWED"],
      [4, "学时", "NOT_A_NUMBER"],
      [4, "讲师", "UNKNOWN_PERSON"],
      [5, "学时", "OUT_OF_RANGE"],
      [5, "培训日期", "DUE_OUTSIDE_PERIOD"],
    ]);
    expect(r.error?.cells?.[1]?.message.zh).toContain("内部培训 / 外部培训 / 线上课程");
    // the due-date role makes the generic period rule apply to its own date column
    const late = await call(stack, planner, "submit", training([session({ date: "2040-06-01" })]));
    expect(late.error?.cells?.map((c) => [c.row, c.header, c.code])).toEqual([[2, "培训日期", "DUE_OUTSIDE_PERIOD"]]);
    expect((await stack.db.collection("plans").doc(planId).get()).exists).toBe(false);
  });

  it("when a good sheet is submitted, then it gets IDs, awaits the department manager and lists in their pending approvals", async () => {
    const r = await call(
      stack,
      planner,
      "submit",
      training([session(), session({ topic: "沟通技巧", format: "external", hours: "1.5", trainer: "陈静", date: `${P}-20` })]),
    );
    expect(r.status, JSON.stringify(r.error)).toBe(200);
    expect(r.body).toMatchObject({ kind: "training-plan", documentId: planId, revision: 1, status: "pending_approval" });
    expect(r.body.rows.map((x) => [x.row, x.status])).toEqual([
      [2, null],
      [3, null],
    ]);
    const pending = await call(stack, manager, "pendingApprovals");
    expect(pending.body.items.find((i) => i.planId === planId)).toMatchObject({
      kind: "training-plan",
      itemCount: 2,
      title: { zh: `计划运营部 ${P} 培训计划` },
    });
    expect((await call(stack, demoEmail("刘洋"), "pendingApprovals")).body.items).toEqual([]);
  });

  it("when the department manager approves it, then it is approved and its items carry the declared fields", async () => {
    expect((await call(stack, demoEmail("刘洋"), "decide", { planId, revision: 1, decision: "approve" })).error?.code).toBe("NOT_APPROVER");
    const r = await call(stack, manager, "decide", { planId, revision: 1, decision: "approve" });
    expect(r.status, JSON.stringify(r.error)).toBe(200);
    expect(r.body.status).toBe("approved");
    const plan = await call(stack, planner, "getPlan", { planId });
    expect(plan.body).toMatchObject({ kind: "training-plan", status: "approved", approvedRevision: 1, title: { zh: `计划运营部 ${P} 培训计划` } });
    expect(plan.body.items.map((i) => [i.title, i.owner?.name, i.due, i.fields.format, i.fields.hours])).toEqual([
      ["Excel 数据透视表", "周杰", `${P}-12`, "internal", 2],
      ["沟通技巧", "陈静", `${P}-20`, "external", 1.5],
    ]);
    expect((await call(stack, planner, "submit", training([session({ topic: "改了" })]))).error?.code).toBe("PLAN_LOCKED");
  });

  it("when a monthly plan of the same month and department is submitted too, then neither plan's items overwrite the other's", async () => {
    const trainingBefore = (await call(stack, planner, "getPlan", { planId })).body.items;
    const monthly = await call(
      stack,
      planner,
      "submit",
      planTable([task({ content: "月报", start: null, due: `${P}-10` }), task({ content: "流程梳理", start: null, due: `${P}-15` })], { period: P }),
    );
    expect(monthly.status, JSON.stringify(monthly.error)).toBe(200);
    const monthlyIds = monthly.body.rows.map((x) => x.itemId!);
    expect(monthlyIds.filter((id) => trainingBefore.some((i) => i.itemId === id))).toEqual([]);
    // same "<period>-<department>-NNN" form: the numbers the training plan holds are skipped
    expect(trainingBefore.map((i) => i.itemId)).toEqual([`${P}-计划运营部-001`, `${P}-计划运营部-002`]);
    expect(monthlyIds).toEqual([`${P}-计划运营部-003`, `${P}-计划运营部-004`]);
    expect((await call(stack, planner, "getPlan", { planId })).body.items).toEqual(trainingBefore);
    expect((await call(stack, planner, "getPlan", { planId: monthly.body.documentId })).body.items.map((i) => i.title)).toEqual(["月报", "流程梳理"]);
  });
});
