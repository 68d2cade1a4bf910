import type { Deps } from "../platform/context.js";
import { driveApi } from "../platform/drive-client.js";

/**
 * Deletes a spreadsheet this service made and did not keep: two first refreshes (or
 * generations) at once each make one, the record keeps one, and the other would stay
 * in the service's Drive, shared with no one. Best effort: a failure is logged, the
 * answer (the kept spreadsheet) stands.
 */
export async function discardSpreadsheet(deps: Pick<Deps, "config">, spreadsheetId: string): Promise<void> {
  try {
    const api = await driveApi(deps.config);
    await api.files.delete({ fileId: spreadsheetId });
  } catch (err) {
    console.warn(JSON.stringify({ severity: "WARNING", message: "unused spreadsheet not deleted", spreadsheetId, error: String(err) }));
  }
}
