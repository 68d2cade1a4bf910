import type { Transaction } from "@google-cloud/firestore";
import type { ApprovalPolicyId, PersonRef } from "@planops/shared";
import { type Deps, today } from "../platform/context.js";
import { type ActiveDelegation, loadActiveDelegations } from "./delegations.js";
import type { Routing } from "./policies.js";
import { loadDepartmentSettings } from "./settings.js";

/**
 * What deciding on a submission needs, read in the deciding transaction: its routing
 * (policy, department, submitter, the department's separation-of-duties setting)
 * and today's delegations. Read there, a setting or delegation changed meanwhile
 * makes the decision retry against the new state.
 */
export async function routingInTx(
  tx: Transaction,
  deps: Deps,
  subject: { policy: ApprovalPolicyId; department: string; submittedBy: PersonRef },
): Promise<{ routing: Routing; delegations: ActiveDelegation[] }> {
  const [settings, delegations] = await Promise.all([loadDepartmentSettings(deps.db, subject.department, tx), loadActiveDelegations(deps.db, today(deps), tx)]);
  return { routing: { ...subject, submitterMayDecide: settings.approvals.submitterMayDecide }, delegations };
}
