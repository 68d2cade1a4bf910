import type { Firestore } from "@google-cloud/firestore";
import { monthsOf, type Period } from "@planops/shared";
import { loadIndicators } from "./indicators.js";
import { type ReportData, reportFigures, type ReportFigures, firstMonthNeeded } from "./report-figures.js";
import { anomalyOf, loadAnomalies, loadValues } from "./store.js";

/** What a report for period `p` is computed from: the active indicators, the months its figures need, the period's anomalies. */
export async function loadReportData(db: Firestore, p: Period): Promise<ReportData> {
  const months = monthsOf(p);
  const first = months[0]?.id ?? p.id;
  const last = months.at(-1)?.id ?? p.id;
  const [{ active }, values, anomalies] = await Promise.all([loadIndicators(db), loadValues(db, firstMonthNeeded(p), last), loadAnomalies(db, first, last)]);
  return {
    indicators: active,
    values: values.map((v) => ({ period: v.period, indicator: v.indicator, value: v.value })),
    anomalies: anomalies.map(anomalyOf),
  };
}

/** The report figures of period `p` from the store (for 数据分析报告). */
export const loadReportFigures = async (db: Firestore, p: Period): Promise<ReportFigures> => reportFigures(p, await loadReportData(db, p));
