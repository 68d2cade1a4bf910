import { describe, expect, it } from "vitest";
import { demoEmail } from "../../local/demo-org.js";
import { call } from "../support/call.js";
import { planTable, task } from "../support/plan-sheet.js";
import { useStack } from "../support/stack.js";

const stack = useStack();

const clerk = demoEmail("李明");
const manager = demoEmail("张伟");
const actingDeputy = demoEmail("王芳");
let n = 0;

async function submitted() {
  const P = `2028-${String(++n).padStart(2, "0")}`;
  const r = await call(stack, clerk, "submit", planTable([task({ start: null, due: `${P}-09` })], { period: P }));
  expect(r.status).toBe(200);
  return r.body;
}

describe("deciding on a plan", () => {
  it("when the manager opens the list, then the pending plan is there with its submitter; after approval it is gone", async () => {
    const plan = await submitted();
    const list = await call(stack, manager, "pendingApprovals");
    const item = list.body.items.find((i) => i.planId === plan.documentId);
    expect(item).toMatchObject({ revision: 1, submittedBy: { name: "李明" }, itemCount: 1, department: "计划运营部", kind: "monthly-plan" });
    const r = await call(stack, manager, "decide", { planId: plan.documentId, revision: 1, decision: "approve" });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: "approved", decision: { decision: "approve", by: { name: "张伟" }, actingFor: null } });
    const after = await call(stack, manager, "pendingApprovals");
    expect(after.body.items.find((i) => i.planId === plan.documentId)).toBeUndefined();
    expect((await call(stack, clerk, "pendingApprovals")).body.items).toEqual([]);
  });

  it("when a deputy acting for the manager approves, then the decision records whom they acted for", async () => {
    const plan = await submitted();
    const r = await call(stack, actingDeputy, "decide", { planId: plan.documentId, revision: 1, decision: "approve" });
    expect(r.status).toBe(200);
    expect(r.body.decision.actingFor).toBe(manager);
  });

  it("when a plan is returned without a comment, then it is refused; with one, the clerk is told why", async () => {
    const plan = await submitted();
    const bare = await call(stack, manager, "decide", { planId: plan.documentId, revision: 1, decision: "return", comment: "   " });
    expect(bare.status).toBe(422);
    expect(bare.error?.message.zh).toContain("审批意见");
    const before = stack.mail.messages().length;
    const r = await call(stack, manager, "decide", { planId: plan.documentId, revision: 1, decision: "return", comment: "请补充交付成果" });
    expect(r.status).toBe(200);
    expect(r.body.status).toBe("returned");
    const mails = await stack.mail.waitFor(before + 1);
    const toClerk = mails.slice(before).find((m) => m.to.includes(clerk));
    expect(toClerk?.text).toContain("请补充交付成果");
  });

  it("when a second decision comes for the same revision, then it is refused with ALREADY_DECIDED naming the first", async () => {
    const plan = await submitted();
    await call(stack, manager, "decide", { planId: plan.documentId, revision: 1, decision: "approve" });
    const again = await call(stack, actingDeputy, "decide", { planId: plan.documentId, revision: 1, decision: "return", comment: "不同意" });
    expect(again.status).toBe(409);
    expect(again.error?.code).toBe("ALREADY_DECIDED");
    expect(again.error?.message.zh).toContain("张伟");
    // the time of the first decision, as the department reads it (Asia/Shanghai)
    const at = (await stack.db.collection("plans").doc(plan.documentId).get()).data()?.lastDecision.at as string;
    const shanghai = new Date(new Date(at).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
    expect(again.error?.message.zh).toContain(shanghai);
  });

  it("when the plan was resubmitted after the approver opened it, then the old revision is refused as stale", async () => {
    const P = `2028-${String(++n).padStart(2, "0")}`;
    const first = await call(stack, clerk, "submit", planTable([task({ start: null, due: `${P}-09` })], { period: P }));
    await call(stack, clerk, "submit", planTable([task({ start: null, due: `${P}-10` })], { period: P }));
    const r = await call(stack, manager, "decide", { planId: first.body.documentId, revision: 1, decision: "approve" });
    expect(r.status).toBe(409);
    expect(r.error?.code).toBe("STALE_REVISION");
    // the approver's list holds only the newer revision
    const pending = (await call(stack, manager, "pendingApprovals")).body.items.filter((i) => i.planId === first.body.documentId);
    expect(pending.map((i) => i.revision)).toEqual([2]);
  });

  it("when 25 decisions on one plan arrive at the same moment, then exactly one is recorded and the rest are refused", async () => {
    const plan = await submitted();
    const deciders = [manager, actingDeputy];
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        call(stack, deciders[i % 2]!, "decide", { planId: plan.documentId, revision: 1, decision: i % 3 === 0 ? "return" : "approve", comment: `第 ${i} 个` }),
      ),
    );
    const ok = results.filter((r) => r.status === 200);
    expect(ok).toHaveLength(1);
    expect(results.filter((r) => r.status === 409 && r.error?.code === "ALREADY_DECIDED")).toHaveLength(24);
    const decisions = await stack.db.collection("plans").doc(plan.documentId).collection("decisions").get();
    expect(decisions.size).toBe(1);
    const stored = (await stack.db.collection("plans").doc(plan.documentId).get()).data();
    expect(stored?.status).toBe(ok[0]!.body.status);
    expect(decisions.docs[0]!.data().comment).toBe(ok[0]!.body.decision.comment);
  });
});
