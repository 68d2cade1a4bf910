import type { PlanKind } from "@planops/shared";
import type { Member } from "@planops/shared/api";
import { approverStanding } from "../approvals/policies.js";
import { isPlanningMember, overseesDepartment, seesEveryDepartment } from "../roster/roster.js";

/** Who may issue a plan and update any of its items: the department's planning group and those who may approve it. */
export function coordinatesPlan(kind: PlanKind, m: Member, department: string, roster: readonly Member[]): boolean {
  return isPlanningMember(m, department) || approverStanding(kind.approval, m, department, roster) !== undefined;
}

/** Who sees a whole plan: HR and management, the department's manager, deputies and planning group, and its approvers. */
export function seesWholePlan(kind: PlanKind, m: Member, department: string, roster: readonly Member[]): boolean {
  return seesEveryDepartment(m) || overseesDepartment(m, department) || approverStanding(kind.approval, m, department, roster) !== undefined;
}
