import type { PlanView } from "@planops/shared/api";
import { describe, expect, it } from "vitest";
import { demoEmail } from "../../local/demo-org.js";
import { call } from "../support/call.js";
import { annualItem, annualTable } from "../support/plan-sheet.js";
import { useStack } from "../support/stack.js";

const stack = useStack();

const planner = demoEmail("李明");
const manager = demoEmail("张伟");
const actingDeputy = demoEmail("王芳");
const management = demoEmail("刘洋");

describe("an annual plan (年度计划), approved by company management", () => {
  const year = "2031";
  const planId = `annual_${year}_计划运营部`;
  const rows = [
    annualItem(year, { category: "公司目标", title: "全年销售额 1.2 亿元", indicator: "销售额", target: "1.2 亿元", weight: 3 }),
    annualItem(year, { category: "重点项目", title: "上线计划运营系统", indicator: "上线", target: "6 月前上线", owner: "陈静", due: `${year}-06-30` }),
    annualItem(year, { category: "资源需求", title: "增加 2 名数据分析员", indicator: "到岗人数", target: "2 人", start: null }),
  ];
  let revision1: PlanView | undefined;

  it("when the planning group submits it, then every row gets an item ID of the year and company management is asked to approve", async () => {
    const before = stack.mail.messages().length;
    const r = await call(stack, planner, "submit", annualTable(rows, { period: year }));
    expect(r.status, JSON.stringify(r.error)).toBe(200);
    expect(r.body).toMatchObject({ kind: "annual-plan", documentId: planId, revision: 1, status: "pending_approval", unchanged: false });
    expect(r.body.rows).toEqual([
      { row: 2, itemId: `${year}-计划运营部-001`, status: null },
      { row: 3, itemId: `${year}-计划运营部-002`, status: null },
      { row: 4, itemId: `${year}-计划运营部-003`, status: null },
    ]);
    expect(r.body.message.zh).toContain("公司管理层");
    expect(r.body.message.en).toContain("company management");
    // only company management is notified: not the department manager, not the acting deputy
    const queued = (await stack.db.collection("outbox").get()).docs.filter((d) => d.id.startsWith(`plan-submitted:${planId}:r1:`));
    expect(queued.map((d) => d.data().to)).toEqual([management]);
    const mails = (await stack.mail.waitFor(before + 1)).slice(before);
    expect(mails.flatMap((m) => m.to)).toEqual([management]);
    expect(mails[0]!.subject).toContain(`${year} 年度计划`);
  });

  it("when the department manager or the acting deputy decides on it, then 403 NOT_APPROVER naming company management, and it stays pending", async () => {
    for (const who of [manager, actingDeputy]) {
      const r = await call(stack, who, "decide", { planId, revision: 1, decision: "approve" });
      expect(r.status, who).toBe(403);
      expect(r.error?.code).toBe("NOT_APPROVER");
      expect(r.error?.message.zh).toContain("公司管理层");
      expect(r.error?.message.en).toContain("company management");
    }
    const plan = await call(stack, planner, "getPlan", { planId });
    expect(plan.body.status).toBe("pending_approval");
    expect(plan.body.approver.zh).toBe("公司管理层");
    revision1 = (await call(stack, planner, "getPlan", { planId, revision: 1 })).body;
  });

  it("when company management approves it, then it is approved as revision 1 and the submitter is told", async () => {
    const before = stack.mail.messages().length;
    const r = await call(stack, management, "decide", { planId, revision: 1, decision: "approve", comment: "同意" });
    expect(r.status, JSON.stringify(r.error)).toBe(200);
    expect(r.body).toMatchObject({ status: "approved", decision: { decision: "approve", by: { name: "刘洋" }, actingFor: null, revision: 1 } });
    const mails = (await stack.mail.waitFor(before + 1)).slice(before);
    expect(mails.find((m) => m.to.includes(planner))?.subject).toContain("已批准");
    const plan = await call(stack, management, "getPlan", { planId });
    expect(plan.body).toMatchObject({ status: "approved", revision: 1, latestRevision: 1, approvedRevision: 1, lastDecision: { by: { email: management } } });
  });

  it("when its revision is read back, then the approved items are there as submitted, with their template fields", async () => {
    const r = await call(stack, management, "getPlan", { planId, revision: 1 });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ kind: "annual-plan", period: year, department: "计划运营部", revision: 1, status: "approved" });
    expect(r.body.items).toEqual(revision1!.items);
    expect(r.body.items.map((i) => [i.itemId, i.title, i.weight, i.owner?.name, i.due])).toEqual([
      [`${year}-计划运营部-001`, "全年销售额 1.2 亿元", 3, "李明", `${year}-12-31`],
      [`${year}-计划运营部-002`, "上线计划运营系统", 1, "陈静", `${year}-06-30`],
      [`${year}-计划运营部-003`, "增加 2 名数据分析员", 1, "李明", `${year}-12-31`],
    ]);
    expect(r.body.items[0]!.fields).toMatchObject({ category: "company_goal", indicator: "销售额", target: "1.2 亿元" });
    expect(r.body.items[2]!.start).toBeNull();
    expect(r.body.items.every((i) => i.status === null && i.percent === null && i.parentItem === null)).toBe(true);
    const missing = await call(stack, management, "getPlan", { planId, revision: 2 });
    expect(missing.status).toBe(404);
  });

  it("when changed content is submitted after approval, then 409 PLAN_LOCKED; the same content is a no-op", async () => {
    const ids = [1, 2, 3].map((n) => `${year}-计划运营部-00${n}`);
    const same = await call(
      stack,
      planner,
      "submit",
      annualTable(
        rows.map((r, i) => ({ ...r, itemId: ids[i]! })),
        { period: year },
      ),
    );
    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({ unchanged: true, status: "approved", revision: 1 });
    const changed = await call(stack, planner, "submit", annualTable([...rows, annualItem(year, { title: "新增一项" })], { period: year }));
    expect(changed.status).toBe(409);
    expect(changed.error?.code).toBe("PLAN_LOCKED");
    expect((await call(stack, management, "getPlan", { planId })).body.items).toHaveLength(3);
  });

  it("when an annual plan is issued, then it is refused: it takes effect when approved", async () => {
    const r = await call(stack, planner, "issuePlan", { planId });
    expect(r.status).toBe(400);
    expect(r.error?.code).toBe("BAD_REQUEST");
  });

  it("when an annual row has a bad category or a due date outside the year, then those cells are named", async () => {
    const r = await call(
      stack,
      planner,
      "submit",
      annualTable([annualItem("2032", { category: "愿景" }), annualItem("2032", { due: "2033-01-05" })], { period: "2032" }),
    );
    expect(r.status).toBe(422);
    expect(r.error?.cells?.map((c) => [c.row, c.header, c.code])).toEqual([
      [2, "类别", "NOT_ALLOWED"],
      [3, "完成时间", "DUE_OUTSIDE_PERIOD"],
    ]);
  });
});
