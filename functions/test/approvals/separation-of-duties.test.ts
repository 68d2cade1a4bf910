import { describe, expect, it } from "vitest";
import { DEMO_ROSTER, demoEmail } from "../../local/demo-org.js";
import { seedRoster } from "../../local/seed.js";
import { call } from "../support/call.js";
import { planTable, task } from "../support/plan-sheet.js";
import { useStack } from "../support/stack.js";

const stack = useStack();

const manager = demoEmail("张伟");
const actingDeputy = demoEmail("王芳");
const management = demoEmail("刘洋"); // 张伟's and 郑浩's supervisor in the roster
const salesManager = demoEmail("郑浩");
let n = 0;
const nextMonth = () => `2029-${String(++n).padStart(2, "0")}`;

/** Submits a one-task monthly plan as `who`; its plan, the approvers it was mailed to, and the answer's message. */
async function submittedBy(who: string, over: Parameters<typeof task>[0] = {}) {
  const P = nextMonth();
  const before = stack.mail.messages().length;
  const r = await call(stack, who, "submit", planTable([task({ start: null, due: `${P}-09`, ...over })], { period: P }));
  expect(r.status, JSON.stringify(r.error)).toBe(200);
  const planId = r.body.documentId;
  return {
    planId,
    message: r.body.message,
    /** Who was asked to decide on it, once `count` such mails have arrived. */
    notified: async (count: number) => {
      const asked = () =>
        stack.mail
          .messages()
          .slice(before)
          .filter((m) => m.subject.startsWith("待审批") && m.subject.includes(P));
      for (let k = before + 1; asked().length < count; k++) await stack.mail.waitFor(k);
      return asked()
        .flatMap((m) => m.to)
        .sort();
    },
  };
}
const pendingFor = async (who: string) => (await call(stack, who, "pendingApprovals")).body.items.map((i) => i.planId);

describe("separation of duties: by default the submitter of a revision does not decide on it", () => {
  it("when the department manager submits, then the deputy acting for them and their supervisor are asked and may decide; the manager may not", async () => {
    const plan = await submittedBy(manager);
    expect(plan.message.zh).toContain("你不能审批自己提交的版本，已转王芳、刘洋审批");
    expect(await plan.notified(2)).toEqual([actingDeputy, management].sort());

    expect(await pendingFor(manager)).not.toContain(plan.planId);
    expect(await pendingFor(actingDeputy)).toContain(plan.planId);
    expect(await pendingFor(management)).toContain(plan.planId);

    const own = await call(stack, manager, "decide", { planId: plan.planId, revision: 1, decision: "approve" });
    expect(own.status).toBe(403);
    expect(own.error?.code).toBe("NOT_APPROVER");
    expect(own.error?.message.zh).toContain("第 1 版是你提交的，不能由你审批");
    expect(own.error?.message.zh).toContain("王芳、刘洋");
    expect(own.error?.message.en).toContain("separation of duties");

    const r = await call(stack, management, "decide", { planId: plan.planId, revision: 1, decision: "approve" });
    expect(r.status, JSON.stringify(r.error)).toBe(200);
    expect(r.body.decision).toMatchObject({ decision: "approve", by: { name: "刘洋" }, actingFor: null });
  });

  it("when the acting deputy submits, then the manager decides; neither the deputy nor the manager's supervisor may", async () => {
    const plan = await submittedBy(actingDeputy);
    expect(await plan.notified(1)).toEqual([manager]);
    expect(await pendingFor(actingDeputy)).not.toContain(plan.planId);
    expect(await pendingFor(management)).not.toContain(plan.planId);
    for (const who of [actingDeputy, management]) {
      const r = await call(stack, who, "decide", { planId: plan.planId, revision: 1, decision: "approve" });
      expect([who, r.status, r.error?.code]).toEqual([who, 403, "NOT_APPROVER"]);
    }
    const r = await call(stack, manager, "decide", { planId: plan.planId, revision: 1, decision: "return", comment: "请补充" });
    expect(r.status, JSON.stringify(r.error)).toBe(200);
  });

  it("when the planning group submits, then nothing changes: the manager and the acting deputy decide, the supervisor does not", async () => {
    const plan = await submittedBy(demoEmail("李明"));
    expect(plan.message.zh).not.toContain("不能审批");
    expect(await plan.notified(2)).toEqual([manager, actingDeputy].sort());
    expect(await pendingFor(management)).not.toContain(plan.planId);
  });

  it("when a manager with neither an acting deputy nor a supervisor submits, then the submission is refused rather than left for nobody to decide", async () => {
    await seedRoster(
      stack.db,
      DEMO_ROSTER.map((p) => (p.name === "郑浩" ? { ...p, supervisor: null } : p)),
    );
    const P = nextMonth();
    const r = await call(
      stack,
      salesManager,
      "submit",
      planTable([task({ department: "销售部", owner: "马晓明", start: null, due: `${P}-09` })], { period: P }),
    );
    expect(r.status).toBe(403);
    expect(r.error?.code).toBe("FORBIDDEN");
    expect(r.error?.message.zh).toContain("提交人不能审批自己提交的版本");
    expect(r.error?.message.en).toContain("set your supervisor in the roster");
    expect((await stack.db.collection("plans").doc(`monthly_${P}_销售部`).get()).exists).toBe(false);
    await seedRoster(stack.db, DEMO_ROSTER);
  });

  it("when 30 decisions on a manager's own revision arrive at once from the manager, the acting deputy and the supervisor, then exactly one is recorded and the manager's are refused", async () => {
    const plan = await submittedBy(manager);
    const deciders = [manager, actingDeputy, management];
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        call(stack, deciders[i % 3]!, "decide", { planId: plan.planId, revision: 1, decision: i % 2 ? "approve" : "return", comment: `第 ${i} 个` }),
      ),
    );
    const byManager = results.filter((_, i) => i % 3 === 0);
    expect(byManager.map((r) => [r.status, r.error?.code])).toEqual(byManager.map(() => [403, "NOT_APPROVER"]));
    const others = results.filter((_, i) => i % 3 !== 0);
    expect(others.filter((r) => r.status === 200)).toHaveLength(1);
    expect(others.filter((r) => r.status === 409 && r.error?.code === "ALREADY_DECIDED")).toHaveLength(19);
    const decisions = await stack.db.collection("plans").doc(plan.planId).collection("decisions").get();
    expect(decisions.size).toBe(1);
    expect([actingDeputy, management]).toContain(decisions.docs[0]!.data().by.email);
  });
});

