import { TASK_STATUSES } from "@planops/shared";
import { describe, expect, it } from "vitest";
import { demoEmail } from "../../local/demo-org.js";
import { STATUS_RULES } from "../../src/plans/progress-rules.js";
import { call } from "../support/call.js";
import { planTable, task, HEADERS_ZH as HEADERS, progressRow } from "../support/plan-sheet.js";
import { useStack } from "../support/stack.js";

const stack = useStack();

const planner = demoEmail("李明");
const manager = demoEmail("张伟");
const owner = demoEmail("杨强");
const P = "2027-03";

/** A row of the shared progress sheet: the task's ID and the cells given, by Chinese header. */
const send = (as: string, rows: ReturnType<typeof progressRow>[]) => call(stack, as, "updateProgress", { planId, headers: HEADERS, rows });
const stored = async (id: string) => (await stack.db.collection("items").doc(id).get()).data() as { status: string; actualFinish: string | null };
const codes = (r: Awaited<ReturnType<typeof send>>) => r.error?.cells?.map((c) => [c.row, c.header, c.code]);

let planId = "";
/** A: 杨强's, planned to start on the 5th. B: 杨强's, no planned start. C: 李明's. */
let A = "";
let B = "";
let C = "";

describe("who may set which status, and which finish dates are believable (更新进度)", () => {
  it("when the plan is drafted, approved on 2027-02-26 (Shanghai) and issued, then its tasks can be tracked", async () => {
    stack.setNow(new Date("2027-02-25T18:30:00Z")); // 2027-02-26 02:30 in Shanghai: still the 25th in UTC
    const sub = await call(
      stack,
      planner,
      "submit",
      planTable(
        [
          task({ content: "A 流程检查", owner: "杨强", start: `${P}-05`, due: `${P}-20` }),
          task({ content: "B 数据清洗", owner: "杨强", start: null, due: `${P}-25` }),
          task({ content: "C 月报", owner: "李明", start: null, due: `${P}-28` }),
        ],
        { period: P },
      ),
    );
    expect(sub.status, JSON.stringify(sub.error)).toBe(200);
    planId = sub.body.documentId;
    [A, B, C] = sub.body.rows.map((r) => r.itemId!) as [string, string, string];
    expect((await call(stack, manager, "decide", { planId, revision: 1, decision: "approve" })).status).toBe(200);
    expect((await call(stack, planner, "issuePlan", { planId })).status).toBe(200);
    stack.setNow(new Date("2027-03-15T04:00:00Z")); // 2027-03-15 noon in Shanghai
  });

  it("when an owner cancels their own task through progress, then it is refused with the adjustment advice and nothing is saved", async () => {
    const r = await send(owner, [progressRow(2, A, { status: "进行中", percent: "30%" }), progressRow(3, B, { status: "已取消" })]);
    expect(r.status).toBe(422);
    expect(codes(r)).toEqual([[3, "状态", "STATUS_NEEDS_ADJUSTMENT"]]);
    const cell = r.error!.cells![0]!;
    expect(cell.message.zh).toContain("计划调整申请");
    expect(cell.message.zh).toContain("未开始 / 进行中 / 已完成 / 受阻");
    expect(cell.message.en).toContain("plan adjustment request");
    expect((await stored(A)).status).toBe("not_started");
    expect((await stored(B)).status).toBe("not_started");
  });

  it("when the planning group or the manager cancels someone's task through progress, then it is refused too", async () => {
    for (const who of [planner, manager]) {
      const r = await send(who, [progressRow(3, B, { status: "Cancelled" })]);
      expect([who, r.status, codes(r)]).toEqual([who, 422, [[3, "状态", "STATUS_NEEDS_ADJUSTMENT"]]]);
    }
  });

  it("when an owner sets not started, in progress, blocked and done, then each is saved", async () => {
    for (const status of ["进行中", "受阻", "未开始"]) {
      const r = await send(owner, [progressRow(3, B, { status })]);
      expect([status, r.status]).toEqual([status, 200]);
    }
    const done = await send(owner, [progressRow(3, B, { status: "已完成", actualFinish: "2027-03-10" })]);
    expect(done.status, JSON.stringify(done.error)).toBe(200);
    expect(await stored(B)).toMatchObject({ status: "done", actualFinish: "2027-03-10" });
  });

  it("when an actual finish lies before the task's start (1900-01-01, or the day before), then FINISH_TOO_EARLY names the allowed range; the start itself is fine", async () => {
    for (const early of ["1900-01-01", "2027-03-04", 36526 /* 2000-01-01 as a spreadsheet serial */]) {
      const r = await send(owner, [progressRow(2, A, { status: "已完成", actualFinish: early })]);
      expect(r.status).toBe(422);
      expect(codes(r)).toEqual([[2, "实际完成时间", "FINISH_TOO_EARLY"]]);
      expect(r.error!.cells![0]!.message.zh).toContain("应为 2027-03-05 至 2027-03-15 之间的日期");
      expect(r.error!.cells![0]!.message.en).toContain("enter a date from 2027-03-05 to 2027-03-15");
    }
    expect((await stored(A)).status).toBe("not_started");
    const ok = await send(owner, [progressRow(2, A, { status: "已完成", actualFinish: "2027-03-05" })]);
    expect(ok.status, JSON.stringify(ok.error)).toBe(200);
  });

  it("when a task has no planned start, then its finish may not be before the day its plan was approved (department time zone)", async () => {
    const early = await send(planner, [progressRow(4, C, { status: "已完成", actualFinish: "2027-02-25" })]);
    expect(codes(early)).toEqual([[4, "实际完成时间", "FINISH_TOO_EARLY"]]);
    expect(early.error!.cells![0]!.message.zh).toContain("早于计划批准日期 2027-02-26");
    const onTheDay = await send(planner, [progressRow(4, C, { status: "已完成", actualFinish: "2027年2月26日" })]);
    expect(onTheDay.status, JSON.stringify(onTheDay.error)).toBe(200);
    expect((await stored(C)).actualFinish).toBe("2027-02-26");
  });

  it("when a finish is after today in Shanghai, then FUTURE_DATE; today in Shanghai is fine even while it is still yesterday in UTC", async () => {
    stack.setNow(new Date("2027-03-15T17:00:00Z")); // 2027-03-16 01:00 in Shanghai
    const future = await send(owner, [progressRow(3, B, { status: "已完成", actualFinish: "2027-03-17" })]);
    expect(codes(future)).toEqual([[3, "实际完成时间", "FUTURE_DATE"]]);
    expect(future.error!.cells![0]!.message.zh).toContain("晚于今天 2027-03-16");
    const today = await send(owner, [progressRow(3, B, { status: "已完成", actualFinish: "2027-03-16" })]);
    expect(today.status, JSON.stringify(today.error)).toBe(200);
    stack.setNow(new Date("2027-03-15T04:00:00Z"));
  });

  it("when the due date is moved in the progress sheet, then DUE_NEEDS_ADJUSTMENT; the same due date, in any form, passes", async () => {
    const moved = await send(owner, [progressRow(2, A, { status: "已完成", actualFinish: "2027-03-05", due: "2027-03-31" })]);
    expect(moved.status).toBe(422);
    expect(codes(moved)).toEqual([[2, "完成时间", "DUE_NEEDS_ADJUSTMENT"]]);
    expect(moved.error!.cells![0]!.message.zh).toContain("计划中为 2027-03-20");
    const same = await send(owner, [progressRow(2, A, { status: "已完成", actualFinish: "2027-03-05", due: "2027年3月20日" })]);
    expect(same.status, JSON.stringify(same.error)).toBe(200);
    expect((await stack.db.collection("items").doc(A).get()).data()?.due).toBe(`${P}-20`);
  });

  it("when a task was cancelled by an adjustment, then progress cannot bring it back, while sending its row unchanged is fine", async () => {
    // Written as an approved plan adjustment (a later feature) will write it.
    await stack.db.collection("items").doc(B).update({ status: "cancelled", actualFinish: null, percent: 0 });
    const back = await send(owner, [progressRow(3, B, { status: "进行中" })]);
    expect(codes(back)).toEqual([[3, "状态", "TASK_CANCELLED"]]);
    expect(back.error!.cells![0]!.message.zh).toContain("恢复任务请提交计划调整申请");
    const same = await send(owner, [progressRow(3, B, { status: "已取消" })]);
    expect(same.status, JSON.stringify(same.error)).toBe(200);
    expect(same.body).toMatchObject({ updated: 0, unchanged: 1 });
  });

  it("when a plan is approved after its month has begun, then a task without a start may have finished from the month's first day", async () => {
    const late = "2027-04";
    stack.setNow(new Date(`${late}-03T02:00:00Z`)); // approved on the 3rd
    const sub = await call(stack, planner, "submit", planTable([task({ content: "D 补录", owner: "杨强", start: null, due: `${late}-10` })], { period: late }));
    expect(sub.status, JSON.stringify(sub.error)).toBe(200);
    const lateId = sub.body.documentId;
    const D = sub.body.rows[0]!.itemId!;
    expect((await call(stack, manager, "decide", { planId: lateId, revision: 1, decision: "approve" })).status).toBe(200);
    stack.setNow(new Date(`${late}-05T04:00:00Z`));
    const row = (finish: string) => ({ planId: lateId, headers: HEADERS, rows: [progressRow(2, D, { status: "已完成", actualFinish: finish })] });
    const before = await call(stack, owner, "updateProgress", row("2027-03-31"));
    expect(before.error?.cells?.map((c) => c.code)).toEqual(["FINISH_TOO_EARLY"]);
    expect(before.error?.cells?.[0]?.message.zh).toContain("早于计划期间首日 2027-04-01");
    const first = await call(stack, owner, "updateProgress", row("2027-04-01"));
    expect(first.status, JSON.stringify(first.error)).toBe(200);
    stack.setNow(new Date("2027-03-15T04:00:00Z"));
  });

  it("when the rule table is read, then every status has a rule and cancelling is nobody's through progress", () => {
    expect(Object.keys(STATUS_RULES).sort()).toEqual(TASK_STATUSES.map((s) => s.value).sort());
    expect(STATUS_RULES.cancelled.setBy).toEqual([]);
    for (const s of ["not_started", "in_progress", "done", "blocked"] as const) expect(STATUS_RULES[s].setBy).toEqual(["owner", "coordinator"]);
  });
});
