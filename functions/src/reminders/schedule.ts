/**
 * When each reminder falls due: pure functions of dates and the rules, so a run for
 * any moment decides the same way however often it repeats, and a day the job did not
 * run (a weekend, an outage) is caught up by the next run — every stage is due "on or
 * after" its day, and sent at most once (its outbox id says which stage and day).
 *
 * A stage's day is counted in calendar days; with weekends skipped, one that falls on
 * a Saturday or Sunday is sent on the Monday after, and a follow-up stage counts from
 * the day its first notice was actually sent, so an owner or approver always has the
 * full grace before their supervisor is told.
 */
import type { ReminderRules } from "../platform/config.js";
import { addDays, isWeekend, sendDay } from "./calendar.js";

export type { ReminderRules } from "../platform/config.js";

/** due-soon: the owner, before the due date. overdue-owner: the owner, the first day after it. overdue-supervisor: the owner's supervisor, after the grace. */
export type TaskStage = "due-soon" | "overdue-owner" | "overdue-supervisor";
/** remind: the approvers. escalate: their supervisors. */
export type ApprovalStage = "remind" | "escalate";

/** Whether the job sends anything on `day`. */
export const sendsOn = (day: string, rules: Pick<ReminderRules, "skipWeekends">): boolean => !(rules.skipWeekends && isWeekend(day));

/** The days on which an open task's notices fall due. */
export function taskStageDays(due: string, rules: ReminderRules): Record<TaskStage, string> {
  const ownerDay = sendDay(addDays(due, 1), rules.skipWeekends);
  return {
    "due-soon": sendDay(addDays(due, -rules.leadDays), rules.skipWeekends),
    "overdue-owner": ownerDay,
    "overdue-supervisor": sendDay(addDays(ownerDay, rules.overdueGraceDays), rules.skipWeekends),
  };
}

/**
 * The notices due on `day` for a task that is still open (not done, not cancelled)
 * and due on `due`. The before-due reminder only until the due date itself: from the
 * day after, the task is overdue (DOMAIN.md) and the overdue notices take over.
 */
export function taskStagesOn(due: string, day: string, rules: ReminderRules): TaskStage[] {
  if (!sendsOn(day, rules)) return [];
  const at = taskStageDays(due, rules);
  const stages: TaskStage[] = [];
  if (at["due-soon"] <= day && day <= due) stages.push("due-soon");
  if (at["overdue-owner"] <= day) stages.push("overdue-owner");
  if (at["overdue-supervisor"] <= day) stages.push("overdue-supervisor");
  return stages;
}

/** The days on which a pending approval's notices fall due, from the day it was submitted. */
export function approvalStageDays(submittedOn: string, rules: ReminderRules): Record<ApprovalStage, string> {
  const remind = sendDay(addDays(submittedOn, rules.approvalRemindDays), rules.skipWeekends);
  return {
    remind,
    escalate: sendDay(addDays(remind, rules.approvalEscalateDays - rules.approvalRemindDays), rules.skipWeekends),
  };
}

/** The notices due on `day` for an approval still pending that was submitted on `submittedOn`. */
export function approvalStagesOn(submittedOn: string, day: string, rules: ReminderRules): ApprovalStage[] {
  if (!sendsOn(day, rules)) return [];
  const at = approvalStageDays(submittedOn, rules);
  return (["remind", "escalate"] as const).filter((s) => at[s] <= day);
}
