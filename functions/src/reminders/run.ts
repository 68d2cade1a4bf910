/**
 * The reminder job (提醒与升级): for one moment, the notices due that day in the
 * department's time zone — before a task's due date, when it is overdue, after the
 * grace period to the owner's supervisor, and for approvals that wait too long — each
 * enqueued once in the transactional outbox.
 *
 * Exactly once, however often and however concurrently it runs: every notice has an
 * outbox id fixed by its event, stage and recipient (notifications/messages.ts), and
 * each event (one task, one approval) is one transaction that re-reads its record
 * and the ids and creates only those missing. A second run for the same moment, or
 * five at once, commits nothing new; one event's conflict never blocks another's.
 * The run is recorded in `reminderRuns/<date>` for people to look at; nothing reads it.
 */
import { type DocumentData, type DocumentReference, FieldValue, type QueryDocumentSnapshot } from "@google-cloud/firestore";
import type { Text } from "@planops/shared";
import type { Member } from "@planops/shared/api";
import { loadActiveDelegations } from "../approvals/delegations.js";
import { decidersOf } from "../approvals/policies.js";
import { APPROVALS, type ApprovalDoc } from "../approvals/records.js";
import { loadDepartmentSettings } from "../approvals/settings.js";
import {
  type ApprovalReminderRef,
  approvalEscalated,
  approvalWaiting,
  type TaskReminderRef,
  taskDueSoon,
  taskOverdue,
  taskOverdueToSupervisor,
} from "../notifications/messages.js";
import { deliverOutbox, enqueue, type Message, OUTBOX } from "../notifications/outbox.js";
import { planKindOf } from "../plans/kinds.js";
import { ITEMS, type ItemDoc, PLANS, type PlanDoc, planTitle, sheetUrl } from "../plans/store.js";
import { type Deps, localTime, today } from "../platform/context.js";
import { loadRoster } from "../roster/roster.js";
import { daysBetween, isDate } from "./calendar.js";
import { approvalEscalationRecipients, overdueEscalationFor } from "./escalation.js";
import { type ApprovalStage, approvalStagesOn, sendsOn, taskStageDays, taskStagesOn } from "./schedule.js";

export const REMINDER_RUNS = "reminderRuns";
/** Statuses of a task still to be worked on; done and cancelled tasks are never chased, and items without a status (annual, quarterly) have no due work. */
const OPEN_STATUSES = ["not_started", "in_progress", "blocked"];
/** Events committed side by side: enough to be quick, few enough not to crowd the database. */
const PARALLEL_EVENTS = 8;
/** How long a run record is kept (a TTL policy on `expireAt` may remove it after). */
const KEEP_RUN_MS = 90 * 86_400_000;

export interface ReminderRunResult {
  /** The moment the run is for (ISO). */
  at: string;
  /** That moment's date in the department's time zone: the day the notices are for. */
  date: string;
  /** "weekend": REMINDER_SKIP_WEEKENDS and the date is a Saturday or Sunday, so nothing was sent. */
  skipped: "weekend" | null;
  /** Notices enqueued by this run. */
  created: number;
  /** Notices due today that an earlier or concurrent run had already enqueued. */
  alreadyThere: number;
  /** Events whose record changed before their transaction (e.g. the task was just finished): nothing sent for them. */
  stale: number;
  /** Events whose transaction failed (logged); a later run picks them up. */
  failed: number;
}

/** One task's or one approval's notices due today, committed together or not at all. */
interface ReminderEvent {
  key: string;
  /** The record the notices are about, re-read in the transaction. */
  ref: DocumentReference;
  /** Whether the notices still apply to the record as it is now. */
  stillApplies: (data: DocumentData | undefined) => boolean;
  messages: Message[];
}

interface PlanInfo {
  title: Text;
  sheetUrl: string | null;
}

const isAlreadyExists = (err: unknown) => typeof err === "object" && err !== null && (err as { code?: unknown }).code === 6;

/** Runs `fn` over `items`, at most `limit` at a time. */
async function inPool<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

