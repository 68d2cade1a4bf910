import type { Member, Report } from "@planops/shared/api";
import { keepsOperationsData } from "../operations/access.js";
import type { Deps } from "../platform/context.js";
import { driveApi } from "../platform/drive-client.js";
import { activeMembers } from "../roster/roster.js";
import { type Sharing, shareExactly, sharingOf } from "../sharing/share-exactly.js";

/**
 * Who may open a data-analysis report's spreadsheet. The data-analysis group and its department's
 * manager and deputies write it (the analyst types the conclusions into it); company management
 * reads it once it is published, not the drafts.
 */
export function reportSharing(roster: readonly Member[], status: Report["status"]): Sharing {
  const active = activeMembers(roster);
  // Those who keep the operations data (operations/access.ts) other than as company management.
  const writers = active.filter((m) => keepsOperationsData({ ...m, roles: m.roles.filter((r) => r !== "management") }, roster));
  const management = status === "published" ? active.filter((m) => m.roles.includes("management")) : [];
  return sharingOf({ people: writers, role: "writer" }, { people: management, role: "reader" });
}

/** Shares a report's spreadsheet with exactly those of the roster now; who left the group or was deactivated loses it. */
export async function shareReport(deps: Deps, spreadsheetId: string, roster: readonly Member[], status: Report["status"]) {
  await shareExactly(await driveApi(deps.config), spreadsheetId, reportSharing(roster, status));
}
