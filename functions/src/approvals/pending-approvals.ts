import { APPROVAL_POLICIES } from "@planops/shared";
import type { PendingItem } from "@planops/shared/api";
import { type Call, today } from "../platform/context.js";
import { loadRoster } from "../roster/roster.js";
import { loadActiveDelegations } from "./delegations.js";
import { deciderStanding } from "./policies.js";
import { APPROVALS, type ApprovalDoc } from "./records.js";
import { type DepartmentSettings, loadDepartmentSettings } from "./settings.js";

/**
 * Exactly what the caller may decide: open approval records whose policy, under
 * their department's separation of duties, lets them decide, oldest first.
 */
export async function pendingApprovals({ deps, caller }: Call): Promise<{ items: PendingItem[] }> {
  const [snap, roster, delegations] = await Promise.all([
    deps.db.collection(APPROVALS).where("status", "==", "pending").orderBy("submittedAt").get(),
    loadRoster(deps.db),
    loadActiveDelegations(deps.db, today(deps)),
  ]);
  const records = snap.docs.map((d) => ({ id: d.id, a: d.data() as ApprovalDoc }));
  const departments = [...new Set(records.map((r) => r.a.department))];
  const settings = new Map<string, DepartmentSettings>(
    await Promise.all(departments.map(async (dep) => [dep, await loadDepartmentSettings(deps.db, dep)] as const)),
  );
  const items = records.flatMap(({ id, a }) => {
    const routing = {
      policy: a.policy,
      department: a.department,
      submittedBy: a.submittedBy,
      submitterMayDecide: settings.get(a.department)?.approvals.submitterMayDecide ?? false,
    };
    if (!deciderStanding(routing, caller, roster, delegations)) return [];
    return [
      {
        approvalId: id,
        planId: a.subject.type === "adjustment" ? a.subject.planId : a.subject.id,
        ...(a.subject.type === "adjustment" ? { adjustmentId: a.subject.id } : {}),
        kind: a.kind,
        approver: APPROVAL_POLICIES[a.policy].label,
        title: a.title,
        period: a.period,
        department: a.department,
        revision: a.revision,
        submittedBy: a.submittedBy,
        submittedAt: a.submittedAt,
        itemCount: a.itemCount,
      },
    ];
  });
  return { items };
}