async function loadPlans(deps: Deps, planIds: ReadonlySet<string>): Promise<Map<string, PlanInfo>> {
  const ids = [...planIds];
  const snaps = ids.length ? await deps.db.getAll(...ids.map((id) => deps.db.collection(PLANS).doc(id))) : [];
  const out = new Map<string, PlanInfo>();
  snaps.forEach((snap, i) => {
    const plan = snap.data() as PlanDoc | undefined;
    if (!plan) return;
    let title: Text;
    try {
      title = planTitle(planKindOf(deps.kinds, plan.kind), plan);
    } catch {
      title = { zh: `${plan.department} ${plan.period} ${plan.kind}`, en: `${plan.department} ${plan.kind} ${plan.period}` };
    }
    out.set(ids[i] as string, { title, sheetUrl: sheetUrl(plan.spreadsheet) });
  });
  return out;
}

/** The notices due on `day` for each live task: issued, open, with a due date and an owner. */
function taskEvents(
  deps: Deps,
  day: string,
  items: readonly { ref: DocumentReference; id: string; data: ItemDoc }[],
  roster: readonly Member[],
  plans: ReadonlyMap<string, PlanInfo>,
): ReminderEvent[] {
  const rules = deps.config.reminders;
  const events: ReminderEvent[] = [];
  for (const { ref, id, data } of items) {
    const due = data.due;
    const ownerRef = data.owner;
    if (!isDate(due) || !ownerRef) continue;
    const stages = taskStagesOn(due, day, rules);
    if (stages.length === 0) continue;
    const ownerRecord = roster.find((m) => m.email === ownerRef.email);
    const owner = ownerRecord?.active ? ownerRecord : undefined;
    const supervisor = ownerRecord ? overdueEscalationFor(ownerRecord, roster) : undefined;
    const stageDays = taskStageDays(due, rules);
    const plan = plans.get(data.planId);
    const task: TaskReminderRef = {
      taskId: id,
      title: data.title,
      due,
      status: data.status,
      percent: data.percent,
      plan: plan ?? { title: { zh: `${data.planDepartment} ${data.period}`, en: `${data.planDepartment} ${data.period}` }, sheetUrl: null },
    };
    const messages: Message[] = [];
    if (stages.includes("due-soon") && owner) messages.push(taskDueSoon(task, daysBetween(day, due), owner));
    if (stages.includes("overdue-owner") && owner) {
      const supervisorDay = stageDays["overdue-supervisor"];
      messages.push(taskOverdue(task, daysBetween(due, day), owner, supervisor && supervisorDay > day ? { supervisor, on: supervisorDay } : undefined));
    }
    if (stages.includes("overdue-supervisor") && supervisor)
      messages.push(taskOverdueToSupervisor(task, daysBetween(due, day), ownerRef, owner !== undefined, supervisor));
    if (messages.length === 0) {
      console.warn(
        JSON.stringify({ severity: "WARNING", message: "reminder due but nobody to tell (owner and supervisors inactive or unknown)", task: id, stages }),
      );
      continue;
    }
    events.push({
      key: `task ${id}`,
      ref,
      // Still issued, still open, same due date and owner: otherwise the notices computed above no longer hold.
      stillApplies: (d) => {
        const current = d as ItemDoc | undefined;
        if (!current) return false;
        return (
          current.planStatus === "issued" && OPEN_STATUSES.includes(current.status ?? "") && current.due === due && current.owner?.email === ownerRef.email
        );
      },
      messages,
    });
  }
  return events;
}

interface DueApproval {
  ref: DocumentReference;
  id: string;
  data: ApprovalDoc;
  /** The day it was submitted, in the department's time zone. */
  submittedOn: string;
  stages: ApprovalStage[];
}

/** The pending approvals with a notice due on `day`. */
function dueApprovals(deps: Deps, day: string, docs: readonly QueryDocumentSnapshot[]): DueApproval[] {
  const out: DueApproval[] = [];
  for (const d of docs) {
    const data = d.data() as ApprovalDoc;
    if (Number.isNaN(Date.parse(data.submittedAt))) {
      console.error(JSON.stringify({ severity: "ERROR", message: "approval without a valid submittedAt skipped by reminders", approval: d.id }));
      continue;
    }
    const submittedOn = today({ now: () => new Date(data.submittedAt), config: deps.config });
    const stages = approvalStagesOn(submittedOn, day, deps.config.reminders);
    if (stages.length > 0) out.push({ ref: d.ref, id: d.id, data, submittedOn, stages });
  }
  return out;
}

