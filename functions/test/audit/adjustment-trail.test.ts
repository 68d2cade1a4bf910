import { PLAN_ADJUSTMENT } from "@planops/shared";
import type { AuditEntry } from "@planops/shared/api";
import { describe, expect, it } from "vitest";
import { demoEmail } from "../../local/demo-org.js";
import { call } from "../support/call.js";
import { planTable, type Row, sheetTable, task } from "../support/plan-sheet.js";
import { useStack } from "../support/stack.js";

const stack = useStack();

const clerk = demoEmail("李明");
const manager = demoEmail("张伟");
const owner = demoEmail("杨强");
const otherStaff = demoEmail("黄敏");
const P = "2030-03";

const why = { reason: "供应商延期交付", impact: "延后一周，不影响季度目标", solution: "加派人手并行测试" };
const adjustmentSheet = (rows: readonly Row<typeof PLAN_ADJUSTMENT>[]) =>
  sheetTable(
    PLAN_ADJUSTMENT,
    rows.map((r) => ({ ...why, ...r })),
    { period: P },
  );

/** The functions' clock for each step: one hour apart, in order. */
const step = (hour: number) => stack.setNow(new Date(Date.UTC(2030, 1, 20, hour)));
const isoAt = (hour: number) => new Date(Date.UTC(2030, 1, 20, hour)).toISOString();
const trail = (as: string, type: string, id: string) => call(stack, as, "auditTrail", { type, id });
const brief = (e: AuditEntry) => ({ action: e.action, by: e.by.name, at: e.at, from: e.from, to: e.to, comment: e.comment });

