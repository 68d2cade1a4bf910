import { describe, expect, it } from "vitest";
import { demoEmail } from "../../local/demo-org.js";
import { call } from "../support/call.js";
import { useStack } from "../support/stack.js";
import { finish, monthlyPlan, noticesAbout, outboxAbout, PLANNER, runOn, useReminders } from "./harness.js";

const stack = useStack();
// Calendar days only here (weekends are weekends.test.ts); the other rules are the defaults: 2 days' lead, 2 days' grace.
const reminders = useReminders(stack, { REMINDER_SKIP_WEEKENDS: "false" });

const yangqiang = demoEmail("杨强"); // supervisor 赵磊, reads Chinese
const zhoujie = demoEmail("周杰"); // supervisor 赵磊, reads English
const huangmin = demoEmail("黄敏");
const zhaolei = demoEmail("赵磊");

describe("a task's owner is reminded before the due date; an overdue task goes to the owner, then to their supervisor", () => {
  let planId = "";
  let A = "";
  let B = "";
  let C = "";

  it("when a plan is only approved, then its tasks are not live and nobody is reminded; once issued, the owners are", async () => {
    reminders.setNow(new Date("2027-03-01T02:00:00Z"));
    const plan = await monthlyPlan(
      stack,
      "2027-03",
      [
        { content: "A 采购流程检查", owner: "杨强", due: "2027-03-10" },
        { content: "B 月度数据核对", owner: "周杰", due: "2027-03-10" },
        { content: "C 客户回访汇总", owner: "黄敏", due: "2027-03-10" },
      ],
      { issue: false },
    );
    planId = plan.planId;
    [A = "", B = "", C = ""] = plan.ids;
    await runOn(reminders, "2027-03-08");
    for (const id of [A, B, C]) expect(await noticesAbout(stack, id)).toEqual([]);

    reminders.setNow(new Date("2027-03-08T01:00:00Z"));
    expect((await call(stack, PLANNER, "issuePlan", { planId })).status).toBe(200);
    await runOn(reminders, "2027-03-08");
    expect(await noticesAbout(stack, A)).toEqual([`remind-due:2027-03-10:${yangqiang}`]);
    expect(await noticesAbout(stack, B)).toEqual([`remind-due:2027-03-10:${zhoujie}`]);
    expect(await noticesAbout(stack, C)).toEqual([`remind-due:2027-03-10:${huangmin}`]);
  });

  it("when the owner is reminded, then the message is in their language and names the task, plan, due date and what to do", async () => {
    const [zh] = await outboxAbout(stack, A);
    expect(zh).toMatchObject({ to: yangqiang, lang: "zh", state: "sent" });
    expect(zh?.subject.zh).toBe("到期提醒：A 采购流程检查（2027-03-10 到期）");
    expect(zh?.body.zh).toContain("你负责的任务还有 2 天到期");
    expect(zh?.body.zh).toContain(`任务：A 采购流程检查（${A}）`);
    expect(zh?.body.zh).toContain("计划：计划运营部 2027-03 月度计划");
    expect(zh?.body.zh).toContain("截止日期：2027-03-10");
    expect(zh?.body.zh).toContain("当前状态：未开始");
    expect(zh?.body.zh).toContain("扩展程序 › 计划运营 › 更新进度");
    expect(zh?.body.zh).toContain("https://docs.google.com/spreadsheets/d/");
    const [en] = await outboxAbout(stack, B);
    expect(en).toMatchObject({ to: zhoujie, lang: "en" });
    expect(en?.subject.en).toBe("Reminder: B 月度数据核对 is due on 2027-03-10");
    expect(en?.body.en).toContain("A task you own is due in 2 days.");
    // delivered, in the recipient's language first
    const mail = stack.mail.messages().find((m) => m.to.includes(zhoujie) && m.subject.startsWith("Reminder: B"));
    expect(mail?.text).toMatch(/^Hello 周杰,/);
  });

  it("when days pass before the due date, then nobody is reminded a second time", async () => {
    for (const day of ["2027-03-09", "2027-03-10"]) {
      const r = await runOn(reminders, day);
      expect(r.created).toBe(0);
    }
    for (const id of [A, B, C]) expect(await noticesAbout(stack, id)).toHaveLength(1);
  });

  it("when the due date has passed, then the owners of open tasks are told it is overdue, and a task finished in time is left alone", async () => {
    reminders.setNow(new Date("2027-03-09T08:00:00Z"));
    await finish(stack, huangmin, planId, C, "2027-03-09");
    await runOn(reminders, "2027-03-11");
    expect(await noticesAbout(stack, A)).toEqual([`overdue:2027-03-10:owner:${yangqiang}`, `remind-due:2027-03-10:${yangqiang}`]);
    expect(await noticesAbout(stack, B)).toEqual([`overdue:2027-03-10:owner:${zhoujie}`, `remind-due:2027-03-10:${zhoujie}`]);
    expect(await noticesAbout(stack, C)).toEqual([`remind-due:2027-03-10:${huangmin}`]);
    const overdue = (await outboxAbout(stack, A)).find((m) => m.id.startsWith("overdue:"));
    expect(overdue?.subject.zh).toBe("任务已逾期：A 采购流程检查（2027-03-10 到期）");
    expect(overdue?.body.zh).toContain("你负责的任务已逾期 1 天");
    expect(overdue?.body.zh).toContain("如到 2027-03-13 仍未完成，将通知你的上级赵磊");
  });

  it("when the grace period has not run out, then the supervisor is not told; when it has, the supervisor is told once per task", async () => {
    expect((await runOn(reminders, "2027-03-12")).created).toBe(0);
    await runOn(reminders, "2027-03-13");
    expect(await noticesAbout(stack, A)).toContain(`overdue:2027-03-10:supervisor:${zhaolei}`);
    expect(await noticesAbout(stack, B)).toContain(`overdue:2027-03-10:supervisor:${zhaolei}`);
    expect(await noticesAbout(stack, C)).toHaveLength(1);
    const toSupervisor = (await outboxAbout(stack, A)).find((m) => m.id.includes(":supervisor:"));
    expect(toSupervisor).toMatchObject({ to: zhaolei, lang: "zh" });
    expect(toSupervisor?.subject.zh).toBe("下属任务逾期：杨强 · A 采购流程检查");
    expect(toSupervisor?.body.zh).toContain("杨强 负责的任务已逾期 3 天，仍未完成，已提醒本人");
    expect(toSupervisor?.body.zh).toContain("请与杨强了解原因并协助推进");
    // and never again
    expect((await runOn(reminders, "2027-03-15")).created).toBe(0);
  });

  it("when an overdue task is finished, then its owner's supervisor is not told", async () => {
    reminders.setNow(new Date("2027-03-01T02:00:00Z"));
    const plan = await monthlyPlan(stack, "2027-04", [{ content: "D 培训材料整理", owner: "杨强", due: "2027-04-05" }]);
    const D = plan.ids[0] ?? "";
    await runOn(reminders, "2027-04-06");
    // first seen after its due date: no "due soon" any more, only "overdue"
    expect(await noticesAbout(stack, D)).toEqual([`overdue:2027-04-05:owner:${yangqiang}`]);
    reminders.setNow(new Date("2027-04-07T03:00:00Z"));
    await finish(stack, yangqiang, plan.planId, D, "2027-04-07");
    await runOn(reminders, "2027-04-08");
    expect(await noticesAbout(stack, D)).toEqual([`overdue:2027-04-05:owner:${yangqiang}`]);
  });
});
