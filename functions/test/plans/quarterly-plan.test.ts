import { QUARTERLY_PLAN } from "@planops/shared";
import { describe, expect, it } from "vitest";
import { demoEmail } from "../../local/demo-org.js";
import { call } from "../support/call.js";
import { annualItem, annualTable, columnOf, quarterlyItem, quarterlyTable } from "../support/plan-sheet.js";
import { useStack } from "../support/stack.js";

const stack = useStack();

const planner = demoEmail("李明");
const manager = demoEmail("张伟");
const actingDeputy = demoEmail("王芳");
const otherDeputy = demoEmail("赵磊");
const management = demoEmail("刘洋");

const year = "2035";
const annualId = `annual_${year}_计划运营部`;
const annual = (n: number) => `${year}-计划运营部-00${n}`;
const REF_COLUMN = columnOf(QUARTERLY_PLAN, "annualItem");
const cellsOf = (cells: { row: number; column: number; header: string; code: string }[] | undefined) => cells?.map((c) => [c.row, c.column, c.header, c.code]);

describe("a quarterly plan (季度计划), each item under an item of the year's approved annual plan", () => {
  it("when the year has no annual plan, then the annual item may be left empty, and a filled one is told there is nothing to refer to", async () => {
    const ok = await call(stack, planner, "submit", quarterlyTable([quarterlyItem(`${year}-Q1`)], { period: `${year}-Q1` }));
    expect(ok.status, JSON.stringify(ok.error)).toBe(200);
    expect(ok.body).toMatchObject({
      kind: "quarterly-plan",
      documentId: `quarterly_${year}-Q1_计划运营部`,
      rows: [{ row: 2, itemId: `${year}-Q1-计划运营部-001`, status: null }],
    });

    const filled = await call(stack, planner, "submit", quarterlyTable([quarterlyItem(`${year}-Q2`, { annualItem: annual(1) })], { period: `${year}-Q2` }));
    expect(filled.status).toBe(422);
    expect(cellsOf(filled.error?.cells)).toEqual([[2, REF_COLUMN, "所属年度项", "REFERENCE_NO_PARENT"]]);
  });

  it("when the annual plan is not approved yet, then an unknown ID, an item of that plan and an ID of another year are each refused in their cell; an empty one is allowed", async () => {
    const a = await call(
      stack,
      planner,
      "submit",
      annualTable([annualItem(year, { title: "全年计划完成率 95%" }), annualItem(year, { title: "上线计划运营系统" })], { period: year }),
    );
    expect(a.status, JSON.stringify(a.error)).toBe(200);
    const Q = `${year}-Q2`;
    const r = await call(
      stack,
      planner,
      "submit",
      quarterlyTable(
        [
          quarterlyItem(Q, { title: "A", annualItem: annual(1) }),
          quarterlyItem(Q, { title: "B", annualItem: `${year}-计划运营部-099` }),
          quarterlyItem(Q, { title: "C", annualItem: "2034-计划运营部-001" }),
          quarterlyItem(Q, { title: "D", annualItem: null }),
        ],
        { period: Q },
      ),
    );
    expect(r.status).toBe(422);
    expect(r.error?.code).toBe("VALIDATION_FAILED");
    expect(cellsOf(r.error?.cells)).toEqual([
      [2, REF_COLUMN, "所属年度项", "REFERENCE_NOT_APPROVED"],
      [3, REF_COLUMN, "所属年度项", "REFERENCE_UNKNOWN"],
      [4, REF_COLUMN, "所属年度项", "REFERENCE_OTHER_PERIOD"],
    ]);
    expect(r.error?.cells?.[0]?.message.zh).toContain("尚未批准");
    expect(r.error?.cells?.[2]?.message.en).toContain("2034");
    expect((await stack.db.collection("plans").doc(`quarterly_${Q}_计划运营部`).get()).exists).toBe(false);
  });

  it("when the annual plan is approved, then an empty annual item is REFERENCE_REQUIRED and the dropdown offers its items", async () => {
    const approved = await call(stack, management, "decide", { planId: annualId, revision: 1, decision: "approve" });
    expect(approved.status, JSON.stringify(approved.error)).toBe(200);
    const Q = `${year}-Q2`;
    const r = await call(
      stack,
      planner,
      "submit",
      quarterlyTable([quarterlyItem(Q, { title: "A", annualItem: annual(1) }), quarterlyItem(Q, { title: "B" })], { period: Q }),
    );
    expect(r.status).toBe(422);
    expect(cellsOf(r.error?.cells)).toEqual([[3, REF_COLUMN, "所属年度项", "REFERENCE_REQUIRED"]]);

    const options = await call(stack, planner, "referenceOptions", { template: "quarterly-plan", period: Q });
    expect(options.status).toBe(200);
    expect(options.body.columns).toEqual([
      expect.objectContaining({
        key: "annualItem",
        parentPlanId: annualId,
        parentStatus: "approved",
        options: [expect.objectContaining({ itemId: annual(1) }), expect.objectContaining({ itemId: annual(2) })],
      }),
    ]);
  });

  it("when every item names an approved annual item (typed as the ID or chosen as the dropdown's “ID title”), then it is accepted and linked", async () => {
    const Q = `${year}-Q2`;
    const label = `${annual(2)} 上线计划运营系统`;
    const r = await call(
      stack,
      planner,
      "submit",
      quarterlyTable([quarterlyItem(Q, { title: "A", annualItem: annual(1), weight: 2 }), quarterlyItem(Q, { title: "B", annualItem: label })], { period: Q }),
    );
    expect(r.status, JSON.stringify(r.error)).toBe(200);
    const plan = await call(stack, planner, "getPlan", { planId: r.body.documentId });
    expect(plan.body.items.map((i) => [i.title, i.parentItem, i.weight])).toEqual([
      ["A", annual(1), 2],
      ["B", annual(2), 1],
    ]);
    const stored = (await stack.db.collection("items").doc(plan.body.items[0]!.itemId).get()).data();
    expect(stored).toMatchObject({ parentItem: annual(1), parentPlanId: annualId, kind: "quarterly-plan", period: Q });
  });

  it("when the deputy who does not act for the manager, or company management, decides, then 403 NOT_APPROVER naming who decides", async () => {
    const planId = `quarterly_${year}-Q2_计划运营部`;
    for (const who of [otherDeputy, management, planner]) {
      const r = await call(stack, who, "decide", { planId, revision: 1, decision: "approve" });
      expect(r.status, who).toBe(403);
      expect(r.error?.code).toBe("NOT_APPROVER");
      expect(r.error?.message.zh).toContain("计划运营部经理");
    }
    expect((await call(stack, planner, "getPlan", { planId })).body.status).toBe("pending_approval");
  });

  it("when the deputy acting for the manager approves, then it is approved and the decision says for whom", async () => {
    const r = await call(stack, actingDeputy, "decide", { planId: `quarterly_${year}-Q2_计划运营部`, revision: 1, decision: "approve" });
    expect(r.status, JSON.stringify(r.error)).toBe(200);
    expect(r.body).toMatchObject({ status: "approved", decision: { by: { name: "王芳" }, actingFor: manager } });
  });

  it("when the manager approves, then it is approved as the manager's own decision", async () => {
    const r = await call(stack, manager, "decide", { planId: `quarterly_${year}-Q1_计划运营部`, revision: 1, decision: "approve" });
    expect(r.status, JSON.stringify(r.error)).toBe(200);
    expect(r.body).toMatchObject({ status: "approved", decision: { by: { name: "张伟" }, actingFor: null } });
  });
});
