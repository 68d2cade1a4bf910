import { period as parsePeriod } from "@planops/shared";
import type { Report } from "@planops/shared/api";
import { loadReportFigures } from "../operations/report-data.js";
import { type Call, localTime } from "../platform/context.js";
import { sheetsApi } from "../platform/sheets-client.js";
import { loadRoster } from "../roster/roster.js";
import { writeSpreadsheet } from "../dashboards/spreadsheet.js";
import { assertMakesReports } from "./access.js";
import { readAnalystText } from "./analyst-text.js";
import { reportSpec } from "./layout.js";
import { shareReport } from "./readers.js";
import { reportOf, reportRef } from "./store.js";
import { whileGoogleAnswers } from "../platform/google-apis.js";

/**
 * 生成数据分析报告: writes the period's report spreadsheet from the operations
 * data, or rewrites it with the current figures, keeping the analyst's 结论 and
 * 建议 as typed. Regenerating a published report keeps it published. Then the
 * spreadsheet is shared with exactly its writers and readers in the roster now.
 */
export async function generateReport({ deps, caller }: Call, input: { period: string }): Promise<Report> {
  return whileGoogleAnswers({ zh: "报告生成", en: "generating the report" }, async () => {
    const roster = await loadRoster(deps.db);
    assertMakesReports(caller, roster, { zh: "生成", en: "generate" });
    const ref = reportRef(deps.db, input.period);
    const [snap, figures, api] = await Promise.all([ref.get(), loadReportFigures(deps.db, parsePeriod(input.period)), sheetsApi(deps.config)]);
    const existing = snap.exists ? reportOf(snap.data()) : undefined;
    const analyst = existing ? await readAnalystText(api, existing.spreadsheetId) : { conclusions: "", recommendations: "" };
    const now = deps.now().toISOString();
    const spec = reportSpec(figures, { generatedAtLocal: localTime(deps, now), generatedBy: caller.name }, analyst);
    const written = await writeSpreadsheet(api, existing?.spreadsheetId, spec);
    const report: Report = {
      period: input.period,
      spreadsheetId: written.spreadsheetId,
      url: written.url,
      status: existing?.status ?? "draft",
      generatedAt: now,
      generatedBy: { email: caller.email, name: caller.name },
      publishedAt: existing?.publishedAt ?? null,
    };
    // A publish that committed meanwhile keeps its status and time; only the spreadsheet and generation change.
    const saved = await deps.db.runTransaction(async (tx) => {
      const current = await tx.get(ref);
      const merged = current.exists ? { ...report, status: reportOf(current.data()).status, publishedAt: reportOf(current.data()).publishedAt } : report;
      tx.set(ref, merged);
      return merged;
    });
    // After the record: a sharing that fails is retried on this spreadsheet by the next generation, not on a new one.
    await shareReport(deps, saved.spreadsheetId, roster, saved.status);
    return saved;
  });
}
