import type { Call } from "../platform/context.js";
import { approverStanding, loadRoster } from "../roster/roster.js";
import { PLANS, type PlanDoc, planTitle } from "../plans/store.js";
import type { PendingItem } from "@planops/shared/api";

/** What awaits the caller: pending plans of every department they may decide for. */
export async function pendingApprovals({ deps, caller }: Call): Promise<{ items: PendingItem[] }> {
  const roster = await loadRoster(deps.db);
  const departments = [...new Set(roster.map((m) => m.department))].filter((d) => approverStanding(caller, d, roster));
  if (departments.length === 0) return { items: [] };
  const snap = await deps.db
    .collection(PLANS)
    .where("status", "==", "pending_approval")
    .where("department", "in", departments.slice(0, 30))
    .orderBy("submittedAt")
    .get();
  const items = snap.docs.map((d) => {
    const p = d.data() as PlanDoc;
    return {
      planId: d.id,
      kind: p.kind,
      title: planTitle(p),
      period: p.period,
      department: p.department,
      revision: p.revision,
      submittedBy: p.submittedBy,
      submittedAt: p.submittedAt,
      taskCount: p.taskCount,
    };
  });
  return { items };
}
