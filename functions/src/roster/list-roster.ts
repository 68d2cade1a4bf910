import type { RosterResponse } from "@planops/shared/api";
import type { DocumentReader } from "../platform/firestore-rest.js";
import { activeMembers, personLabel, readRoster } from "./roster.js";

/** Departments and active people for the sheet's dropdowns. */
export async function listRoster(reader: DocumentReader): Promise<RosterResponse> {
  const roster = activeMembers(await readRoster(reader));
  const departments = [...new Set(roster.map((m) => m.department))].sort((a, b) => a.localeCompare(b, "zh"));
  const people = roster
    .map((m) => ({ email: m.email, name: m.name, department: m.department, group: m.group, label: personLabel(m, roster) }))
    .sort((a, b) => a.department.localeCompare(b.department, "zh") || a.name.localeCompare(b.name, "zh"));
  return { departments, people };
}
