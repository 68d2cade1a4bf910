/**
 * The audit entries of each state change of the product, one call per change,
 * made inside the change's transaction (see trail.ts). Types are structural so
 * that the features calling these need not be imported here.
 */
import type { Firestore, Transaction } from "@google-cloud/firestore";
import type { FieldValue, PersonRef } from "@planops/shared";
import { approvalId } from "../approvals/records.js";
import { type AuditBy, type AuditChange, type AuditValue, diff, recordChange, SYSTEM_BY } from "./trail.js";

/** What the trail says of who made a change: the caller, and the manager a deputy acted for. */
export const byOf = (person: PersonRef, actingFor: string | null = null): AuditBy => ({ email: person.email, name: person.name, actingFor });

interface ItemContent {
  title: string;
  fields: Readonly<Record<string, FieldValue>>;
}

/** Above this many bytes of item entries in one submission, their texts are cut shorter, so the commit stays within Firestore's 10 MiB. */
const SUBMISSION_ITEM_BUDGET = 1024 * 1024;

/** 提交 / 重新提交: the plan's entry, and one per item added, removed or changed (changed fields only). */
export function recordSubmission(
  tx: Transaction,
  db: Firestore,
  s: {
    planId: string;
    by: PersonRef;
    at: string;
    revision: number;
    itemCount: number;
    before: { status: string; revision: number; itemCount: number } | undefined;
    existing: readonly { id: string; data: ItemContent }[];
    next: readonly { ref: { id: string }; doc: ItemContent }[];
    removed: readonly string[];
  },
): void {
  const by = byOf(s.by);
  const now = { status: "pending_approval", revision: s.revision, items: s.itemCount };
  const plan = s.before ? diff({ status: s.before.status, revision: s.before.revision, items: s.before.itemCount }, now) : { from: {}, to: now };
  const base = { planId: s.planId, by, at: s.at, revision: s.revision };
  recordChange(tx, db, { ...base, subject: { type: "plan", id: s.planId }, action: s.before ? "resubmitted" : "submitted", ...plan });

  const was = new Map(s.existing.map((e) => [e.id, e.data]));
  const entries: AuditChange[] = [];
  for (const { ref, doc } of s.next) {
    const before = was.get(ref.id);
    const subject = { type: "item", id: ref.id };
    if (!before) entries.push({ ...base, subject, action: "added", to: { title: doc.title } });
    else {
      const d = diff(before.fields, doc.fields);
      if (Object.keys(d.to).length > 0) entries.push({ ...base, subject, action: "changed", ...d });
    }
  }
  for (const id of s.removed) entries.push({ ...base, subject: { type: "item", id }, action: "removed", from: { title: was.get(id)?.title ?? null } });
  const bytes = entries.reduce((sum, e) => sum + Buffer.byteLength(JSON.stringify(e)) + 100, 0);
  for (const e of entries) recordChange(tx, db, bytes > SUBMISSION_ITEM_BUDGET ? shortened(e) : e);
}

const shorten = (r: Record<string, AuditValue | undefined> | undefined) =>
  r && Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "string" && v.length > 40 ? `${v.slice(0, 39)}…` : v]));
const shortened = (e: AuditChange): AuditChange => ({ ...e, ...(e.from ? { from: shorten(e.from) } : {}), ...(e.to ? { to: shorten(e.to) } : {}) });

/** 批准 / 退回: the approval record's entry and the plan's, with the approver's comment. */
export function recordDecision(
  tx: Transaction,
  db: Firestore,
  d: { planId: string; revision: number; status: "approved" | "returned"; decision: { comment: string; by: PersonRef; actingFor: string | null; at: string } },
): void {
  const base = { planId: d.planId, by: byOf(d.decision.by, d.decision.actingFor), at: d.decision.at, revision: d.revision, comment: d.decision.comment };
  recordChange(tx, db, {
    ...base,
    subject: { type: "approval", id: approvalId(d.planId, d.revision) },
    action: d.status,
    from: { status: "pending" },
    to: { status: d.status },
  });
  recordChange(tx, db, {
    ...base,
    subject: { type: "plan", id: d.planId },
    action: d.status,
    from: { status: "pending_approval" },
    to: { status: d.status, ...(d.status === "approved" ? { approvedRevision: d.revision } : {}) },
  });
}

