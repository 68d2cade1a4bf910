import type { ApprovalPolicyId } from "@planops/shared";
import type { Member } from "@planops/shared/api";
import { isDepartmentManager } from "../roster/roster.js";

/** How a member stands towards a decision: as themselves (actingFor null) or acting for a manager. */
export interface Standing {
  actingFor: string | null;
}

/**
 * Resolves an approval policy against the roster: whether `m` may decide on a
 * document of `department` under `policy`. Undefined: not allowed.
 */
export function approverStanding(policy: ApprovalPolicyId, m: Member, department: string, roster: readonly Member[]): Standing | undefined {
  if (!m.active) return undefined;
  switch (policy) {
    case "company-management":
      return m.roles.includes("management") ? { actingFor: null } : undefined;
    case "department-manager": {
      if (isDepartmentManager(m, department)) return { actingFor: null };
      if (!m.roles.includes("deputy")) return undefined;
      // A deputy decides only for a manager their roster entry names (副经理代理审批).
      const manager = roster.find((r) => r.active && isDepartmentManager(r, department) && m.actsFor.includes(r.email));
      return manager ? { actingFor: manager.email } : undefined;
    }
  }
}

/** Everyone who may decide on a department's document under a policy: to notify and to list. */
export function approversOf(policy: ApprovalPolicyId, department: string, roster: readonly Member[]): Member[] {
  return roster.filter((m) => approverStanding(policy, m, department, roster) !== undefined);
}
