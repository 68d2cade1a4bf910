import type { Firestore } from "@google-cloud/firestore";
import { applyRosterTable, type RosterApplied, SYSTEM_ACTOR } from "../src/roster/submit-roster.js";
import { type DemoPerson, personCells, rosterTable } from "./demo-org.js";

/**
 * Loads people as a roster sheet, through the same checks and transaction as
 * HR's roster submission, acting as the system: the roster becomes exactly these
 * people (anyone else already stored is deactivated, never deleted).
 */
export async function seedRoster(db: Firestore, people: readonly DemoPerson[]): Promise<RosterApplied> {
  return applyRosterTable(db, rosterTable(people.map((p) => personCells(p))), SYSTEM_ACTOR);
}