/** 下发: the plan's entry. */
export function recordIssue(tx: Transaction, db: Firestore, i: { planId: string; by: PersonRef; at: string; revision: number; owners: number }): void {
  recordChange(tx, db, {
    subject: { type: "plan", id: i.planId },
    planId: i.planId,
    action: "issued",
    by: byOf(i.by),
    at: i.at,
    revision: i.revision,
    from: { status: "approved" },
    to: { status: "issued", notifiedOwners: i.owners },
  });
}

type Progress = { status: string | null; percent: number | null; actualFinish: string | null; feedback: string };

/** 更新进度: one entry per task that changed, status / % complete / actual finish / feedback from → to. */
export function recordProgress(
  tx: Transaction,
  db: Firestore,
  p: { planId: string; by: PersonRef; at: string; changes: readonly { id: string; before: Progress; after: Progress }[] },
): void {
  for (const c of p.changes) {
    const d = diff(c.before, c.after, ["status", "percent", "actualFinish", "feedback"]);
    if (Object.keys(d.to).length === 0) continue;
    recordChange(tx, db, { subject: { type: "item", id: c.id }, planId: p.planId, action: "progress", by: byOf(p.by), at: p.at, ...d });
  }
}

type Step = { step: string; planned: string; done: boolean };
const stepLines = (steps: readonly Step[]) => steps.map((s) => `${s.done ? "✓" : "○"} ${s.step} ${s.planned}`);

/** 实施步骤: the task's steps (one line each) and a % complete they moved. */
export function recordSteps(
  tx: Transaction,
  db: Firestore,
  s: {
    itemId: string;
    planId: string;
    by: PersonRef;
    at: string;
    before: { steps: readonly Step[]; percent: number | null };
    after: { steps: readonly Step[]; percent?: number };
  },
): void {
  const d = diff(
    { steps: stepLines(s.before.steps), percent: s.before.percent },
    { steps: stepLines(s.after.steps), percent: s.after.percent ?? s.before.percent },
  );
  recordChange(tx, db, { subject: { type: "item", id: s.itemId }, planId: s.planId, action: "steps", by: byOf(s.by), at: s.at, ...d });
}

interface MemberRecord {
  email: string;
  name: string;
  department: string;
  group: string | null;
  roles: readonly string[];
  supervisor: string | null;
  actsFor: readonly string[];
  locale: string;
  active: boolean;
}
const MEMBER_KEYS = ["name", "department", "group", "roles", "supervisor", "actsFor", "locale", "active"] as const;
const memberValues = (m: MemberRecord | undefined): Record<string, AuditValue> =>
  m ? Object.fromEntries(MEMBER_KEYS.map((k) => [k, Array.isArray(m[k]) ? [...(m[k] as readonly string[])] : (m[k] as AuditValue)])) : {};

/** 人员名册: one entry per person added, changed, deactivated or reactivated. */
export function recordRosterChanges(
  tx: Transaction,
  db: Firestore,
  actor: { kind: "system" } | { kind: "member"; member: PersonRef },
  stored: readonly { member: MemberRecord }[],
  writes: readonly { member: MemberRecord }[],
  at: string = new Date().toISOString(),
): void {
  const by = actor.kind === "member" ? byOf(actor.member) : SYSTEM_BY;
  const before = new Map(stored.map((s) => [s.member.email, s.member]));
  for (const { member } of writes) {
    const was = before.get(member.email);
    const d = diff(memberValues(was), memberValues(member));
    if (was && Object.keys(d.to).length === 0) continue;
    const action = !was ? "added" : was.active && !member.active ? "deactivated" : !was.active && member.active ? "reactivated" : "roster-changed";
    recordChange(tx, db, { subject: { type: "roster", id: member.email }, action, by, at, ...d });
  }
}

/** An adjustment request (调整申请) as its trail entries need it (adjustments/store.ts AdjustmentDoc, structurally). */
interface AdjustmentFacts {
  planId: string;
  type: string;
  itemId: string | null;
  title: string;
  requestedBy: PersonRef;
  reason: string;
  changes: readonly { key: string; from: FieldValue; to: FieldValue }[];
}

