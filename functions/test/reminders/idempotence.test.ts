import { describe, expect, it } from "vitest";
import { demoEmail } from "../../local/demo-org.js";
import { REMINDER_RUNS } from "../../src/reminders/run.js";
import { useStack } from "../support/stack.js";
import { monthlyPlan, nineAm, outboxAbout, type StoredMessage, submittedPlan, useReminders } from "./harness.js";

const stack = useStack();
const reminders = useReminders(stack);

const MOMENT = nineAm("2027-09-08"); // a Wednesday

describe("the job run twice, retried or concurrently for the same moment notifies no one twice", () => {
  let expected: string[] = [];
  const snapshot = async () => (await Promise.all([...new Set(expected.map((id) => id.split(":")[1] ?? ""))].map((part) => outboxAbout(stack, part)))).flat();

  it("when five runs for the same moment race, then each notice is enqueued and delivered exactly once, and every run succeeds", async () => {
    reminders.setNow(new Date("2027-09-01T02:00:00Z"));
    const { ids } = await monthlyPlan(
      stack,
      "2027-09",
      ["杨强", "周杰", "黄敏", "吴婷"].map((owner, i) => ({ content: `任务 ${i + 1}`, owner, due: "2027-09-08" })),
    );
    reminders.setNow(new Date("2027-09-06T02:00:00Z")); // Monday: the approval reminder falls due on Wednesday
    const { approvalId } = await submittedPlan(stack, "2027-10", [{ content: "十月运营数据月报", owner: "杨强", due: "2027-10-11" }]);
    expected = [
      ...ids.map((id, i) => `remind-due:${id}:2027-09-08:${demoEmail(["杨强", "周杰", "黄敏", "吴婷"][i] ?? "")}`),
      `approval-waiting:${approvalId}:remind:${demoEmail("张伟")}`,
      `approval-waiting:${approvalId}:remind:${demoEmail("王芳")}`,
    ].sort();

    const mailsBefore = stack.mail.messages().length;
    const runs = await Promise.all([0, 1, 2, 3, 4].map((i) => reminders.run(MOMENT, { via: i % 2 ? "header" : "body" })));
    for (const r of runs) expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(runs.reduce((n, r) => n + r.body.created, 0)).toBe(expected.length);
    expect(runs.reduce((n, r) => n + r.body.created + r.body.alreadyThere, 0)).toBe(5 * expected.length);
    expect(runs.every((r) => r.body.failed === 0 && r.body.date === "2027-09-08")).toBe(true);

    const stored = await snapshot();
    expect(stored.map((m) => m.id).sort()).toEqual(expected);
    for (const m of stored) expect(m, m.id).toMatchObject({ state: "sent", attempts: 1 });
    const mails = (await stack.mail.waitFor(mailsBefore + expected.length)).slice(mailsBefore);
    expect(mails).toHaveLength(expected.length);
    expect(new Set(mails.map((m) => `${m.to.join()}|${m.subject}`)).size).toBe(expected.length);
  });

  it("when the same moment is run again (a retried trigger, by body or by Cloud Scheduler's header), then nothing new is enqueued and nothing changes", async () => {
    const before: StoredMessage[] = await snapshot();
    const mailsBefore = stack.mail.messages().length;
    for (const via of ["body", "header"] as const) {
      const again = await reminders.run(MOMENT, { via });
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ created: 0, alreadyThere: expected.length, failed: 0 });
    }
    expect(await snapshot()).toEqual(before);
    expect(stack.mail.messages().length).toBe(mailsBefore);
  });

  it("when runs are recorded, then the day's record counts them, though nothing depends on it", async () => {
    const record = (await stack.db.collection(REMINDER_RUNS).doc("2027-09-08").get()).data();
    expect(record).toMatchObject({ date: "2027-09-08", timeZone: "Asia/Shanghai", runs: 7, created: expected.length });
    expect(record?.lastRun).toMatchObject({ at: MOMENT, created: 0, alreadyThere: expected.length });
    // Without it, a run still knows what was sent: the outbox ids decide.
    await stack.db.collection(REMINDER_RUNS).doc("2027-09-08").delete();
    const again = await reminders.run(MOMENT);
    expect(again.body).toMatchObject({ created: 0, alreadyThere: expected.length });
  });
});
