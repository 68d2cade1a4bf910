import type { ApprovalPolicyId, PersonRef } from "@planops/shared";
import type { Member } from "@planops/shared/api";
import { isDepartmentManager } from "../roster/roster.js";
import type { ActiveDelegation } from "./delegations.js";

/** How a member stands towards a decision: as themselves (actingFor null) or acting for a manager. */
export interface Standing {
  actingFor: string | null;
  /** Set when they decide because the submitter, an approver, may not decide on their own revision: the submitter's email. */
  insteadOfSubmitter?: string;
}

/**
 * Resolves an approval policy against the roster: whether `m` may decide on a
 * document of `department` under `policy`. Undefined: not allowed. `delegations`
 * are those in force today (approvals/delegations.ts, loadActiveDelegations).
 */
export function approverStanding(
  policy: ApprovalPolicyId,
  m: Member,
  department: string,
  roster: readonly Member[],
  delegations: readonly ActiveDelegation[] = [],
): Standing | undefined {
  if (!m.active) return undefined;
  switch (policy) {
    case "company-management":
      return m.roles.includes("management") ? { actingFor: null } : undefined;
    case "department-manager": {
      if (isDepartmentManager(m, department)) return { actingFor: null };
      if (!m.roles.includes("deputy")) return undefined;
      // A deputy decides only for a manager their roster entry names (副经理代理审批), or one who delegated to them for today (委托审批).
      const delegatedBy = (r: Member) =>
        m.department === department && delegations.some((d) => d.deputy === m.email && d.manager === r.email && d.department === department);
      const manager = roster.find((r) => r.active && isDepartmentManager(r, department) && (m.actsFor.includes(r.email) || delegatedBy(r)));
      return manager ? { actingFor: manager.email } : undefined;
    }
  }
}

/** One submitted revision as routing sees it: its policy, department and submitter, and the department's setting. */
export interface Routing {
  policy: ApprovalPolicyId;
  department: string;
  submittedBy: PersonRef;
  /** The department's separation-of-duties setting (approvals/settings.ts); false by default. */
  submitterMayDecide: boolean;
}

/**
 * Who may decide on one revision (separation of duties, 职责分离). Unless the
 * department allows it, the submitter never decides on their own revision; the
 * policy's other approvers do (a manager's revision goes to the deputy acting for
 * them), and when the submitter is one of the policy's approvers, so does the
 * submitter's supervisor in the roster (上级: for a department manager, company
 * management in the demo organisation) — so a manager's revision always has
 * someone above or beside them to decide it.
 */
export function deciderStanding(r: Routing, m: Member, roster: readonly Member[], delegations: readonly ActiveDelegation[] = []): Standing | undefined {
  const own = approverStanding(r.policy, m, r.department, roster, delegations);
  if (r.submitterMayDecide) return own;
  if (m.email === r.submittedBy.email) return undefined;
  if (own) return own;
  if (!m.active) return undefined;
  const submitter = roster.find((x) => x.email === r.submittedBy.email);
  // Judged as the submitter stood (a manager deactivated since still had their revision go to their supervisor).
  if (submitter?.supervisor === m.email && approverStanding(r.policy, { ...submitter, active: true }, r.department, roster, delegations)) {
    return { actingFor: null, insteadOfSubmitter: submitter.email };
  }
  return undefined;
}

/** Everyone who may decide on one revision: to notify on submission and to list as pending. */
export function decidersOf(r: Routing, roster: readonly Member[], delegations: readonly ActiveDelegation[] = []): Member[] {
  const standings = roster.map((m) => ({ m, s: deciderStanding(r, m, roster, delegations) }));
  // The policy's own approvers first, then the supervisor who steps in.
  return [...standings.filter((x) => x.s && !x.s.insteadOfSubmitter), ...standings.filter((x) => x.s?.insteadOfSubmitter)].map((x) => x.m);
}

/** Whether the submitter is kept from deciding on their own revision although the policy names them. */
export const submitterSetAside = (r: Routing, roster: readonly Member[], delegations: readonly ActiveDelegation[] = []): boolean => {
  if (r.submitterMayDecide) return false;
  const submitter = roster.find((x) => x.email === r.submittedBy.email);
  return submitter !== undefined && approverStanding(r.policy, { ...submitter, active: true }, r.department, roster, delegations) !== undefined;
};
