import { type Firestore, FieldValue as FirestoreValue, type Transaction } from "@google-cloud/firestore";
import type { FieldValue } from "@planops/shared";

/** audit/{generated id}: one entry per state change, created in the change's own transaction and never changed. */
export const AUDIT = "audit";

/** What changed: a plan, one of its items (tasks), an approval record, a roster record — or a kind another feature adds (an adjustment request). */
export type AuditSubjectType = "plan" | "item" | "approval" | "roster" | (string & {});

/** A value as the trail keeps it: a cell's value, a person, a short list; long text is cut (see `small`). */
export type AuditValue = FieldValue;

export interface AuditBy {
  email: string;
  name: string;
  /** The email of the manager a deputy acted for. */
  actingFor?: string | null;
}

export interface AuditChange {
  subject: { type: AuditSubjectType; id: string };
  /** The plan the subject belongs to (a plan's own id for a plan), so its viewers can be found. */
  planId?: string | null;
  /** submitted, resubmitted, added, removed, changed, approved, returned, issued, progress, steps, roster-changed, deactivated, … */
  action: string;
  by: AuditBy;
  /** ISO instant: the clock the change itself used (deps.now()). */
  at: string;
  revision?: number | null;
  /** The changed fields only, before and after; unchanged keys are dropped. */
  from?: Record<string, AuditValue | undefined>;
  to?: Record<string, AuditValue | undefined>;
  comment?: string;
}

/** As stored. `recordedAt` (the commit's time) and `seq` (order within the transaction) order entries of the same `at`. */
export interface AuditDoc {
  subject: { type: string; id: string };
  planId: string | null;
  action: string;
  by: { email: string; name: string; actingFor: string | null };
  at: string;
  revision: number | null;
  from: Record<string, AuditValue>;
  to: Record<string, AuditValue>;
  comment: string;
  recordedAt: unknown;
  seq: number;
}

/** The system itself (the local stack's demo organisation) as the author of a change. */
export const SYSTEM_BY: AuditBy = { email: "system", name: "系统 / system" };

const MAX_TEXT = 300;
const MAX_LIST = 30;
const MAX_COMMENT = 2000;

const cut = (s: string, max: number) => {
  const chars = [...s];
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : s;
};

/** Keeps an entry small whatever a cell holds: long text cut, long lists shortened, a person as email and name. */
export function small(v: AuditValue | undefined): AuditValue {
  if (v === undefined || v === null) return null;
  if (typeof v === "string") return cut(v, MAX_TEXT);
  if (Array.isArray(v)) return (v.length > MAX_LIST ? [...v.slice(0, MAX_LIST - 1), `… +${v.length - MAX_LIST + 1}`] : v).map((x) => cut(String(x), 120));
  if (typeof v === "object") return { email: cut(v.email, 200), name: cut(v.name, 200) };
  return v;
}

const blank = (v: AuditValue | undefined): AuditValue => (v === undefined || v === "" ? null : v);
const isPerson = (v: unknown): v is { email: string } => typeof v === "object" && v !== null && !Array.isArray(v) && "email" in v;

/** Two values mean the same: a person by email, empty as empty. */
export function sameValue(a: AuditValue | undefined, b: AuditValue | undefined): boolean {
  const x = blank(a);
  const y = blank(b);
  if (isPerson(x) && isPerson(y)) return x.email === y.email;
  return JSON.stringify(x) === JSON.stringify(y);
}

/** The keys whose values differ, as from → to (only those). */
export function diff(
  before: Readonly<Record<string, AuditValue | undefined>>,
  after: Readonly<Record<string, AuditValue | undefined>>,
  keys: readonly string[] = [...new Set([...Object.keys(before), ...Object.keys(after)])],
): { from: Record<string, AuditValue>; to: Record<string, AuditValue> } {
  const from: Record<string, AuditValue> = {};
  const to: Record<string, AuditValue> = {};
  for (const key of keys) {
    if (sameValue(before[key], after[key])) continue;
    from[key] = small(blank(before[key]));
    to[key] = small(blank(after[key]));
  }
  return { from, to };
}

const smallRecord = (r: Record<string, AuditValue | undefined> | undefined) =>
  Object.fromEntries(Object.entries(r ?? {}).map(([k, v]) => [k, small(v)])) as Record<string, AuditValue>;

/** Order of entries within one transaction (the same Transaction object across its retries: only the committed attempt's entries remain). */
const sequence = new WeakMap<Transaction, number>();

/**
 * Records one state change in the transaction that makes it: the entry is
 * created (tx.create on a generated id) with the change's other writes, so it
 * exists exactly when the change committed — a failed transaction leaves none,
 * and a retried one writes only its last attempt's. No endpoint updates or
 * deletes `audit`; the security rules deny clients everything.
 */
export function recordChange(tx: Transaction, db: Firestore, entry: AuditChange): void {
  const seq = (sequence.get(tx) ?? 0) + 1;
  sequence.set(tx, seq);
  const doc: AuditDoc = {
    subject: { type: entry.subject.type, id: entry.subject.id },
    planId: entry.planId ?? null,
    action: entry.action,
    by: { email: entry.by.email, name: entry.by.name, actingFor: entry.by.actingFor ?? null },
    at: entry.at,
    revision: entry.revision ?? null,
    from: smallRecord(entry.from),
    to: smallRecord(entry.to),
    comment: cut(entry.comment ?? "", MAX_COMMENT),
    recordedAt: FirestoreValue.serverTimestamp(),
    seq,
  };
  tx.create(db.collection(AUDIT).doc(), doc);
}
