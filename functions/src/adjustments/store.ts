import type { Firestore } from "@google-cloud/firestore";
import type { AdjustmentStatus, AdjustmentType, FieldValue, PersonRef, Text } from "@planops/shared";
import type { DecisionDoc, ItemContent } from "../plans/store.js";

export const ADJUSTMENTS = "adjustments";
/** adjustmentCounters/{month}: the next sequence number of the month's request IDs (ADJ-2027-01-001). */
export const ADJUSTMENT_COUNTERS = "adjustmentCounters";

/** One column the request changes: `from` as the plan stood when it was filed (re-read and replaced when applied). */
export interface ChangeDoc {
  key: string;
  from: FieldValue;
  to: FieldValue;
}

/** What an addition adds: the new item's plan columns and the parts every plan item has. */
export interface NewItemDoc extends ItemContent {
  parentPlanId: string | null;
}

/**
 * adjustments/{adjustmentId}: one adjustment request (调整申请) on one item of an
 * approved plan: submitted → reviewed (the planning group's opinion; an approval
 * record is opened under the plan kind's policy) → applied (approved: the plan's
 * next revision) or rejected (the plan untouched).
 */
export interface AdjustmentDoc {
  planId: string;
  planKind: string;
  /** The plan's department: whose planning group reviews and whose approver decides. */
  department: string;
  period: string;
  type: AdjustmentType;
  /** The item adjusted; for an addition, null until applied, then the new item's ID. */
  itemId: string | null;
  title: string;
  requestedBy: PersonRef;
  requestedAt: string;
  reason: string;
  impact: string;
  solution: string;
  /** The 调整内容 cell as typed. */
  content: string;
  /** The plan-section values of the row, to tell an unchanged resubmitted row from an edited one. */
  rowHash: string;
  changes: ChangeDoc[];
  newItem: NewItemDoc | null;
  status: AdjustmentStatus;
  review: { opinion: string; by: PersonRef; at: string } | null;
  decision: DecisionDoc | null;
  appliedRevision: number | null;
  note: Text | null;
  spreadsheet: { id: string; sheetId: number; sheetName: string };
  row: number;
}

export const adjustmentRef = (db: Firestore, id: string) => db.collection(ADJUSTMENTS).doc(id);
export const adjustmentsOfPlan = (db: Firestore, planId: string) => db.collection(ADJUSTMENTS).where("planId", "==", planId);

/** Requests still open (not yet decided) on one item. */
export const OPEN_STATUSES: readonly AdjustmentStatus[] = ["submitted", "reviewed"];