/** 调整申请 filed: the request's entry — what it asks, from → to per column, its reason as the comment. */
export function recordAdjustmentFiled(tx: Transaction, db: Firestore, f: { adjustmentId: string; adjustment: AdjustmentFacts; at: string }): void {
  const a = f.adjustment;
  recordChange(tx, db, {
    subject: { type: "adjustment", id: f.adjustmentId },
    planId: a.planId,
    action: "submitted",
    by: byOf(a.requestedBy),
    at: f.at,
    from: { status: null, ...Object.fromEntries(a.changes.map((c) => [c.key, c.from])) },
    to: { status: "submitted", type: a.type, itemId: a.itemId, title: a.title, ...Object.fromEntries(a.changes.map((c) => [c.key, c.to])) },
    comment: a.reason,
  });
}

/** 审核意见: the request's entry (submitted → reviewed, the opinion as the comment) and its approval record's, opened pending. */
export function recordAdjustmentReview(
  tx: Transaction,
  db: Firestore,
  r: { adjustmentId: string; planId: string; by: PersonRef; at: string; opinion: string; approval: string },
): void {
  const base = { planId: r.planId, by: byOf(r.by), at: r.at, comment: r.opinion };
  recordChange(tx, db, {
    ...base,
    subject: { type: "adjustment", id: r.adjustmentId },
    action: "reviewed",
    from: { status: "submitted" },
    to: { status: "reviewed" },
  });
  recordChange(tx, db, { ...base, subject: { type: "approval", id: r.approval }, action: "submitted", from: { status: null }, to: { status: "pending" } });
}

/**
 * An adjustment's decision: its approval record's entry (pending → approved /
 * returned) and the request's (reviewed → applied / rejected), with the
 * approver's comment; when applied, the plan's entry (its new revision) and one
 * per item it changed (each changed column from → to; an added item's title).
 */
export function recordAdjustmentDecision(
  tx: Transaction,
  db: Firestore,
  d: {
    adjustmentId: string;
    planId: string;
    approval: string;
    decision: { comment: string; by: PersonRef; actingFor: string | null; at: string };
    applied: {
      fromRevision: number;
      revision: number;
      items: readonly {
        id: string;
        before: { fields: Readonly<Record<string, FieldValue>>; status: string | null } | undefined;
        after: ItemContent & { status: string | null };
      }[];
    } | null;
  },
): void {
  const approved = d.applied !== null;
  const base = {
    planId: d.planId,
    by: byOf(d.decision.by, d.decision.actingFor),
    at: d.decision.at,
    comment: d.decision.comment,
    ...(d.applied ? { revision: d.applied.revision } : {}),
  };
  recordChange(tx, db, {
    ...base,
    subject: { type: "approval", id: d.approval },
    action: approved ? "approved" : "returned",
    from: { status: "pending" },
    to: { status: approved ? "approved" : "returned" },
  });
  recordChange(tx, db, {
    ...base,
    subject: { type: "adjustment", id: d.adjustmentId },
    action: approved ? "applied" : "rejected",
    from: { status: "reviewed" },
    to: { status: approved ? "applied" : "rejected", ...(d.applied ? { appliedRevision: d.applied.revision } : {}) },
  });
  if (!d.applied) return;
  recordChange(tx, db, {
    ...base,
    subject: { type: "plan", id: d.planId },
    action: "adjusted",
    from: { revision: d.applied.fromRevision, approvedRevision: d.applied.fromRevision, adjustment: null },
    to: { revision: d.applied.revision, approvedRevision: d.applied.revision, adjustment: d.adjustmentId },
  });
  for (const item of d.applied.items) {
    const subject = { type: "item", id: item.id };
    if (!item.before) {
      recordChange(tx, db, { ...base, subject, action: "added", to: { title: item.after.title } });
      continue;
    }
    const changed = diff({ ...item.before.fields, status: item.before.status }, { ...item.after.fields, status: item.after.status });
    if (Object.keys(changed.to).length > 0) recordChange(tx, db, { ...base, subject, action: "adjusted", ...changed });
  }
}
