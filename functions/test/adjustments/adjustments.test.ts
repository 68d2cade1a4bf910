import { PLAN_ADJUSTMENT } from "@planops/shared";
import { describe, expect, it } from "vitest";
import { demoEmail } from "../../local/demo-org.js";
import { call } from "../support/call.js";
import { annualItem, annualTable, planTable, type Row, sheetTable, task } from "../support/plan-sheet.js";
import { useStack } from "../support/stack.js";

const stack = useStack();

const clerk = demoEmail("李明");
const manager = demoEmail("张伟");
const management = demoEmail("刘洋");
const owner = demoEmail("杨强");

type AdjRow = Row<typeof PLAN_ADJUSTMENT>;
const why = { reason: "供应商延期交付", impact: "延后一周，不影响季度目标", solution: "加派人手并行测试" };
const adjustmentSheet = (period: string, rows: readonly AdjRow[]) =>
  sheetTable(
    PLAN_ADJUSTMENT,
    rows.map((r) => ({ ...why, ...r })),
    { period },
  );

let n = 0;
/** An issued monthly plan of its own month (2029-01, 2029-02, …): 李明's task and two of 杨强's. */
async function issuedPlan() {
  const P = `2029-${String(++n).padStart(2, "0")}`;
  const sub = await call(
    stack,
    clerk,
    "submit",
    planTable(
      [
        task({ content: "A 月报", owner: "李明", start: null, due: `${P}-10` }),
        task({ content: "B 流程检查", owner: "杨强", start: null, due: `${P}-15` }),
        task({ content: "C 数据清洗", owner: "杨强", start: null, due: `${P}-20` }),
      ],
      { period: P },
    ),
  );
  expect(sub.status).toBe(200);
  const planId = sub.body.documentId;
  expect((await call(stack, manager, "decide", { planId, revision: 1, decision: "approve" })).status).toBe(200);
  expect((await call(stack, clerk, "issuePlan", { planId })).status).toBe(200);
  return { P, planId, ids: sub.body.rows.map((r) => r.itemId!) };
}

/** Files requests as `who`, the planning group reviews them; answers their IDs. */
async function fileAndReview(who: string, P: string, rows: readonly AdjRow[]) {
  const filed = await call(stack, who, "submit", adjustmentSheet(P, rows));
  expect(filed.status, JSON.stringify(filed.error)).toBe(200);
  const ids = filed.body.rows.map((r) => r.itemId!);
  const review = await call(
    stack,
    clerk,
    "reviewAdjustments",
    adjustmentSheet(
      P,
      rows.map((r, i) => ({ ...r, adjustmentId: ids[i]!, opinion: "同意调整" })),
    ),
  );
  expect(review.status, JSON.stringify(review.error)).toBe(200);
  return ids;
}

