import type { Report } from "@planops/shared/api";
import type { Call, Outcome } from "../platform/context.js";
import { AppError } from "../platform/errors.js";
import { sheetsApi } from "../platform/sheets-client.js";
import { enqueue } from "../notifications/outbox.js";
import { activeMembers, loadRoster } from "../roster/roster.js";
import { assertMakesReports } from "./access.js";
import { readAnalystText } from "./analyst-text.js";
import { ANALYST_SHEET } from "./layout.js";
import { shareReport } from "./readers.js";
import { reportPublished } from "./messages.js";
import { reportOf, reportRef } from "./store.js";
import { whileGoogleAnswers } from "../platform/google-apis.js";

/**
 * 发布数据分析报告: once the analyst has written the conclusions, the report is
 * published and company management is told, once: a second publish changes
 * nothing and tells no one again. Management may open it (Drive) before they are
 * told; each publish shares it with exactly its people in the roster now.
 */
export async function publishReport({ deps, caller }: Call, input: { period: string }): Promise<Outcome<Report>> {
  return whileGoogleAnswers({ zh: "报告发布", en: "publishing the report" }, async () => {
    const roster = await loadRoster(deps.db);
    assertMakesReports(caller, roster, { zh: "发布", en: "publish" });
    const ref = reportRef(deps.db, input.period);
    const snap = await ref.get();
    if (!snap.exists) {
      throw new AppError("NOT_FOUND", {
        zh: `${input.period} 的数据分析报告尚未生成：请先生成报告（generateReport），填写结论后再发布`,
        en: `There is no data-analysis report for ${input.period} yet: generate it (generateReport), write the conclusions, then publish`,
      });
    }
    const report = reportOf(snap.data());
    if (report.status === "published") {
      await shareReport(deps, report.spreadsheetId, roster, "published");
      return { body: report };
    }
    const analyst = await readAnalystText(await sheetsApi(deps.config), report.spreadsheetId);
    if (analyst === undefined) {
      throw new AppError("NOT_FOUND", {
        zh: `${input.period} 数据分析报告的表格已不存在（可能已被删除）：请重新生成报告（generateReport），填写结论后再发布`,
        en: `The spreadsheet of the ${input.period} data-analysis report no longer exists (it may have been deleted): generate the report again (generateReport), write the conclusions, then publish`,
      });
    }
    if (analyst.conclusions.trim() === "") {
      throw new AppError("VALIDATION_FAILED", {
        zh: `报告尚无结论，不能发布：请在报告的「${ANALYST_SHEET.title}」工作表 ${ANALYST_SHEET.conclusions} 单元格填写结论后再发布`,
        en: `The report has no conclusions and cannot be published: write them in cell ${ANALYST_SHEET.conclusions} of its "${ANALYST_SHEET.title}" sheet, then publish`,
      });
    }
    const management = activeMembers(roster).filter((m) => m.roles.includes("management"));
    await shareReport(deps, report.spreadsheetId, roster, "published");
    return deps.db.runTransaction(async (tx) => {
      const current = reportOf((await tx.get(ref)).data());
      if (current.status === "published") return { body: current };
      const now = deps.now();
      const published: Report = { ...current, status: "published", publishedAt: now.toISOString() };
      tx.set(ref, published);
      const outbox = enqueue(
        tx,
        deps.db,
        management.map((m) => reportPublished(published, caller, m)),
        now,
      );
      return { body: published, outbox };
    });
  });
}
