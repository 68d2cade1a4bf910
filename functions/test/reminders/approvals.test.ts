import { describe, expect, it } from "vitest";
import { demoEmail } from "../../local/demo-org.js";
import { call } from "../support/call.js";
import { useStack } from "../support/stack.js";
import { MANAGER, noticesAbout, outboxAbout, runOn, submittedPlan, useReminders } from "./harness.js";

const stack = useStack();
// The defaults: remind after 2 days, escalate after 4, weekends skipped.
const reminders = useReminders(stack);

const zhangwei = demoEmail("张伟"); // the manager: approves monthly plans; supervisor 刘洋
const wangfang = demoEmail("王芳"); // deputy acting for 张伟: may decide too; supervisor 张伟
const liuyang = demoEmail("刘洋"); // company management: above the manager

describe("an approval that waits too long reminds the approvers, then escalates to their supervisor", () => {
  let approvalId = "";

  it("when a plan has waited less than the reminder days, then nobody is reminded", async () => {
    reminders.setNow(new Date("2027-05-03T02:00:00Z")); // Monday 10:00 in Shanghai
    ({ approvalId } = await submittedPlan(stack, "2027-06", [{ content: "六月运营数据月报", owner: "杨强", due: "2027-06-10" }]));
    await runOn(reminders, "2027-05-03");
    await runOn(reminders, "2027-05-04");
    expect(await noticesAbout(stack, approvalId)).toEqual([]);
  });

  it("when it has waited the reminder days, then every approver (not the submitter) is reminded once, in plain words", async () => {
    await runOn(reminders, "2027-05-05");
    expect(await noticesAbout(stack, approvalId)).toEqual([`approval-waiting:remind:${wangfang}`, `approval-waiting:remind:${zhangwei}`]);
    const toManager = (await outboxAbout(stack, approvalId)).find((m) => m.to === zhangwei);
    expect(toManager?.subject.zh).toBe("审批提醒：计划运营部 2027-06 月度计划（第 1 版）已等待 2 天");
    expect(toManager?.body.zh).toContain("李明 于 2027-05-03 10:00 提交");
    expect(toManager?.body.zh).toContain("已等待审批 2 天");
    expect(toManager?.body.zh).toContain("扩展程序 › 计划运营 › 审批");
    expect((await runOn(reminders, "2027-05-06")).created).toBe(0);
    expect(await noticesAbout(stack, approvalId)).toHaveLength(2);
  });

  it("when it has waited the escalation days, then the approvers' supervisor is told — not an approver who is another's supervisor, nor the submitter", async () => {
    await runOn(reminders, "2027-05-07");
    expect(await noticesAbout(stack, approvalId)).toEqual([
      `approval-waiting:escalate:${liuyang}`,
      `approval-waiting:remind:${wangfang}`,
      `approval-waiting:remind:${zhangwei}`,
    ]);
    const escalation = (await outboxAbout(stack, approvalId)).find((m) => m.to === liuyang);
    expect(escalation?.subject.zh).toBe("审批超时：计划运营部 2027-06 月度计划（第 1 版）已等待 4 天");
    expect(escalation?.body.zh).toContain("审批人王芳、张伟已收到提醒，但尚未处理");
    expect(escalation?.body.zh).toContain("请督促审批人尽快批准或退回");
    expect((await runOn(reminders, "2027-05-10")).created).toBe(0);
  });

  it("when a plan is decided before the reminder days have passed, then nobody is reminded about it", async () => {
    reminders.setNow(new Date("2027-05-03T02:00:00Z"));
    const { planId, approvalId: decided } = await submittedPlan(stack, "2027-07", [{ content: "七月运营数据月报", owner: "杨强", due: "2027-07-09" }]);
    reminders.setNow(new Date("2027-05-04T02:00:00Z"));
    expect((await call(stack, MANAGER, "decide", { planId, revision: 1, decision: "approve" })).status).toBe(200);
    for (const day of ["2027-05-05", "2027-05-07", "2027-05-10"]) await runOn(reminders, day);
    expect(await noticesAbout(stack, decided)).toEqual([]);
  });

  it("when the manager has delegated approvals for the day, then the delegate is reminded too", async () => {
    const zhaolei = demoEmail("赵磊"); // a deputy who does not act for the manager by standing arrangement
    reminders.setNow(new Date("2027-05-17T02:00:00Z")); // Monday
    expect((await call(stack, zhangwei, "delegate", { deputy: zhaolei, from: "2027-05-19", to: "2027-05-21" })).status).toBe(200);
    const { approvalId: waiting } = await submittedPlan(stack, "2027-08", [{ content: "八月运营数据月报", owner: "杨强", due: "2027-08-10" }]);
    await runOn(reminders, "2027-05-19");
    expect(await noticesAbout(stack, waiting)).toEqual([
      `approval-waiting:remind:${wangfang}`,
      `approval-waiting:remind:${zhangwei}`,
      `approval-waiting:remind:${zhaolei}`,
    ]);
  });
});
