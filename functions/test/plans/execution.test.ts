import { describe, expect, it } from "vitest";
import { demoEmail } from "../../local/demo-org.js";
import { call } from "../support/call.js";
import { planTable, task, HEADERS_ZH as HEADERS, progressRow } from "../support/plan-sheet.js";
import { useStack } from "../support/stack.js";

const stack = useStack();

const clerk = demoEmail("李明");
const manager = demoEmail("张伟");
const owner = demoEmail("杨强");

describe("issuing a plan and tracking its execution", () => {
  let planId = "";
  let ids: string[] = [];

  it("when an unapproved plan is issued, then it is refused; once approved, each owner is told of their tasks once", async () => {
    const sub = await call(
      stack,
      clerk,
      "submit",
      planTable([
        task({ content: "A 月报", owner: "李明", due: "2026-12-10" }),
        task({ content: "B 流程检查", owner: "杨强", due: "2026-12-15" }),
        task({ content: "C 数据清洗", owner: "杨强", due: "2026-12-28" }),
        task({ content: "D 客户回访", owner: "李明", due: "2026-12-20" }),
      ]),
    );
    expect(sub.status).toBe(200);
    planId = sub.body.documentId;
    ids = sub.body.rows.map((t) => t.itemId!);
    const early = await call(stack, clerk, "issuePlan", { planId });
    expect(early.status).toBe(409);
    expect(early.error?.code).toBe("NOT_APPROVED");

    await call(stack, manager, "decide", { planId, revision: 1, decision: "approve" });
    const staff = await call(stack, owner, "issuePlan", { planId });
    expect(staff.status).toBe(403);

    const before = stack.mail.messages().length;
    const issued = await call(stack, clerk, "issuePlan", { planId });
    expect(issued.status).toBe(200);
    expect(issued.body).toMatchObject({ status: "issued", notifiedOwners: 2 });
    const mails = (await stack.mail.waitFor(before + 2)).slice(before);
    const toOwner = mails.find((m) => m.to.includes(owner));
    expect(toOwner?.text).toContain("B 流程检查");
    expect(toOwner?.text).toContain("C 数据清洗");
    expect(toOwner?.text).not.toContain("A 月报");

    const twice = await call(stack, clerk, "issuePlan", { planId });
    expect(twice.body.notifiedOwners).toBe(0);
  });

  it("when an owner sends the shared sheet with someone else's edited row, then only their own rows are saved and the other is left for its owner", async () => {
    stack.setNow(new Date("2026-12-12T04:00:00Z"));
    const r = await call(stack, owner, "updateProgress", {
      planId,
      headers: HEADERS,
      rows: [
        progressRow(2, ids[0]!, { status: "已完成", actualFinish: "2026-12-05" }), // 李明's row, edited by 李明 but not yet sent
        progressRow(3, ids[1]!, { status: "进行中", percent: 50 }),
        { row: 6, cells: HEADERS.map((h) => (h === "任务内容" ? "陈静新加的一行" : h === "责任人" ? "陈静" : null)) },
      ],
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ updated: 1, skippedNotYours: 2 });
    expect(r.body.rows).toEqual([{ row: 3, itemId: ids[1], status: "in_progress" }]);
    expect(r.body.message.zh).toContain("他人的任务");
    expect((await stack.db.collection("items").doc(ids[0]!).get()).data()?.status).toBe("not_started");
    expect((await stack.db.collection("items").doc(ids[1]!).get()).data()).toMatchObject({ status: "in_progress", percent: 50 });
  });

  it("when an owner adds a row of their own after approval, then it is refused with the adjustment advice", async () => {
    const r = await call(stack, owner, "updateProgress", {
      planId,
      headers: HEADERS,
      rows: [{ row: 6, cells: HEADERS.map((h) => (h === "任务内容" ? "临时加的任务" : h === "责任人" ? "杨强" : null)) }],
    });
    expect(r.status).toBe(422);
    expect(r.error?.cells?.[0]).toMatchObject({ row: 6, code: "ROW_NOT_IN_PLAN", header: "任务内容" });
    expect(r.error?.cells?.[0]?.message.zh).toContain("计划调整申请");
  });

  it("when a progress request carries one row number twice, then 422 DUPLICATE_ROW_NUMBER and nothing is saved", async () => {
    const r = await call(stack, owner, "updateProgress", {
      planId,
      headers: HEADERS,
      rows: [progressRow(3, ids[1]!, { status: "受阻" }), progressRow(3, ids[2]!, { status: "进行中", percent: 10 })],
    });
    expect(r.status).toBe(422);
    expect(r.error?.cells).toEqual([expect.objectContaining({ row: 3, code: "DUPLICATE_ROW_NUMBER" })]);
    expect((await stack.db.collection("items").doc(ids[1]!).get()).data()).toMatchObject({ status: "in_progress", percent: 50 });
    expect((await stack.db.collection("items").doc(ids[2]!).get()).data()).toMatchObject({ status: "not_started", percent: 0 });
  });

  it("when done has no finish date or the date is in the future, then the cells say so", async () => {
    const r = await call(stack, owner, "updateProgress", {
      planId,
      headers: HEADERS,
      rows: [progressRow(3, ids[1]!, { status: "已完成" }), progressRow(4, ids[2]!, { status: "已完成", actualFinish: "2026-12-20" })],
    });
    expect(r.status).toBe(422);
    expect(r.error?.cells?.map((c) => [c.row, c.code])).toEqual([
      [3, "REQUIRED"],
      [4, "FUTURE_DATE"],
    ]);
  });

  it("when owners report progress and a problem, then it is saved and the planning group gets the feedback", async () => {
    const before = stack.mail.messages().length;
    // Cancelling D is a plan adjustment, not progress: refused, and with it the whole request.
    const cancel = await call(stack, clerk, "updateProgress", {
      planId,
      headers: HEADERS,
      rows: [progressRow(2, ids[0]!, { status: "已完成", actualFinish: "2026-12-05" }), progressRow(5, ids[3]!, { status: "已取消" })],
    });
    expect(cancel.status).toBe(422);
    expect(cancel.error?.cells?.map((c) => [c.row, c.code])).toEqual([[5, "STATUS_NEEDS_ADJUSTMENT"]]);
    const mine = await call(stack, clerk, "updateProgress", {
      planId,
      headers: HEADERS,
      rows: [progressRow(2, ids[0]!, { status: "已完成", actualFinish: "2026-12-05" }), progressRow(5, ids[3]!, {})],
    });
    expect(mine.status).toBe(200);
    expect(mine.body.updated).toBe(1);
    // D is cancelled the way an approved plan adjustment (a later feature) will write it.
    await stack.db.collection("items").doc(ids[3]!).update({ status: "cancelled" });
    const r = await call(stack, owner, "updateProgress", {
      planId,
      headers: HEADERS,
      rows: [
        progressRow(3, ids[1]!, { status: "进行中", percent: "60%", feedback: "缺少销售部数据" }),
        progressRow(4, ids[2]!, { status: "进行中", percent: 0.6 }),
      ],
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ updated: 2, feedbackSent: 1 });
    const mails = (await stack.mail.waitFor(before + 2)).slice(before);
    expect(
      mails
        .filter((m) => m.subject.includes("问题反馈"))
        .flatMap((m) => m.to)
        .sort(),
    ).toEqual([demoEmail("李明"), demoEmail("陈静")].sort());
    const again = await call(stack, owner, "updateProgress", {
      planId,
      headers: HEADERS,
      rows: [progressRow(3, ids[1]!, { status: "进行中", percent: 60, feedback: "缺少销售部数据" })],
    });
    expect(again.body).toMatchObject({ updated: 0, unchanged: 1, feedbackSent: 0 });
  });

  it("when B is finished late, then the month's rates follow DOMAIN.md's definition per person, group and department", async () => {
    stack.setNow(new Date("2026-12-21T04:00:00Z"));
    await call(stack, owner, "updateProgress", { planId, headers: HEADERS, rows: [progressRow(3, ids[1]!, { status: "已完成", actualFinish: "2026-12-20" })] });
    const r = await call(stack, manager, "completionRates", { period: "2026-12", asOf: "2027-01-01" });
    expect(r.status).toBe(200);
    const yang = r.body.people.find((p) => p.key === owner)!;
    // B done late (12-20, due 12-15), C in progress due 12-28
    expect(yang).toMatchObject({ inScope: 2, doneOnTime: 0, doneByEnd: 1, overdue: 1, onTimeRate: 0, completionRate: 0.5 });
    const li = r.body.people.find((p) => p.key === clerk)!;
    expect(li).toMatchObject({ inScope: 1, doneOnTime: 1, onTimeRate: 1 }); // D cancelled is out of scope
    const dept = r.body.departments.find((d) => d.key === "计划运营部")!;
    expect(dept.inScope).toBe(3);
    expect(dept.onTimeRate).toBeCloseTo(1 / 3, 10);
    expect(dept.completionRate).toBeCloseTo(2 / 3, 10);
    expect(r.body.groups.map((g) => g.key).sort()).toEqual(["计划组", "运营组"]);
  });

  it("when another department's manager asks, then they see neither this department's plan nor its figures; HR sees both", async () => {
    const sales = demoEmail("郑浩");
    const plan = await call(stack, sales, "getPlan", { planId });
    expect(plan.status).toBe(403);
    const rates = await call(stack, sales, "completionRates", { period: "2026-12" });
    expect(rates.body).toMatchObject({ people: [], groups: [], departments: [] });
    const hr = await call(stack, demoEmail("孙丽"), "completionRates", { period: "2026-12", asOf: "2027-01-01" });
    expect(hr.body.departments.map((d) => d.key)).toEqual(["计划运营部"]);
    expect((await call(stack, demoEmail("孙丽"), "getPlan", { planId })).body.items).toHaveLength(4);
  });

  it("when a deputy who does not act for the manager issues or decides, then it is refused", async () => {
    const r = await call(stack, demoEmail("赵磊"), "issuePlan", { planId });
    expect(r.status).toBe(403);
    expect(r.error?.code).toBe("FORBIDDEN");
  });

  it("when staff ask for rates, then they see only their own row", async () => {
    const r = await call(stack, owner, "completionRates", { period: "2026-12" });
    expect(r.body.people.map((p) => p.key)).toEqual([owner]);
    expect(r.body.groups).toEqual([]);
    expect(r.body.departments).toEqual([]);
  });
});
