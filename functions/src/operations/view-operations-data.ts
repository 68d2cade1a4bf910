import { parsePeriod } from "@planops/shared";
import type { OperationsDataResponse } from "@planops/shared/api";
import type { Call } from "../platform/context.js";
import { AppError } from "../platform/errors.js";
import { loadRoster } from "../roster/roster.js";
import { seesOperationsData } from "./access.js";
import { loadIndicators } from "./indicators.js";
import { monthIndex } from "./months.js";
import { anomalyOf, loadAnomalies, loadValues } from "./store.js";

/** The longest range one answer covers: three years of months. */
export const MAX_MONTHS = 36;

/**
 * 运营数据 for the months from..to: the active indicators, their values and the
 * standing anomalies. For the data-analysis group, the department's manager and
 * deputies, company management and HR.
 */
export async function viewOperationsData({ deps, caller }: Call, req: { from: string; to: string }): Promise<OperationsDataResponse> {
  const from = parsePeriod(req.from, "month");
  const to = parsePeriod(req.to, "month");
  if (!from || !to)
    throw new AppError("BAD_REQUEST", {
      zh: `from 和 to 应为月份（如 2026-01），收到 “${req.from}” 和 “${req.to}”`,
      en: `from and to must be months (e.g. 2026-01); got “${req.from}” and “${req.to}”`,
    });
  const span = monthIndex(to.id) - monthIndex(from.id) + 1;
  if (span < 1 || span > MAX_MONTHS)
    throw new AppError("BAD_REQUEST", {
      zh: `月份范围应为 1–${MAX_MONTHS} 个月且 from 不晚于 to；收到 ${from.id} 至 ${to.id}`,
      en: `the range must cover 1 to ${MAX_MONTHS} months with from not after to; got ${from.id} to ${to.id}`,
    });
  const roster = await loadRoster(deps.db);
  if (!seesOperationsData(caller, roster))
    throw new AppError("FORBIDDEN", {
      zh: "只有数据分析组、部门经理、副经理、公司管理层和人力资源部门可以查看运营数据",
      en: "Only the data-analysis group, the department manager, deputies, company management and HR may view operations data",
    });
  const [{ active }, values, anomalies] = await Promise.all([
    loadIndicators(deps.db),
    loadValues(deps.db, from.id, to.id),
    loadAnomalies(deps.db, from.id, to.id),
  ]);
  const codes = new Set(active.map((i) => i.code));
  const byPeriod = <T extends { period: string; indicator: string }>(a: T, b: T) => a.period.localeCompare(b.period) || a.indicator.localeCompare(b.indicator);
  return {
    indicators: active,
    values: values
      .filter((v) => codes.has(v.indicator))
      .sort(byPeriod)
      .map((v) => ({ period: v.period, indicator: v.indicator, value: v.value, note: v.note, submittedBy: v.submittedBy, submittedAt: v.submittedAt })),
    anomalies: anomalies
      .filter((a) => codes.has(a.indicator))
      .sort(byPeriod)
      .map(anomalyOf),
  };
}
