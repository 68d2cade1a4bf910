import { describe, expect, it } from "vitest";
import { demoEmail } from "../../local/demo-org.js";
import { call } from "../support/call.js";
import { annualItem, annualTable, planTable, quarterlyItem, quarterlyTable, task } from "../support/plan-sheet.js";
import { useStack } from "../support/stack.js";

const stack = useStack();

const annualId = "annual_2036_计划运营部";
const quarterlyId = "quarterly_2036-Q1_计划运营部";
const monthlyId = "monthly_2036-01_计划运营部";
const salesId = "monthly_2036-01_销售部";
const ALL = [annualId, quarterlyId, monthlyId, salesId];

/** Who may decide what, by the kinds' approval policies and the roster. */
const MAY_DECIDE: Record<string, string[]> = {
  张伟: [quarterlyId, monthlyId], // the department manager
  王芳: [quarterlyId, monthlyId], // a deputy acting for 张伟
  赵磊: [], // a deputy acting for nobody
  刘洋: [annualId, salesId], // company management; and, as 郑浩's supervisor, the plan 郑浩 submitted himself
  郑浩: [], // another department's manager, who submitted his own plan: he may not decide on it (separation of duties)
  李明: [], // the planning group drafts, it does not approve
  孙丽: [], // HR
};

describe("pending approvals by approval policy", () => {
  it("when plans of every level await approval, then each person lists exactly the ones they may decide, with who decides in words", async () => {
    const submitted = await Promise.all([
      call(stack, demoEmail("李明"), "submit", annualTable([annualItem(2036)], { period: "2036" })),
      call(stack, demoEmail("李明"), "submit", quarterlyTable([quarterlyItem("2036-Q1")], { period: "2036-Q1" })),
      call(stack, demoEmail("李明"), "submit", planTable([task({ start: null, due: "2036-01-20" })], { period: "2036-01" })),
      call(
        stack,
        demoEmail("郑浩"),
        "submit",
        planTable([task({ department: "销售部", owner: "马晓明", start: null, due: "2036-01-25" })], { period: "2036-01" }),
      ),
    ]);
    expect(submitted.map((r) => [r.status, r.body.documentId])).toEqual(ALL.map((id) => [200, id]));

    for (const [name, expected] of Object.entries(MAY_DECIDE)) {
      const r = await call(stack, demoEmail(name), "pendingApprovals");
      expect(r.status, name).toBe(200);
      expect(r.body.items.map((i) => i.planId).sort(), name).toEqual([...expected].sort());
    }
    const management = (await call(stack, demoEmail("刘洋"), "pendingApprovals")).body.items;
    expect(management.find((i) => i.planId === annualId)).toMatchObject({ kind: "annual-plan", period: "2036", itemCount: 1, approver: { zh: "公司管理层" } });
    const manager = (await call(stack, demoEmail("张伟"), "pendingApprovals")).body.items;
    expect(manager.find((i) => i.planId === quarterlyId)).toMatchObject({
      kind: "quarterly-plan",
      approver: { zh: "部门经理或其授权的副经理" },
      submittedBy: { name: "李明" },
    });
  });

  it("when anyone decides on a plan they do not list, then 403 NOT_APPROVER; what they list they can decide", async () => {
    for (const [name, mine] of Object.entries(MAY_DECIDE)) {
      for (const planId of ALL.filter((id) => !mine.includes(id))) {
        const r = await call(stack, demoEmail(name), "decide", { planId, revision: 1, decision: "approve" });
        expect([name, planId, r.status, r.error?.code]).toEqual([name, planId, 403, "NOT_APPROVER"]);
      }
    }
    const decisions = await Promise.all([
      call(stack, demoEmail("刘洋"), "decide", { planId: annualId, revision: 1, decision: "approve" }),
      call(stack, demoEmail("张伟"), "decide", { planId: quarterlyId, revision: 1, decision: "approve" }),
      call(stack, demoEmail("王芳"), "decide", { planId: monthlyId, revision: 1, decision: "return", comment: "请补充" }),
      call(stack, demoEmail("刘洋"), "decide", { planId: salesId, revision: 1, decision: "approve" }),
    ]);
    expect(decisions.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    for (const name of Object.keys(MAY_DECIDE)) expect((await call(stack, demoEmail(name), "pendingApprovals")).body.items, name).toEqual([]);
  });
});