/** The notices due on `day` for each approval still pending: its deciders, then their supervisors. */
async function approvalEvents(
  deps: Deps,
  day: string,
  due: readonly DueApproval[],
  roster: readonly Member[],
  plans: ReadonlyMap<string, PlanInfo>,
): Promise<ReminderEvent[]> {
  if (due.length === 0) return [];
  const departments = [...new Set(due.map((a) => a.data.department))];
  const [delegations, settings] = await Promise.all([
    loadActiveDelegations(deps.db, day),
    Promise.all(departments.map(async (dep) => [dep, await loadDepartmentSettings(deps.db, dep)] as const)).then((pairs) => new Map(pairs)),
  ]);
  const events: ReminderEvent[] = [];
  for (const { ref, id, data: a, submittedOn, stages } of due) {
    const routing = {
      policy: a.policy,
      department: a.department,
      submittedBy: a.submittedBy,
      submitterMayDecide: settings.get(a.department)?.approvals.submitterMayDecide ?? false,
    };
    const deciders = decidersOf(routing, roster, delegations);
    const approval: ApprovalReminderRef = {
      approvalId: id,
      title: a.title,
      revision: a.revision,
      itemCount: a.itemCount,
      submittedBy: a.submittedBy,
      submittedAt: localTime(deps, a.submittedAt),
      sheetUrl: plans.get(a.subject.id)?.sheetUrl ?? null,
    };
    const waiting = daysBetween(submittedOn, day);
    const messages: Message[] = [];
    if (stages.includes("remind")) messages.push(...deciders.map((d) => approvalWaiting(approval, waiting, d)));
    if (stages.includes("escalate")) {
      messages.push(...approvalEscalationRecipients(deciders, a.submittedBy.email, roster).map((to) => approvalEscalated(approval, waiting, deciders, to)));
    }
    if (messages.length === 0) {
      console.warn(
        JSON.stringify({ severity: "WARNING", message: "approval waiting but nobody to tell (no active decider or supervisor)", approval: id, stages }),
      );
      continue;
    }
    events.push({ key: `approval ${id}`, ref, stillApplies: (d) => (d as ApprovalDoc | undefined)?.status === "pending", messages });
  }
  return events;
}

/** Which of these outbox ids exist already: read once, outside any transaction, so a repeated run opens no transaction at all. */
async function existingIds(deps: Deps, ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += 300) {
    const chunk = ids.slice(i, i + 300);
    const snaps = await deps.db.getAll(...chunk.map((id) => deps.db.collection(OUTBOX).doc(id)));
    for (const s of snaps) if (s.exists) found.add(s.id);
  }
  return found;
}

/** One event in one transaction: re-read the record and the ids, create what is missing. */
async function commitEvent(deps: Deps, ev: ReminderEvent, now: Date): Promise<{ created: string[]; existing: number; stale: boolean }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await deps.db.runTransaction(async (tx) => {
        const [subject, ...outbox] = await tx.getAll(ev.ref, ...ev.messages.map((m) => deps.db.collection(OUTBOX).doc(m.id)));
        if (!ev.stillApplies(subject?.data())) return { created: [], existing: 0, stale: true };
        const fresh = ev.messages.filter((_, i) => !outbox[i]?.exists);
        return { created: enqueue(tx, deps.db, fresh, now), existing: ev.messages.length - fresh.length, stale: false };
      });
    } catch (err) {
      // A concurrent run created one of them between this transaction's read and its commit: read again.
      if (isAlreadyExists(err) && attempt < 3) continue;
      throw err;
    }
  }
}

/**
 * Runs the reminder job for the moment `at`. Safe to call any number of times, also
 * concurrently: a notice already in the outbox is never enqueued again. Delivers what
 * it enqueued right after (best effort; dispatchOutbox retries the rest).
 */