describe("adjusting an approved plan (计划调整)", () => {
  it("when an owner files an adjustment on someone else's task, then that row is refused; on their own task it is filed for review", async () => {
    const { P, ids } = await issuedPlan();
    const others = await call(stack, owner, "submit", adjustmentSheet(P, [{ type: "延期", item: ids[0]!, content: `${P}-12` }]));
    expect(others.status).toBe(422);
    expect(others.error?.cells?.[0]).toMatchObject({ row: 2, header: "计划项", code: "NOT_YOUR_ITEM" });

    const mine = await call(stack, owner, "submit", adjustmentSheet(P, [{ type: "延期", item: ids[1]!, content: `${P}-18` }]));
    expect(mine.status).toBe(200);
    expect(mine.body.rows[0]).toMatchObject({ row: 2, status: "submitted" });
    expect(mine.body.rows[0]?.itemId).toMatch(/^ADJ-/);

    // The owner is not the planning group: their review opinion is refused.
    const id = mine.body.rows[0]!.itemId!;
    const notPlanner = await call(
      stack,
      owner,
      "reviewAdjustments",
      adjustmentSheet(P, [{ type: "延期", item: ids[1]!, content: `${P}-18`, adjustmentId: id, opinion: "同意" }]),
    );
    expect(notPlanner.status).toBe(403);
  });

  it("when the planning group reviews and the manager approves, then the plan's next revision changes only that task, keeps its ID and tells its owner", async () => {
    const { P, planId, ids } = await issuedPlan();
    const [adj] = await fileAndReview(owner, P, [{ type: "延期", item: ids[1]!, content: `完成时间 → ${P}-25` }]);
    const pending = await call(stack, manager, "pendingApprovals");
    expect(pending.body.items.find((i) => i.adjustmentId === adj)).toMatchObject({ planId, kind: "monthly-plan", submittedBy: { name: "杨强" } });
    expect((await call(stack, management, "pendingApprovals")).body.items.find((i) => i.adjustmentId === adj)).toBeUndefined();

    const before = stack.mail.messages().length;
    const decided = await call(stack, manager, "decide", { planId, revision: 1, decision: "approve", comment: "同意延期", adjustmentId: adj });
    expect(decided.status, JSON.stringify(decided.error)).toBe(200);
    expect(decided.body).toMatchObject({ status: "issued", adjustmentStatus: "applied", decision: { revision: 2, by: { name: "张伟" } } });

    const plan = await call(stack, clerk, "getPlan", { planId });
    expect(plan.body).toMatchObject({ revision: 2, approvedRevision: 2, status: "issued" });
    expect(plan.body.items.map((t) => t.itemId)).toEqual(ids);
    expect(plan.body.items.find((t) => t.itemId === ids[1])?.due).toBe(`${P}-25`);
    expect(plan.body.changes).toEqual([{ itemId: ids[1], kind: "changed", title: "B 流程检查", fields: [{ key: "due", from: `${P}-15`, to: `${P}-25` }] }]);
    expect(plan.body.history.at(-1)).toMatchObject({ revision: 2, decision: "approve", comment: "同意延期", by: { name: "张伟" } });
    const old = await call(stack, clerk, "getPlan", { planId, revision: 1 });
    expect(old.body.items.find((t) => t.itemId === ids[1])?.due).toBe(`${P}-15`);

    const log = await call(stack, owner, "planAdjustments", { planId });
    expect(log.body.adjustments).toEqual([
      expect.objectContaining({
        adjustmentId: adj,
        status: "applied",
        appliedRevision: 2,
        reason: why.reason,
        changes: [{ key: "due", header: { zh: "完成时间", en: "Due date" }, from: `${P}-15`, to: `${P}-25` }],
        review: expect.objectContaining({ opinion: "同意调整", by: { email: clerk, name: "李明" } }),
      }),
    ]);
    const mails = (await stack.mail.waitFor(before + 2)).slice(before);
    const told = mails.find((m) => m.to.includes(owner) && m.subject.includes("计划调整"));
    expect(told?.text).toContain(`完成时间 ${P}-15 → ${P}-25`);
    expect(told?.text).toContain(why.reason);
    expect(mails.some((m) => m.to.includes(demoEmail("陈静")))).toBe(false);

    // Progress continues on the new version, with the same ID.
    stack.setNow(new Date(`${P}-12T04:00:00Z`));
    const progress = await call(stack, owner, "updateProgress", {
      planId,
      headers: ["任务编号", "状态", "完成百分比"],
      rows: [{ row: 3, cells: [ids[1]!, "进行中", 40] }],
    });
    stack.setNow(undefined);
    expect(progress.status, JSON.stringify(progress.error)).toBe(200);
    expect(progress.body.updated).toBe(1);
  });

  it("when the manager rejects a request, then the plan is untouched and the request is rejected", async () => {
    const { P, planId, ids } = await issuedPlan();
    const [adj] = await fileAndReview(owner, P, [{ type: "取消", item: ids[2]! }]);
    const noComment = await call(stack, manager, "decide", { planId, revision: 1, decision: "return", adjustmentId: adj });
    expect(noComment.status).toBe(422);
    const r = await call(stack, manager, "decide", { planId, revision: 1, decision: "return", comment: "任务仍需完成", adjustmentId: adj });
    expect(r.body).toMatchObject({ adjustmentStatus: "rejected", status: "issued" });
    const plan = await call(stack, clerk, "getPlan", { planId });
    expect(plan.body).toMatchObject({ revision: 1, approvedRevision: 1 });
    expect(plan.body.items.find((t) => t.itemId === ids[2])?.status).toBe("not_started");
    const again = await call(stack, manager, "decide", { planId, revision: 1, decision: "approve", adjustmentId: adj });
    expect(again.error?.code).toBe("ALREADY_DECIDED");
  });

  it("when two requests on one item are pending, then the second is checked against the first's result: its before is re-read, and a cancelled item refuses it", async () => {
    const { P, planId, ids } = await issuedPlan();
    const [first, second] = await fileAndReview(owner, P, [
      { type: "延期", item: ids[1]!, content: `${P}-22` },
      { type: "修改", item: ids[1]!, content: `完成时间 → ${P}-28\n任务内容 → B 流程检查（含外部流程）` },
    ]);
    expect((await call(stack, manager, "decide", { planId, revision: 1, decision: "approve", adjustmentId: first })).status).toBe(200);
    const secondDecided = await call(stack, manager, "decide", { planId, revision: 2, decision: "approve", adjustmentId: second });
    expect(secondDecided.status, JSON.stringify(secondDecided.error)).toBe(200);
    expect(secondDecided.body.message.zh).toContain(`完成时间 ${P}-15 → ${P}-22`);
    const log = await call(stack, clerk, "planAdjustments", { planId });
    expect(log.body.adjustments.find((a) => a.adjustmentId === second)?.changes.find((c) => c.key === "due")).toMatchObject({ from: `${P}-22`, to: `${P}-28` });
    const plan = await call(stack, clerk, "getPlan", { planId });
    expect(plan.body.revision).toBe(3);

    // A cancellation approved first: the change on the same item is refused with the reason, and can still be rejected.
    const [cancel, change] = await fileAndReview(owner, P, [
      { type: "取消", item: ids[2]! },
      { type: "延期", item: ids[2]!, content: `${P}-27` },
    ]);
    expect((await call(stack, manager, "decide", { planId, revision: 3, decision: "approve", adjustmentId: cancel })).status).toBe(200);
    const refused = await call(stack, manager, "decide", { planId, revision: 4, decision: "approve", adjustmentId: change });
    expect(refused.status).toBe(409);
    expect(refused.error?.code).toBe("ADJUSTMENT_CONFLICT");
    expect(refused.error?.message.zh).toContain(`已被取消（调整申请 ${cancel}）`);
    expect((await call(stack, manager, "decide", { planId, revision: 4, decision: "return", comment: "任务已取消", adjustmentId: change })).status).toBe(200);
    // A new request on the cancelled item is refused at once.
    const late = await call(stack, owner, "submit", adjustmentSheet(P, [{ type: "延期", item: ids[2]!, content: `${P}-27` }]));
    expect(late.error?.cells?.[0]?.code).toBe("ITEM_CANCELLED");
  });

  it("when an item is added, then it gets the plan's next ID and its owner is told", async () => {
    const { P, planId, ids } = await issuedPlan();
    const [adj] = await fileAndReview(clerk, P, [{ type: "新增", item: ids[0]!, content: `任务内容 → D 客户回访\n责任人 → 杨强\n完成时间 → ${P}-26` }]);
    const r = await call(stack, manager, "decide", { planId, revision: 1, decision: "approve", adjustmentId: adj });
    expect(r.status, JSON.stringify(r.error)).toBe(200);
    const plan = await call(stack, clerk, "getPlan", { planId });
    const added = plan.body.items.find((t) => t.title === "D 客户回访");
    expect(added?.itemId).toBe(`${P}-计划运营部-004`);
    expect(added).toMatchObject({ owner: { name: "杨强" }, department: "计划运营部", status: "not_started", due: `${P}-26` });
    expect(plan.body.changes).toEqual([expect.objectContaining({ itemId: added?.itemId, kind: "added" })]);
  });

  it("when an annual plan is adjusted, then only company management may approve it", async () => {
    const sub = await call(stack, clerk, "submit", annualTable([annualItem(2031)], { period: "2031" }));
    const planId = sub.body.documentId;
    await call(stack, management, "decide", { planId, revision: 1, decision: "approve" });
    const itemId = sub.body.rows[0]!.itemId!;
    const [adj] = await fileAndReview(clerk, "2031-01", [{ type: "修改", item: itemId, content: "目标值 → 90%" }]);
    expect((await call(stack, manager, "pendingApprovals")).body.items.find((i) => i.adjustmentId === adj)).toBeUndefined();
    const byManager = await call(stack, manager, "decide", { planId, revision: 1, decision: "approve", adjustmentId: adj });
    expect(byManager.status).toBe(403);
    expect(byManager.error?.message.zh).toContain("公司管理层");
    expect((await call(stack, management, "pendingApprovals")).body.items.find((i) => i.adjustmentId === adj)).toMatchObject({ planId });
    const ok = await call(stack, management, "decide", { planId, revision: 1, decision: "approve", adjustmentId: adj });
    expect(ok.status, JSON.stringify(ok.error)).toBe(200);
    expect((await call(stack, clerk, "getPlan", { planId })).body.items[0]?.fields.target).toBe("90%");
  });
});
