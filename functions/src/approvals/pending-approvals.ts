import { APPROVAL_POLICIES } from "@planops/shared";
import type { PendingItem } from "@planops/shared/api";
import type { Call } from "../platform/context.js";
import { loadRoster } from "../roster/roster.js";
import { approverStanding } from "./policies.js";
import { APPROVALS, type ApprovalDoc } from "./records.js";

/** Exactly what the caller may decide: open approval records whose policy lets them decide, oldest first. */
export async function pendingApprovals({ deps, caller }: Call): Promise<{ items: PendingItem[] }> {
  const [snap, roster] = await Promise.all([deps.db.collection(APPROVALS).where("status", "==", "pending").orderBy("submittedAt").get(), loadRoster(deps.db)]);
  const items = snap.docs.flatMap((d) => {
    const a = d.data() as ApprovalDoc;
    if (!approverStanding(a.policy, caller, a.department, roster)) return [];
    return [
      {
        approvalId: d.id,
        planId: a.subject.id,
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