export async function runReminders(deps: Deps, at: Date, opts: { deliver?: boolean } = {}): Promise<ReminderRunResult> {
  const rules = deps.config.reminders;
  const day = today({ now: () => at, config: deps.config });
  const result: ReminderRunResult = { at: at.toISOString(), date: day, skipped: null, created: 0, alreadyThere: 0, stale: 0, failed: 0 };
  if (!sendsOn(day, rules)) {
    result.skipped = "weekend";
    await recordRun(deps, result);
    return result;
  }

  const [roster, itemSnap, approvalSnap] = await Promise.all([
    loadRoster(deps.db),
    deps.db.collection(ITEMS).where("status", "in", OPEN_STATUSES).get(),
    deps.db.collection(APPROVALS).where("status", "==", "pending").get(),
  ]);
  // Only issued plans' tasks are live (a single-field query, so no composite index; the plan status is filtered here), and only those with a notice due today matter.
  const items = itemSnap.docs
    .map((d) => ({ ref: d.ref, id: d.id, data: d.data() as ItemDoc }))
    .filter((t) => t.data.planStatus === "issued" && isDate(t.data.due) && taskStagesOn(t.data.due, day, rules).length > 0);
  const approvals = dueApprovals(deps, day, approvalSnap.docs);
  const plans = await loadPlans(deps, new Set([...items.map((t) => t.data.planId), ...approvals.map((a) => a.data.subject.id)]));
  const events = [...taskEvents(deps, day, items, roster, plans), ...(await approvalEvents(deps, day, approvals, roster, plans))];

  const existing = await existingIds(
    deps,
    events.flatMap((e) => e.messages.map((m) => m.id)),
  );
  // Events with every notice already in the outbox need no transaction (the usual case for a repeated run).
  const toCommit = events.filter((e) => e.messages.some((m) => !existing.has(m.id)));
  result.alreadyThere = events.reduce((n, e) => n + (e.messages.every((m) => existing.has(m.id)) ? e.messages.length : 0), 0);

  const created: string[] = [];
  const now = deps.now();
  await inPool(toCommit, PARALLEL_EVENTS, async (ev) => {
    try {
      const r = await commitEvent(deps, ev, now);
      created.push(...r.created);
      result.alreadyThere += r.existing;
      if (r.stale) result.stale++;
    } catch (err) {
      result.failed++;
      console.error(JSON.stringify({ severity: "ERROR", message: "reminder event failed; a later run retries it", event: ev.key, error: String(err) }));
    }
  });
  result.created = created.length;

  if (created.length > 0 && opts.deliver !== false) {
    await deliverOutbox(deps.db, deps.send, { now: deps.now, maxAttempts: deps.config.mail.maxAttempts, ids: created }).catch((err: unknown) => {
      console.error(JSON.stringify({ severity: "WARNING", message: "reminder delivery deferred to dispatchOutbox", error: String(err) }));
    });
  }
  await recordRun(deps, result);
  return result;
}

/** reminderRuns/<date>: what the runs of a day did, for people (and dashboards) to look at. Failing to write it fails nothing. */
async function recordRun(deps: Deps, r: ReminderRunResult): Promise<void> {
  const now = deps.now();
  // A line when the run did something; quiet runs are counted in the record only (the local stack runs every minute).
  if (r.created > 0 || r.stale > 0 || r.failed > 0) console.log(JSON.stringify({ severity: "INFO", message: "reminder run", ...r }));
  try {
    await deps.db
      .collection(REMINDER_RUNS)
      .doc(r.date)
      .set(
        {
          date: r.date,
          timeZone: deps.config.timeZone,
          runs: FieldValue.increment(1),
          created: FieldValue.increment(r.created),
          lastRun: { ...r, finishedAt: now.toISOString() },
          expireAt: new Date(now.getTime() + KEEP_RUN_MS),
        },
        { merge: true },
      );
  } catch (err) {
    console.error(JSON.stringify({ severity: "WARNING", message: "reminder run not recorded", date: r.date, error: String(err) }));
  }
}
