import { discardSpreadsheet } from "../sharing/discard-spreadsheet.js";
import { period as parsePeriod, periodBounds } from "@planops/shared";
import type { Report } from "@planops/shared/api";
import { loadReportFigures } from "../operations/report-data.js";
import { type Call, localTime, today } from "../platform/context.js";
import { AppError } from "../platform/errors.js";
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
    const period = parsePeriod(input.period);
    // A period not begun has no figures to report; a draft of it could still be published to management.
    const thisMonth = today(deps).slice(0, 7);
    if (periodBounds(period).first.slice(0, 7) > thisMonth) {
      throw new AppError("BAD_REQUEST", {
        zh: `${period.id} 尚未开始，不能生成数据分析报告；可生成 ${thisMonth} 及以前的月份、季度或年度的报告`,
        en: `${period.id} has not begun; reports can be made for periods that began on or before ${thisMonth}`,
      });
    }
    const ref = reportRef(deps.db, input.period);
    const [snap, figures, api] = await Promise.all([ref.get(), loadReportFigures(deps.db, period), sheetsApi(deps.config)]);
    const existing = snap.exists ? reportOf(snap.data()) : undefined;
    // A report whose spreadsheet was deleted is made again, empty for the analyst.
    const analyst = (existing ? await readAnalystText(api, existing.spreadsheetId) : undefined) ?? { conclusions: "", recommendations: "" };
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
      const other = current.exists ? reportOf(current.data()) : undefined;
      // Another generation made the report's spreadsheet meanwhile: that one is the report (the analyst writes in it), not ours.
      if (other && other.spreadsheetId !== existing?.spreadsheetId && other.spreadsheetId !== written.spreadsheetId) return other;
      const merged = other ? { ...report, status: other.status, publishedAt: other.publishedAt } : report;
      tx.set(ref, merged);
      return merged;
    });
    if (written.created && saved.spreadsheetId !== written.spreadsheetId) await discardSpreadsheet(deps, written.spreadsheetId);
    // After the record: a sharing that fails is retried on this spreadsheet by the next generation, not on a new one.
    await shareReport(deps, saved.spreadsheetId, roster, saved.status);
    return saved;
  });
}
