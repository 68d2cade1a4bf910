import type { SheetsApi } from "../platform/sheets-client.js";
import { ANALYST_SHEET, type AnalystText } from "./layout.js";

const quoted = (title: string) => `'${title.replace(/'/g, "''")}'`;
const NONE: AnalystText = { conclusions: "", recommendations: "" };

/**
 * What the analyst typed into the report's 结论 and 建议 cells, found by the
 * sheet's id (they may rename the tab); nothing yet (or the tab deleted): empty.
 * Undefined when the spreadsheet itself is gone.
 */
export async function readAnalystText(api: SheetsApi, spreadsheetId: string): Promise<AnalystText | undefined> {
  let title: string | undefined;
  try {
    const got = await api.spreadsheets.get({ spreadsheetId, fields: "sheets.properties(sheetId,title)" });
    title = got.data.sheets?.find((s) => s.properties?.sheetId === ANALYST_SHEET.sheetId)?.properties?.title ?? undefined;
  } catch (err) {
    if ((err as { status?: unknown }).status === 404) return undefined;
    throw err;
  }
  if (title === undefined) return NONE;
  const got = await api.spreadsheets.values.batchGet({
    spreadsheetId,
    ranges: [`${quoted(title)}!${ANALYST_SHEET.conclusions}`, `${quoted(title)}!${ANALYST_SHEET.recommendations}`],
    valueRenderOption: "FORMATTED_VALUE",
  });
  const cell = (i: number) => String(got.data.valueRanges?.[i]?.values?.[0]?.[0] ?? "");
  return { conclusions: cell(0), recommendations: cell(1) };
}
