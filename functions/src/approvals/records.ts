import type { Firestore, Transaction } from "@google-cloud/firestore";
import type { ApprovalPolicyId, Text } from "@planops/shared";
import type { DecisionDoc, Person } from "../plans/store.js";

export const APPROVALS = "approvals";

/**
 * approvals/{subject}~r{revision}: one record per subject and revision, with the
 * policy it is decided under and its decision. Pending lists read these; a
 * decision changes the record once.
 */
export interface ApprovalDoc {
  /** A plan revision, or an adjustment request on a plan (adjustments/, decided through approvals/decide.ts). */
  subject: { type: "plan"; id: string } | { type: "adjustment"; id: string; planId: string };
  revision: number;
  kind: string;
  policy: ApprovalPolicyId;
  department: string;
  period: string;
  title: Text;
  status: "pending" | "approved" | "returned" | "superseded";
  submittedBy: Person;
  submittedAt: string;
  itemCount: number;
  decision: DecisionDoc | null;
}

export const approvalId = (subjectId: string, revision: number) => `${subjectId}~r${revision}`;
export const approvalRef = (db: Firestore, subjectId: string, revision: number) => db.collection(APPROVALS).doc(approvalId(subjectId, revision));

/** Opens the record of a new revision, and retires the previous revision's if it was still pending. */
export function openApproval(tx: Transaction, db: Firestore, doc: ApprovalDoc, previous: { revision: number; pending: boolean } | undefined): void {
  tx.create(approvalRef(db, doc.subject.id, doc.revision), doc);
  if (previous?.pending) tx.update(approvalRef(db, doc.subject.id, previous.revision), { status: "superseded" });
}