describe("the audit trail of an adjustment request (调整申请)", () => {
  let planId = "";
  let ids: string[] = [];

  it("after file → review → approve, the request's, its approval's, the plan's and the changed item's trails list each change, from → to", async () => {
    step(1);
    const sub = await call(
      stack,
      clerk,
      "submit",
      planTable(
        [task({ content: "A 月报", owner: "李明", start: null, due: `${P}-10` }), task({ content: "B 流程检查", owner: "杨强", start: null, due: `${P}-15` })],
        { period: P },
      ),
    );
    expect(sub.status, JSON.stringify(sub.error)).toBe(200);
    planId = sub.body.documentId;
    ids = sub.body.rows.map((r) => r.itemId!);
    step(2);
    expect((await call(stack, manager, "decide", { planId, revision: 1, decision: "approve" })).status).toBe(200);
    step(3);
    expect((await call(stack, clerk, "issuePlan", { planId })).status).toBe(200);

    step(4);
    const row = { type: "延期", item: ids[1]!, content: `完成时间 → ${P}-25` };
    const filed = await call(stack, owner, "submit", adjustmentSheet([row]));
    expect(filed.status, JSON.stringify(filed.error)).toBe(200);
    const adj = filed.body.rows[0]!.itemId!;
    step(5);
    const reviewed = await call(stack, clerk, "reviewAdjustments", adjustmentSheet([{ ...row, adjustmentId: adj, opinion: "同意调整，注意测试排期" }]));
    expect(reviewed.status, JSON.stringify(reviewed.error)).toBe(200);
    step(6);
    const decided = await call(stack, manager, "decide", { planId, revision: 1, decision: "approve", comment: "同意延期", adjustmentId: adj });
    expect(decided.status, JSON.stringify(decided.error)).toBe(200);
    stack.setNow(undefined);

    const request = await trail(manager, "adjustment", adj);
    expect(request.status, JSON.stringify(request.error)).toBe(200);
    expect(request.body.entries.map(brief)).toEqual([
      { action: "applied", by: "张伟", at: isoAt(6), from: { status: "reviewed" }, to: { status: "applied", appliedRevision: 2 }, comment: "同意延期" },
      { action: "reviewed", by: "李明", at: isoAt(5), from: { status: "submitted" }, to: { status: "reviewed" }, comment: "同意调整，注意测试排期" },
      {
        action: "submitted",
        by: "杨强",
        at: isoAt(4),
        from: { status: null, due: `${P}-15` },
        to: { status: "submitted", type: "move", itemId: ids[1], title: "B 流程检查", due: `${P}-25` },
        comment: why.reason,
      },
    ]);
    expect(request.body.entries.every((e) => e.planId === planId && e.subject.type === "adjustment" && e.subject.id === adj)).toBe(true);

    const approval = await trail(manager, "approval", `${adj}~r1`);
    expect(approval.status, JSON.stringify(approval.error)).toBe(200);
    expect(approval.body.entries.map(brief)).toEqual([
      { action: "approved", by: "张伟", at: isoAt(6), from: { status: "pending" }, to: { status: "approved" }, comment: "同意延期" },
      { action: "submitted", by: "李明", at: isoAt(5), from: { status: null }, to: { status: "pending" }, comment: "同意调整，注意测试排期" },
    ]);

    const plan = await trail(manager, "plan", planId);
    expect(plan.body.entries.map(brief)[0]).toEqual({
      action: "adjusted",
      by: "张伟",
      at: isoAt(6),
      from: { revision: 1, approvedRevision: 1, adjustment: null },
      to: { revision: 2, approvedRevision: 2, adjustment: adj },
      comment: "同意延期",
    });
    expect(plan.body.entries[0]?.revision).toBe(2);
    expect(plan.body.entries.map((e) => e.action)).toEqual(["adjusted", "issued", "approved", "submitted"]);

    const item = await trail(owner, "item", ids[1]!);
    expect(item.status).toBe(200);
    expect(item.body.entries.map(brief)[0]).toEqual({
      action: "adjusted",
      by: "张伟",
      at: isoAt(6),
      from: { due: `${P}-15` },
      to: { due: `${P}-25` },
      comment: "同意延期",
    });
    // The other item did not change: nothing new on its trail.
    expect((await trail(manager, "item", ids[0]!)).body.entries.map((e) => e.action)).toEqual(["added"]);
  });

  it("when a request is rejected, its trail and its approval's say so and the plan's gets nothing; others outside the plan get 403", async () => {
    const row = { type: "修改", item: ids[1]!, content: "任务内容 → B 流程检查（含回归）" };
    const filed = await call(stack, owner, "submit", adjustmentSheet([row]));
    expect(filed.status, JSON.stringify(filed.error)).toBe(200);
    const adj = filed.body.rows.find((r) => r.status === "submitted")!.itemId!;
    expect((await call(stack, clerk, "reviewAdjustments", adjustmentSheet([{ ...row, adjustmentId: adj, opinion: "建议驳回" }]))).status).toBe(200);
    const before = (await trail(manager, "plan", planId)).body.entries.length;
    const rejected = await call(stack, manager, "decide", { planId, revision: 2, decision: "return", comment: "本月不调整", adjustmentId: adj });
    expect(rejected.status, JSON.stringify(rejected.error)).toBe(200);

    expect((await trail(manager, "adjustment", adj)).body.entries.map((e) => [e.action, e.to.status, e.comment])).toEqual([
      ["rejected", "rejected", "本月不调整"],
      ["reviewed", "reviewed", "建议驳回"],
      ["submitted", "submitted", why.reason],
    ]);
    expect((await trail(manager, "approval", `${adj}~r1`)).body.entries.map((e) => e.action)).toEqual(["returned", "submitted"]);
    expect((await trail(manager, "plan", planId)).body.entries).toHaveLength(before);
    // The requester reads their own request; a staff member outside it reads neither it nor its approval.
    expect((await trail(owner, "adjustment", adj)).status).toBe(200);
    expect((await trail(otherStaff, "adjustment", adj)).status).toBe(403);
    expect((await trail(otherStaff, "approval", `${adj}~r1`)).status).toBe(403);
  });
});
