import type { Firestore } from "@google-cloud/firestore";
import { PLANNING_GROUP } from "@planops/shared";
import { type Member, MemberSchema } from "@planops/shared/api";
import { AppError } from "../platform/errors.js";
import type { DocumentReader, StoredDocument } from "../platform/firestore-rest.js";

export const ROSTER = "roster";

/** Members of stored roster records; a malformed record never breaks a request: it is skipped and its document named in the log. */
function membersOf(records: readonly StoredDocument[]): Member[] {
  const members: Member[] = [];
  for (const record of records) {
    const parsed = MemberSchema.safeParse(record.data);
    if (parsed.success) members.push(parsed.data);
    else
      console.error(
        JSON.stringify({
          severity: "ERROR",
          message: "malformed roster record skipped",
          document: record.path,
          problems: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
        }),
      );
  }
  return members;
}

/** The whole roster, active and deactivated (history stays attributed); small, read once per request that needs it. */
export async function loadRoster(db: Firestore): Promise<Member[]> {
  const snap = await db.collection(ROSTER).get();
  return membersOf(snap.docs.map((d) => ({ path: d.ref.path, data: d.data() })));
}

/** The same roster read over REST, for what answers before the Firestore client is loaded (platform/firestore-rest.ts). */
export async function readRoster(reader: DocumentReader): Promise<Member[]> {
  return membersOf(await reader.list(ROSTER));
}

export const activeMembers = (roster: readonly Member[]) => roster.filter((m) => m.active);

/** The caller as the roster knows them: roles come from here, never from the request. Read over REST: every request's first read. */
export async function loadCaller(reader: DocumentReader, email: string): Promise<Member> {
  const record = await reader.get(`${ROSTER}/${email.toLowerCase()}`);
  const parsed = record ? MemberSchema.safeParse(record.data) : undefined;
  if (parsed && !parsed.success) {
    console.error(JSON.stringify({ severity: "ERROR", message: "malformed roster record of a caller", document: record?.path }));
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
