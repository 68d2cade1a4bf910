import type { RosterRecordsResponseSchema } from "@planops/shared/api";
import type * as z from "zod";
import type { Call } from "../platform/context.js";
import { AppError } from "../platform/errors.js";
import { loadRoster } from "./roster.js";

type RosterRecordsResponse = z.infer<typeof RosterRecordsResponseSchema>;

/**
 * The stored roster as rows of the roster sheet (active and deactivated), to fill
 * the sheet HR keeps: everyone for HR, their own department for a department
 * manager. Supervisor and acting-for are emails, which the sheet accepts as they are.
 */
export async function rosterRecords({ deps, caller }: Call): Promise<RosterRecordsResponse> {
  const everyone = caller.roles.includes("hr");
  if (!everyone && !caller.roles.includes("manager")) {
    throw new AppError("FORBIDDEN", {
      zh: "只有人力资源部门和部门经理可以查看人员名册表",
      en: "Only HR and department managers may read the roster sheet",
    });
  }
  const roster = await loadRoster(deps.db);
  const rows = roster
    .filter((m) => everyone || m.department === caller.department)
    .sort((a, b) => a.department.localeCompare(b.department, "zh") || a.name.localeCompare(b.name, "zh") || a.email.localeCompare(b.email))
    .map((m) => ({
      name: m.name,
      email: m.email,
      department: m.department,
      group: m.group,
      roles: [...m.roles],
      supervisor: m.supervisor,
      actsFor: [...m.actsFor],
      language: m.locale,
      active: m.active ? ("active" as const) : ("inactive" as const),
    }));
  return { rows };
}