describe("a department that lets the submitter decide (departments/{department}: approvals.submitterMayDecide)", () => {
  it("when 销售部 allows it, then its manager is asked, lists and approves his own revision, while 计划运营部 keeps the default", async () => {
    await stack.db
      .collection("departments")
      .doc("销售部")
      .set({ approvals: { submitterMayDecide: true } });
    const sales = await submittedBy(salesManager, { department: "销售部", owner: "马晓明" });
    expect(sales.message.zh).not.toContain("不能审批");
    expect(await sales.notified(1)).toEqual([salesManager]);
    expect(await pendingFor(salesManager)).toContain(sales.planId);
    expect(await pendingFor(management)).not.toContain(sales.planId); // the supervisor steps in only for a submitter set aside
    const r = await call(stack, salesManager, "decide", { planId: sales.planId, revision: 1, decision: "approve" });
    expect(r.status, JSON.stringify(r.error)).toBe(200);
    expect(r.body.decision.by.name).toBe("郑浩");

    const own = await submittedBy(manager);
    const refused = await call(stack, manager, "decide", { planId: own.planId, revision: 1, decision: "approve" });
    expect(refused.status).toBe(403);
  });

  it("when the setting is switched back, then a revision still pending follows it at once: the manager may no longer decide, his supervisor may", async () => {
    const sales = await submittedBy(salesManager, { department: "销售部", owner: "马晓明" });
    expect(await pendingFor(salesManager)).toContain(sales.planId);
    await stack.db
      .collection("departments")
      .doc("销售部")
      .set({ approvals: { submitterMayDecide: false } });
    expect(await pendingFor(salesManager)).not.toContain(sales.planId);
    expect(await pendingFor(management)).toContain(sales.planId);
    expect((await call(stack, salesManager, "decide", { planId: sales.planId, revision: 1, decision: "approve" })).status).toBe(403);
    expect((await call(stack, management, "decide", { planId: sales.planId, revision: 1, decision: "approve" })).status).toBe(200);
  });

  it("when the settings document is malformed, then the safe default applies", async () => {
    await stack.db
      .collection("departments")
      .doc("销售部")
      .set({ approvals: { submitterMayDecide: "yes please" } });
    const sales = await submittedBy(salesManager, { department: "销售部", owner: "马晓明" });
    expect(sales.message.zh).toContain("已转刘洋审批");
    expect((await call(stack, salesManager, "decide", { planId: sales.planId, revision: 1, decision: "approve" })).status).toBe(403);
  });
});
