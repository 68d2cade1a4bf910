import type { Member } from "@planops/shared/api";
import type { Deps } from "../platform/context.js";
import { driveApi } from "../platform/drive-client.js";
import { AppError } from "../platform/errors.js";
import { activeMembers } from "../roster/roster.js";
import { type Sharing, shareExactly, sharingOf } from "../sharing/share-exactly.js";
import { dashboardFor } from "./access.js";

/**
 * Who may open a dashboard's spreadsheet: exactly the active people the API lets see or refresh
 * it (access.ts decides, so the spreadsheet and the endpoint never disagree) — management and HR
 * every dashboard, a department's manager, deputies and planning group their department's — all
 * as readers: the dashboard is rewritten by the functions only.
 */
export function dashboardReaders(roster: readonly Member[], target: { department: string | null; key: string }): Sharing {
  const mayOpen = (m: Member): boolean => {
    try {
      return dashboardFor(m, target.department ?? undefined, roster).key === target.key;
    } catch (err) {
      if (err instanceof AppError) return false;
      throw err;
    }
  };
  return sharingOf({ people: activeMembers(roster).filter(mayOpen), role: "reader" });
}

/** Shares a dashboard's spreadsheet with exactly its readers in the roster now: who left or was deactivated loses it. */
export async function shareDashboard(deps: Deps, spreadsheetId: string, roster: readonly Member[], target: { department: string | null; key: string }) {
  await shareExactly(await driveApi(deps.config), spreadsheetId, dashboardReaders(roster, target));
}
