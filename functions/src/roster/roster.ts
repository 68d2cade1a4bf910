import type { Firestore } from "@google-cloud/firestore";
import { PLANNING_GROUP } from "@planops/shared";
import { type Member, MemberSchema } from "@planops/shared/api";
import { AppError } from "../platform/errors.js";

export const ROSTER = "roster";

/**
 * The whole roster, active and deactivated (history stays attributed); small,
 * read once per request that needs it. A malformed record never breaks a
 * request: it is skipped and its document named in the log.
 */
export async function loadRoster(db: Firestore): Promise<Member[]> {
  const snap = await db.collection(ROSTER).get();
  const members: Member[] = [];
  for (const d of snap.docs) {
    const parsed = MemberSchema.safeParse(d.data());
    if (parsed.success) members.push(parsed.data);
    else
      console.error(
        JSON.stringify({
          severity: "ERROR",
          message: "malformed roster record skipped",
          document: d.ref.path,
          problems: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
        }),
      );
  }
  return members;
}

export const activeMembers = (roster: readonly Member[]) => roster.filter((m) => m.active);

/** The caller as the roster knows them: roles come from here, never from the request. */
export async function loadCaller(db: Firestore, email: string): Promise<Member> {
  const snap = await db.collection(ROSTER).doc(email.toLowerCase()).get();
  const parsed = snap.exists ? MemberSchema.safeParse(snap.data()) : undefined;
  if (parsed && !parsed.success) {
    console.error(JSON.stringify({ severity: "ERROR", message: "malformed roster record of a caller", document: snap.ref.path }));
  }
  if (!parsed?.success || !parsed.data.active) {
    throw new AppError("NOT_IN_ROSTER", {
      zh: `${email} 不在人员名册中或已停用，请联系人力资源部门`,
      en: `${email} is not an active person in the roster; ask HR`,
    });
  }
  return parsed.data;
}

export const isPlanningMember = (m: Member, department: string) => m.active && m.department === department && m.group === PLANNING_GROUP;
export const isDepartmentManager = (m: Member, department: string) => m.active && m.department === department && m.roles.includes("manager");

/** HR and company management see every department's plans and figures. */
export const seesEveryDepartment = (m: Member) => m.roles.includes("management") || m.roles.includes("hr");

/** A department's plans and figures are open to its manager, its deputies and its planning group; they draft its plans. */
export function overseesDepartment(m: Member, department: string): boolean {
  return m.department === department && (m.roles.includes("manager") || m.roles.includes("deputy") || m.group === PLANNING_GROUP);
}

/** Dropdown label of a person: the name, made unique with the email where two share a name. */
export function personLabel(m: Member, roster: readonly Member[]): string {
  const namesake = roster.some((o) => o.email !== m.email && o.name === m.name);
  return namesake ? `${m.name} (${m.email})` : m.name;
}
