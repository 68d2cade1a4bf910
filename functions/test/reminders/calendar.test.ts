import { describe, expect, it } from "vitest";
import { demoEmail } from "../../local/demo-org.js";
import { REMINDER_RUNS } from "../../src/reminders/run.js";
import { useStack } from "../support/stack.js";
import { monthlyPlan, noticesAbout, outboxAbout, runOn, useReminders } from "./harness.js";

const stack = useStack();
// The defaults: weekends skipped (REMINDER_SKIP_WEEKENDS=true), Asia/Shanghai, 2 days' lead and grace.
const reminders = useReminders(stack);

const yangqiang = demoEmail("杨强");
const huangmin = demoEmail("黄敏");
const wuting = demoEmail("吴婷");
const zhaolei = demoEmail("赵磊");

describe("reminders keep the department's calendar: its time zone, and no mail at weekends", () => {
  // November 2027: the 1st is a Monday; the 5th a Friday, the 6th and 7th the weekend.
  let friday = ""; // due Friday 11-05: overdue from Saturday, so its owner hears on Monday
  let monday = ""; // due Monday 11-08: its reminder fell on Saturday, so it goes on Monday
  let thursday = ""; // due Thursday 11-11: reminded on Tuesday 11-09, Shanghai's Tuesday

  it("when the job runs on Saturday and Sunday, then nothing is sent, though reminders fell due", async () => {
    reminders.setNow(new Date("2027-10-25T02:00:00Z"));
    const plan = await monthlyPlan(stack, "2027-11", [
      { content: "周五到期的任务", owner: "杨强", due: "2027-11-05" },
      { content: "周一到期的任务", owner: "黄敏", due: "2027-11-08" },
      { content: "周四到期的任务", owner: "吴婷", due: "2027-11-11" },
    ]);
    [friday = "", monday = "", thursday = ""] = plan.ids;
    await runOn(reminders, "2027-11-03"); // Wednesday: the Friday task's reminder
    expect(await noticesAbout(stack, friday)).toEqual([`remind-due:2027-11-05:${yangqiang}`]);

    for (const day of ["2027-11-06", "2027-11-07"]) {
      const r = await runOn(reminders, day);
      expect(r).toMatchObject({ skipped: "weekend", created: 0 });
      expect((await stack.db.collection(REMINDER_RUNS).doc(day).get()).data()?.lastRun).toMatchObject({ skipped: "weekend" });
    }
    expect(await noticesAbout(stack, friday)).toEqual([`remind-due:2027-11-05:${yangqiang}`]);
    expect(await noticesAbout(stack, monday)).toEqual([]);
  });

  it("when Monday comes, then what fell due at the weekend is sent: the overdue notice and the reminder due that day", async () => {
    await runOn(reminders, "2027-11-08");
    expect(await noticesAbout(stack, friday)).toEqual([`overdue:2027-11-05:owner:${yangqiang}`, `remind-due:2027-11-05:${yangqiang}`]);
    expect(await noticesAbout(stack, monday)).toEqual([`remind-due:2027-11-08:${huangmin}`]);
    const [dueToday] = await outboxAbout(stack, monday);
    expect(dueToday?.body.zh).toContain("你负责的任务今天到期");
    // the owner told on Monday gets the whole grace: the supervisor hears on Wednesday, not at once
    const overdue = (await outboxAbout(stack, friday)).find((m) => m.id.startsWith("overdue:"));
    expect(overdue?.body.zh).toContain("已逾期 3 天");
    expect(overdue?.body.zh).toContain("如到 2027-11-10 仍未完成，将通知你的上级赵磊");
  });

  it("when it is 23:30 in Shanghai, then it is still that day; at 00:30 it is the next day's reminders, though UTC is a day behind", async () => {
    const late = await reminders.run("2027-11-08T15:30:00.000Z"); // Monday 23:30 in Shanghai
    expect(late.body).toMatchObject({ date: "2027-11-08", created: 0 });
    expect(await noticesAbout(stack, thursday)).toEqual([]);
    const afterMidnight = await reminders.run("2027-11-08T16:30:00.000Z"); // Tuesday 00:30 in Shanghai, Monday in UTC
    expect(afterMidnight.status).toBe(200);
    expect(afterMidnight.body).toMatchObject({ date: "2027-11-09", created: 2 });
    expect(await noticesAbout(stack, thursday)).toEqual([`remind-due:2027-11-11:${wuting}`]);
    // and Monday's task is overdue from Tuesday on, Shanghai's Tuesday
    expect(await noticesAbout(stack, monday)).toEqual([`overdue:2027-11-08:owner:${huangmin}`, `remind-due:2027-11-08:${huangmin}`]);
  });

  it("when the grace has passed in working days, then the supervisor is told, on Wednesday", async () => {
    expect((await runOn(reminders, "2027-11-09")).created).toBe(0);
    await runOn(reminders, "2027-11-10");
    expect(await noticesAbout(stack, friday)).toContain(`overdue:2027-11-05:supervisor:${zhaolei}`);
  });
});
