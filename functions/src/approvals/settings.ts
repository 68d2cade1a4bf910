import type { Firestore, Transaction } from "@google-cloud/firestore";
import * as z from "zod";

/**
 * departments/{department}: a department's own settings, data rather than code.
 * Written by hand like the first roster entry (README, Deploying); a department
 * without the document, or with a field left out, gets the defaults.
 *
 *   { approvals: { submitterMayDecide: false } }
 *
 * submitterMayDecide — separation of duties (职责分离): false (the default), the
 * person who submitted a revision may not decide on it, even when the policy
 * would let them; it goes to the other approvers and, where the submitter was one,
 * to the submitter's supervisor (approvals/policies.ts). true: a department that
 * wants its manager to approve their own drafts may say so.
 */
export const DEPARTMENTS = "departments";

const SettingsSchema = z.object({
  approvals: z.object({ submitterMayDecide: z.boolean().default(false) }).default({ submitterMayDecide: false }),
});
export type DepartmentSettings = z.infer<typeof SettingsSchema>;

export const DEFAULT_DEPARTMENT_SETTINGS: DepartmentSettings = SettingsSchema.parse({});

export const departmentSettingsRef = (db: Firestore, department: string) => db.collection(DEPARTMENTS).doc(department);

function parse(department: string, data: unknown): DepartmentSettings {
  if (data === undefined) return DEFAULT_DEPARTMENT_SETTINGS;
  const parsed = SettingsSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  // A malformed settings document never breaks a request: the safe defaults apply, and the log names it.
  console.error(
    JSON.stringify({
      severity: "ERROR",
      message: "malformed department settings ignored; defaults apply",
      document: `${DEPARTMENTS}/${department}`,
      problems: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
    }),
  );
  return DEFAULT_DEPARTMENT_SETTINGS;
}

export async function loadDepartmentSettings(db: Firestore, department: string, tx?: Transaction): Promise<DepartmentSettings> {
  const ref = departmentSettingsRef(db, department);
  const snap = tx ? await tx.get(ref) : await ref.get();
  return parse(department, snap.data());
}
