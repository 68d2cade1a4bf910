/**
 * Whom the reminder job tells when someone lets a task or an approval wait. Only
 * people active in the roster are ever told.
 */
import type { Member } from "@planops/shared/api";

/**
 * The nearest active supervisor (上级) of `person` up the roster: when their own
 * supervisor has been deactivated, the one above, and so on. Undefined when the
 * chain ends (company management has no supervisor) or loops (the roster sheet
 * refuses circular supervisors, but a hand-written record could have one).
 */
export function activeSupervisorOf(person: Pick<Member, "email" | "supervisor">, roster: readonly Member[]): Member | undefined {
  const seen = new Set<string>([person.email]);
  let next = person.supervisor;
  while (next !== null && !seen.has(next)) {
    seen.add(next);
    const above = roster.find((m) => m.email === next);
    if (!above) return undefined;
    if (above.active) return above;
    next = above.supervisor;
  }
  return undefined;
}

/** Whom to tell about an overdue task of `owner`: their supervisor. */
export const overdueEscalationFor = (owner: Pick<Member, "email" | "supervisor">, roster: readonly Member[]): Member | undefined =>
  activeSupervisorOf(owner, roster);

/**
 * Whom to tell when `approver` lets an approval wait: their supervisor.
 *
 * Delegation seam. Someone a manager has delegated their approvals to (委托审批,
 * approvals/delegations.ts) is already one of the deciders the job reminds, so the
 * delegate hears of a waiting approval at the first stage. If escalation should also
 * go to a delegate or stand-in rather than up the line (e.g. the supervisor is the
 * one on leave), it is decided here: return that person instead, and nothing else
 * changes (outbox ids are per recipient and stage, so a new recipient is told once).
 */
export function approvalEscalationFor(approver: Member, roster: readonly Member[]): Member | undefined {
  return activeSupervisorOf(approver, roster);
}

/**
 * Who hears that an approval has waited too long: the escalation contact of each
 * decider, except the deciders themselves (they already had the reminder) and the
 * submitter (it is their revision that waits; they are not the one to chase it).
 */
export function approvalEscalationRecipients(deciders: readonly Member[], submitterEmail: string, roster: readonly Member[]): Member[] {
  const deciding = new Set(deciders.map((d) => d.email));
  const out = new Map<string, Member>();
  for (const d of deciders) {
    const to = approvalEscalationFor(d, roster);
    if (to && !deciding.has(to.email) && to.email !== submitterEmail) out.set(to.email, to);
  }
  return [...out.values()];
}
