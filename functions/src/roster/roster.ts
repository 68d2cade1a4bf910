import type { Firestore } from "@google-cloud/firestore";
import { AppError } from "../platform/errors.js";
import { type Member, MemberSchema } from "@planops/shared/api";

export const ROSTER = "roster";

/** The whole active roster; small (one department and its partners), read once per request that needs it. */
export async function loadRoster(db: Firestore): Promise<Member[]> {
  const snap = await db.collection(ROSTER).get();
  return snap.docs.map((d) => MemberSchema.parse(d.data())).filter((m) => m.active);
}

/** The caller as the roster knows them: roles come from here, never from the request. */
export async function loadCaller(db: Firestore, email: string): Promise<Member> {
  const snap = await db.collection(ROSTER).doc(email.toLowerCase()).get();
  const parsed = snap.exists ? MemberSchema.safeParse(snap.data()) : undefined;
  if (!parsed?.success || !parsed.data.active) {
    throw new AppError("NOT_IN_ROSTER", {
      zh: `${email} 不在人员名册中，请联系计划组添加`,
      en: `${email} is not in the roster; ask the planning group to add you`,
    });
  }
  return parsed.data;
}

export const isPlanningMember = (m: Member, department: string) => m.department === department && m.group === "计划组";
export const isDepartmentManager = (m: Member, department: string) => m.department === department && m.roles.includes("manager");

/** HR and company management see every department's plans and figures. */
export const seesEveryDepartment = (m: Member) => m.roles.includes("management") || m.roles.includes("hr");

/** A department's plans and figures are open to its manager, its deputies and its planning group. */
export function overseesDepartment(m: Member, department: string): boolean {
  return m.department === department && (m.roles.includes("manager") || m.roles.includes("deputy") || m.group === "计划组");
}

/** Who may issue a plan and update any of its tasks: its planning group and those who may approve it. */
export function coordinatesPlan(m: Member, department: string, roster: readonly Member[]): boolean {
  return isPlanningMember(m, department) || approverStanding(m, department, roster) !== undefined;
}

/**
 * Decides whether a member may approve a department's monthly plan: the department
 * manager, or a deputy whose roster entry says they act for that manager.
 * Returns the email acted for (deputy) or null (the manager), or undefined if not allowed.
 */
export function approverStanding(m: Member, department: string, roster: readonly Member[]): { actingFor: string | null } | undefined {
  if (isDepartmentManager(m, department)) return { actingFor: null };
  if (!m.roles.includes("deputy")) return undefined;
  const manager = roster.find((r) => isDepartmentManager(r, department) && m.actsFor.includes(r.email));
  return manager ? { actingFor: manager.email } : undefined;
}

/** Everyone who may decide on a department's plan: to notify and to list. */
export function approversOf(department: string, roster: readonly Member[]): Member[] {
  return roster.filter((m) => approverStanding(m, department, roster) !== undefined);
}

/** Dropdown label of a person: the name, made unique with the email where two share a name. */
export function personLabel(m: Member, roster: readonly Member[]): string {
  const namesake = roster.some((o) => o.email !== m.email && o.name === m.name);
  return namesake ? `${m.name} (${m.email})` : m.name;
}
