import { describe, expect, it } from "vitest";
import { demoEmail } from "../../local/demo-org.js";
import { call } from "../support/call.js";
import { planTable, task } from "../support/plan-sheet.js";
import { useStack } from "../support/stack.js";

const stack = useStack();

const clerk = demoEmail("李明");
const manager = demoEmail("张伟");
/** A deputy of the department whom the roster names as acting for nobody. */
const deputy = demoEmail("赵磊");
const salesManager = demoEmail("郑浩");

/** Noon in Shanghai on `day`. */
const noon = (day: string) => new Date(`${day}T04:00:00Z`);

let n = 0;
async function submitted() {
  const P = `2029-${String(++n).padStart(2, "0")}`;
  const r = await call(stack, clerk, "submit", planTable([task({ start: null, due: `${P}-09` })], { period: P }));
  expect(r.status).toBe(200);
  return r.body.documentId;
}

const pendingFor = async (email: string) => (await call(stack, email, "pendingApprovals")).body.items.map((i) => i.planId);
const approve = (email: string, planId: string) => call(stack, email, "decide", { planId, revision: 1, decision: "approve" });

describe("delegating approvals to a deputy (委托审批)", () => {
  it("when a deputy without actsFor or a delegation decides, then it is refused and the plan is not in their list", async () => {
    stack.setNow(noon("2027-03-01"));
    const planId = await submitted();
    expect(await pendingFor(deputy)).not.toContain(planId);
    const r = await approve(deputy, planId);
    expect(r.status).toBe(403);
    expect(r.error?.code).toBe("NOT_APPROVER");
  });

  it("when the manager delegates to 赵磊 for a range, then he lists and decides for the manager until the range ends", async () => {
    stack.setNow(noon("2027-03-10"));
    const made = await call(stack, manager, "delegate", { deputy, from: "2027-03-10", to: "2027-03-12" });
    expect(made.status).toBe(200);
    expect(made.body.delegation).toMatchObject({ manager: { name: "张伟" }, deputy: { name: "赵磊" }, state: "active", revokedAt: null });
    expect(made.body.message.zh).toContain("赵磊");

    // Both see it: the manager as theirs, the deputy as acting for the manager.
    const mine = await call(stack, manager, "delegations");
    expect(mine.body).toMatchObject({ today: "2027-03-10", canDelegate: true });
    expect(mine.body.asManager.map((d) => d.id)).toEqual([made.body.delegation.id]);
    expect(mine.body.deputies.map((d) => d.email).sort()).toEqual([demoEmail("王芳"), deputy].sort());
    const his = await call(stack, deputy, "delegations");
    expect(his.body).toMatchObject({ canDelegate: false, deputies: [], asManager: [] });
    expect(his.body.asDeputy).toMatchObject([{ id: made.body.delegation.id, manager: { name: "张伟" }, to: "2027-03-12" }]);

    // A plan submitted now is mailed to him too (notifications follow the same routing).
    const before = stack.mail.messages().length;
    const planId = await submitted();
    const mails = await stack.mail.waitFor(before + 3);
    expect(mails.slice(before).some((m) => m.to.includes(deputy))).toBe(true);

    expect(await pendingFor(deputy)).toContain(planId);
    const r = await approve(deputy, planId);
    expect(r.status).toBe(200);
    expect(r.body.decision).toMatchObject({ by: { name: "赵磊" }, actingFor: manager });
    const stored = (await stack.db.collection("plans").doc(planId).collection("decisions").doc("1").get()).data();
    expect(stored?.actingFor).toBe(manager);

    // The last day still counts until midnight in Shanghai (23:30 there).
    stack.setNow(new Date("2027-03-12T15:30:00Z"));
    const lastDay = await submitted();
    expect(await pendingFor(deputy)).toContain(lastDay);

    // Past `to` in the department's time zone (00:30 on the 13th in Shanghai, still the 12th in UTC): it no longer counts.
    stack.setNow(new Date("2027-03-12T16:30:00Z"));
    expect(await pendingFor(deputy)).not.toContain(lastDay);
    const late = await approve(deputy, lastDay);
    expect(late.status).toBe(403);
    expect(late.error?.code).toBe("NOT_APPROVER");
    expect((await call(stack, manager, "delegations")).body.asManager).toEqual([]);
    expect((await call(stack, deputy, "delegations")).body.asDeputy).toEqual([]);
    // The manager still decides, as themselves.
    expect((await approve(manager, lastDay)).body.decision).toMatchObject({ actingFor: null });
  });

  it("when the manager revokes a delegation, then the deputy is refused again; only the manager who made it may revoke it, once", async () => {
    stack.setNow(noon("2027-03-20"));
    const made = await call(stack, manager, "delegate", { deputy, from: "2027-03-20", to: "2027-03-25" });
    expect(made.status).toBe(200);
    const planId = await submitted();
    expect(await pendingFor(deputy)).toContain(planId);

    const id = made.body.delegation.id;
    for (const who of [deputy, salesManager]) {
      const r = await call(stack, who, "revokeDelegation", { delegationId: id });
      expect(r.status, who).toBe(404);
    }
    const revoked = await call(stack, manager, "revokeDelegation", { delegationId: id });
    expect(revoked.status).toBe(200);
    expect(revoked.body.delegationId).toBe(id);

    expect(await pendingFor(deputy)).not.toContain(planId);
    const r = await approve(deputy, planId);
    expect(r.status).toBe(403);
    expect((await call(stack, manager, "delegations")).body.asManager).toEqual([]);
    const again = await call(stack, manager, "revokeDelegation", { delegationId: id });
    expect(again.status).toBe(422);
    expect(again.error?.message.zh).toContain("已撤销");
  });

  it("when a delegation starts tomorrow, then it is listed as upcoming and does not count yet; the next day it does", async () => {
    stack.setNow(noon("2027-04-01"));
    const made = await call(stack, manager, "delegate", { deputy, from: "2027-04-02", to: "2027-04-03" });
    expect(made.status).toBe(200);
    expect(made.body.delegation.state).toBe("upcoming");
    const planId = await submitted();
    expect(await pendingFor(deputy)).not.toContain(planId);
    expect((await approve(deputy, planId)).status).toBe(403);
    stack.setNow(noon("2027-04-02"));
    expect((await call(stack, deputy, "delegations")).body.asDeputy).toMatchObject([{ state: "active" }]);
    expect((await approve(deputy, planId)).body.decision).toMatchObject({ actingFor: manager });
  });

  it("when staff or another department's manager delegate, or a deputy of another department is chosen, then it is refused", async () => {
    stack.setNow(noon("2027-05-01"));
    const range = { from: "2027-05-01", to: "2027-05-03" };
    const staff = await call(stack, clerk, "delegate", { deputy, ...range });
    expect(staff.status).toBe(403);
    expect(staff.error?.code).toBe("FORBIDDEN");
    // A deputy (even one acting for the manager by the roster) is no manager either.
    expect((await call(stack, demoEmail("王芳"), "delegate", { deputy, ...range })).status).toBe(403);

    // 郑浩 manages 销售部: 赵磊 is not his deputy.
    const other = await call(stack, salesManager, "delegate", { deputy, ...range });
    expect(other.status).toBe(422);
    expect(other.error?.message.zh).toContain("销售部");

    // A deputy of 销售部 cannot be chosen by 张伟.
    const salesDeputy = "xudeputy@demo.planops.cn";
    await stack.db
      .collection("roster")
      .doc(salesDeputy)
      .set({
        email: salesDeputy,
        name: "许副",
        department: "销售部",
        group: null,
        roles: ["deputy"],
        supervisor: salesManager,
        actsFor: [],
        locale: "zh",
        active: true,
      });
    const foreign = await call(stack, manager, "delegate", { deputy: salesDeputy, ...range });
    expect(foreign.status).toBe(422);
    expect(foreign.error?.message.zh).toContain("许副");
    // …while 郑浩 may choose him.
    expect((await call(stack, salesManager, "delegate", { deputy: salesDeputy, ...range })).status).toBe(200);
    // Neither staff nor anyone not a deputy is a deputy.
    expect((await call(stack, manager, "delegate", { deputy: clerk, ...range })).status).toBe(422);
    // Nothing was stored for the refused ones.
    const stored = await stack.db.collection("delegations").where("from", "==", "2027-05-01").get();
    expect(stored.docs.map((d) => d.data().deputy)).toEqual([salesDeputy]);
  });

  it("when the dates are in the past, reversed, too far ahead or overlap a delegation to the same deputy, then it is refused", async () => {
    stack.setNow(noon("2027-06-10"));
    const cases = [
      { from: "2027-06-09", to: "2027-06-12", says: "已过去" },
      { from: "2027-06-12", to: "2027-06-11", says: "晚于" },
      { from: "2027-06-10", to: "2027-09-09", says: "2027-09-08" },
    ];
    for (const c of cases) {
      const r = await call(stack, manager, "delegate", { deputy, from: c.from, to: c.to });
      expect(r.status, c.from).toBe(422);
      expect(r.error?.message.zh).toContain(c.says);
    }
    // Not a calendar day at all: the request itself is malformed.
    expect((await call(stack, manager, "delegate", { deputy, from: "2027-02-30", to: "2027-06-11" })).status).toBe(400);
    expect((await call(stack, manager, "delegate", { deputy, from: "2027-06-10", to: "2027-09-08" })).status).toBe(200);
    const overlap = await call(stack, manager, "delegate", { deputy, from: "2027-07-01", to: "2027-07-02" });
    expect(overlap.status).toBe(422);
    expect(overlap.error?.message.zh).toContain("重叠");
  });
});
