import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ReminderRules } from "../../src/platform/config.js";
import { addDays, isWeekend } from "../../src/reminders/calendar.js";
import { approvalStageDays, approvalStagesOn, taskStageDays, taskStagesOn } from "../../src/reminders/schedule.js";

const DEFAULTS: ReminderRules = { leadDays: 2, overdueGraceDays: 2, approvalRemindDays: 2, approvalEscalateDays: 4, skipWeekends: true };
const CALENDAR: ReminderRules = { ...DEFAULTS, skipWeekends: false };

describe("when reminders fall due (pure rules)", () => {
  // March 2027: the 1st is a Monday.
  it.each<[string, ReminderRules, string, Record<string, string>]>([
    ["calendar days", CALENDAR, "2027-03-10", { "due-soon": "2027-03-08", "overdue-owner": "2027-03-11", "overdue-supervisor": "2027-03-13" }],
    [
      "weekends skipped, nothing on a weekend",
      DEFAULTS,
      "2027-03-10",
      { "due-soon": "2027-03-08", "overdue-owner": "2027-03-11", "overdue-supervisor": "2027-03-15" },
    ],
    [
      "due on a Friday: the owner hears on Monday and has the grace from then",
      DEFAULTS,
      "2027-03-05",
      { "due-soon": "2027-03-03", "overdue-owner": "2027-03-08", "overdue-supervisor": "2027-03-10" },
    ],
    [
      "due on a Monday: the reminder falls on Saturday, so it goes on the day",
      DEFAULTS,
      "2027-03-08",
      { "due-soon": "2027-03-08", "overdue-owner": "2027-03-09", "overdue-supervisor": "2027-03-11" },
    ],
    [
      "no lead, no grace",
      { ...CALENDAR, leadDays: 0, overdueGraceDays: 0 },
      "2027-03-10",
      { "due-soon": "2027-03-10", "overdue-owner": "2027-03-11", "overdue-supervisor": "2027-03-11" },
    ],
  ])("a task's stage days, %s", (_what, rules, due, days) => {
    expect(taskStageDays(due, rules)).toEqual(days);
  });

  it("when the job did not run on a stage's day, then the next run sends it; the before-due reminder only until the due date", () => {
    expect(taskStagesOn("2027-03-10", "2027-03-07", CALENDAR)).toEqual([]);
    expect(taskStagesOn("2027-03-10", "2027-03-09", CALENDAR)).toEqual(["due-soon"]);
    expect(taskStagesOn("2027-03-10", "2027-03-10", CALENDAR)).toEqual(["due-soon"]);
    expect(taskStagesOn("2027-03-10", "2027-03-12", CALENDAR)).toEqual(["overdue-owner"]);
    expect(taskStagesOn("2027-03-10", "2027-04-30", CALENDAR)).toEqual(["overdue-owner", "overdue-supervisor"]);
  });

  it("when an approval was submitted on a Thursday, then the reminder waits for Monday and the escalation for Wednesday", () => {
    expect(approvalStageDays("2027-03-04", DEFAULTS)).toEqual({ remind: "2027-03-08", escalate: "2027-03-10" });
    expect(approvalStageDays("2027-03-04", CALENDAR)).toEqual({ remind: "2027-03-06", escalate: "2027-03-08" });
    expect(approvalStagesOn("2027-03-04", "2027-03-09", DEFAULTS)).toEqual(["remind"]);
    expect(approvalStagesOn("2027-03-04", "2027-03-13", DEFAULTS)).toEqual([]); // a Saturday
  });

  const day = fc.integer({ min: 0, max: 3000 }).map((n) => addDays("2026-01-01", n));
  const rules = fc
    .record({
      leadDays: fc.integer({ min: 0, max: 10 }),
      overdueGraceDays: fc.integer({ min: 0, max: 10 }),
      approvalRemindDays: fc.integer({ min: 1, max: 10 }),
      approvalEscalateDays: fc.integer({ min: 1, max: 20 }),
      skipWeekends: fc.boolean(),
    })
    .filter((r) => r.approvalEscalateDays > r.approvalRemindDays);

  it("for any rules and dates: nothing on a skipped weekend; once overdue, always overdue; the supervisor never before the owner's grace; every stage on a working day", () => {
    fc.assert(
      fc.property(rules, day, fc.integer({ min: -15, max: 40 }), (r, due, offset) => {
        const today = addDays(due, offset);
        const stages = taskStagesOn(due, today, r);
        if (r.skipWeekends && isWeekend(today)) expect(stages).toEqual([]);
        const at = taskStageDays(due, r);
        expect(at["overdue-owner"] > due).toBe(true);
        expect(at["overdue-supervisor"] >= addDays(at["overdue-owner"], r.overdueGraceDays)).toBe(true);
        if (r.skipWeekends) for (const d of Object.values(at)) expect(isWeekend(d)).toBe(false);
        const tomorrow = addDays(today, 1);
        for (const s of ["overdue-owner", "overdue-supervisor"] as const) {
          if (stages.includes(s) && !(r.skipWeekends && isWeekend(tomorrow))) expect(taskStagesOn(due, tomorrow, r)).toContain(s);
        }
        const a = approvalStageDays(due, r);
        expect(a.escalate > a.remind && a.remind > due).toBe(true);
      }),
    );
  });
});
