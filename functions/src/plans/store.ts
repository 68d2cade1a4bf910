import type { DocumentReference, Firestore, Transaction } from "@google-cloud/firestore";
import { APPROVAL_POLICIES, type FieldValue, type PersonRef, type PlanKind, period as parsePeriodId, periodLabel } from "@planops/shared";
import type { ItemView, PlanStatus, PlanView, Step } from "@planops/shared/api";

export const PLANS = "plans";
export const ITEMS = "items";

export type Person = PersonRef;

export interface DecisionDoc {
  decision: "approve" | "return";
  comment: string;
  by: Person;
  actingFor: string | null;
  at: string;
  revision: number;
}

/** plans/{planId}: one plan of a kind, period and department; its items are in `items`. */
export interface PlanDoc {
  /** The template id. */
  kind: string;
  templateVersion: number;
  period: string;
  department: string;
  status: PlanStatus;
  revision: number;
  contentHash: string;
  submittedBy: Person;
  submittedAt: string;
  spreadsheet: { id: string; sheetId: number; sheetName: string };
  nextSeq: number;
  itemCount: number;
  lastDecision: DecisionDoc | null;
  /** The latest approved revision: stored whole under revisions/, readable for good. */
  approvedRevision: number | null;
  issuedAt: string | null;
}

/**
 * items/{itemId}: the live state of one plan item. The template's plan columns
 * are kept in `fields`; the parts every plan item has are copied out so that
 * queries, roll-ups and the cascade read them without knowing the template.
 */
export interface ItemDoc {
  planId: string;
  kind: string;
  period: string;
  planDepartment: string;
  /** Copied from the plan so roll-ups can query items of approved plans directly. */
  planStatus: PlanStatus;
  fields: Record<string, FieldValue>;
  title: string;
  owner: Person | null;
  department: string | null;
  start: string | null;
  due: string | null;
  weight: number;
  parentItem: string | null;
  parentPlanId: string | null;
  /** Progress, for kinds whose items are worked on directly (monthly tasks); null otherwise. */
  status: string | null;
  percent: number | null;
  actualFinish: string | null;
  feedback: string;
  steps: Step[];
  /** The sheet row the item was on when its plan was last submitted; null for an item added by an adjustment. */
  row?: number | null;
  updatedAt: string;
}

/** What a plan item says (its template values and the parts every plan item has), without its state. */
export type ItemContent = Pick<ItemDoc, "fields" | "title" | "owner" | "department" | "start" | "due" | "weight" | "parentItem">;

export interface ItemSnapshot {
  id: string;
  ref: DocumentReference;
  data: ItemDoc;
}

/** Where the plan's sheet lives, for the people told about it. */
export const sheetUrl = (spreadsheet: PlanDoc["spreadsheet"]) =>
  `https://docs.google.com/spreadsheets/d/${encodeURIComponent(spreadsheet.id)}/edit#gid=${spreadsheet.sheetId}`;

export const planIdOf = (kind: Pick<PlanKind, "slug">, period: string, department: string) => `${kind.slug}_${period}_${department}`;

/** "计划运营部 2027-01 月度计划" / "计划运营部 monthly plan 2027-01". */
export function planTitle(kind: PlanKind, p: Pick<PlanDoc, "period" | "department">) {
  const label = periodLabel(parsePeriodId(p.period));
  return {
    zh: `${p.department} ${p.period} ${kind.template.title.zh}`,
    en: `${p.department} ${kind.template.title.en.toLowerCase()} ${label.en}`,
  };
}

export const approverLabel = (kind: PlanKind) => APPROVAL_POLICIES[kind.approval].label;

export const planRef = (db: Firestore, planId: string) => db.collection(PLANS).doc(planId);
export const itemsOfPlan = (db: Firestore, planId: string) => db.collection(ITEMS).where("planId", "==", planId);

export async function readPlanInTx(tx: Transaction, db: Firestore, planId: string): Promise<{ plan: PlanDoc | undefined; items: ItemSnapshot[] }> {
  const [plan, items] = await Promise.all([tx.get(planRef(db, planId)), tx.get(itemsOfPlan(db, planId))]);
  return {
    plan: plan.exists ? (plan.data() as PlanDoc) : undefined,
    items: items.docs.map((d) => ({ id: d.id, ref: d.ref, data: d.data() as ItemDoc })),
  };
}

export function itemView(
  id: string,
  t: Pick<
    ItemDoc,
    | "fields"
    | "title"
    | "owner"
    | "department"
    | "start"
    | "due"
    | "weight"
    | "parentItem"
    | "status"
    | "percent"
    | "actualFinish"
    | "feedback"
    | "steps"
    | "row"
  >,
): ItemView {
  return {
    itemId: id,
    row: t.row ?? null,
    title: t.title,
    fields: t.fields,
    owner: t.owner,
    department: t.department,
    start: t.start,
    due: t.due,
    weight: t.weight,
    parentItem: t.parentItem,
    status: t.status,
    percent: t.percent,
    actualFinish: t.actualFinish,
    feedback: t.feedback,
    steps: t.steps,
  };
}

export function planView(kind: PlanKind, planId: string, p: PlanDoc, revision: number, items: readonly ItemView[]): PlanView {
  return {
    planId,
    kind: p.kind,
    title: planTitle(kind, p),
    period: p.period,
    department: p.department,
    status: p.status,
    revision,
    latestRevision: p.revision,
    approvedRevision: p.approvedRevision,
    approver: approverLabel(kind),
    submittedBy: p.submittedBy,
    submittedAt: p.submittedAt,
    spreadsheetUrl: sheetUrl(p.spreadsheet),
    lastDecision: p.lastDecision,
    items: [...items].sort((a, b) => a.itemId.localeCompare(b.itemId)),
  };
}
