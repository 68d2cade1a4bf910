import type { Firestore } from "@google-cloud/firestore";
import type { HistoryEntry, Member } from "@planops/shared/api";
import { type DecisionDoc, planRef } from "../plans/store.js";

/**
 * The decisions taken on a plan, oldest first: plans/{planId}/decisions holds one
 * document per decided revision (approvals/decide.ts creates it in the decision's
 * transaction). A deputy's entry names the manager they acted for, by the roster's name.
 */
export async function decisionHistory(db: Firestore, planId: string, roster: readonly Member[]): Promise<HistoryEntry[]> {
  const snap = await planRef(db, planId).collection("decisions").get();
  const nameOf = (email: string) => roster.find((m) => m.email === email)?.name ?? email;
  return snap.docs
    .map((d) => d.data() as DecisionDoc)
    .sort((a, b) => a.revision - b.revision)
    .map((d) => ({
      decision: d.decision,
      comment: d.comment,
      by: d.by,
      actingFor: d.actingFor,
      actingForName: d.actingFor ? nameOf(d.actingFor) : null,
      at: d.at,
      revision: d.revision,
    }));
}
