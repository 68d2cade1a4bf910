import { monthPeriod, OPERATIONS_DATA, parsePeriod, type Text } from "@planops/shared";
import type { Anomaly, CellError, Indicator, SubmitRequest, SubmitResponse } from "@planops/shared/api";
import { byOf } from "../audit/changes.js";
import { diff, recordChange } from "../audit/trail.js";
import { operationsAnomaliesFound } from "../notifications/operations-messages.js";
import { enqueue } from "../notifications/outbox.js";
import type { Call, Outcome } from "../platform/context.js";
import { today } from "../platform/context.js";
import { AppError } from "../platform/errors.js";
import { loadRoster } from "../roster/roster.js";
import type { Parsed } from "../sheets/cells.js";
import { readRecords } from "../sheets/read-records.js";
import { cellError, columnPosition } from "../sheets/table.js";
import { assertKeepsOperationsData, dataAnalysts } from "./access.js";
import { valueAnomalies } from "./anomalies.js";
import { rowsText } from "./format.js";
import { loadIndicators } from "./indicators.js";
import { addMonths } from "./months.js";
import {
  ANOMALIES,
  type AnomalyDoc,
  anomalyId,
  anomalyOf,
  loadAnomalies,
  loadValues,
  monthlyValues,
  NOTICES,
  type NoticeDoc,
  sameAnomaly,
  VALUES,
  type ValueDoc,
  valueId,
} from "./store.js";

const failed = (cells: CellError[]) =>
  new AppError(
    "VALIDATION_FAILED",
    { zh: `有 ${cells.length} 处错误，已在表格中标出；没有保存任何数据`, en: `${cells.length} problem(s), marked in the sheet; nothing was saved` },
    cells,
  );

const norm = (s: string) => s.normalize("NFKC").trim();

/** An 指标 cell → an active indicator: its code, "code name" as a dropdown shows it, or its name in either language. */
function resolveIndicator(cell: string, active: readonly Indicator[]): Parsed<Indicator> {
  const s = norm(cell);
  const first = (s.split(/\s+/)[0] ?? "").toLowerCase();
  // A whole name before a first word: "Sales online" is that indicator even when another's code is "sales".
  const hit =
    active.find((i) => i.code.toLowerCase() === s.toLowerCase()) ??
    active.find((i) => norm(i.name.zh) === s || norm(i.name.en).toLowerCase() === s.toLowerCase()) ??
    active.find((i) => i.code.toLowerCase() === first);
  if (hit) return { ok: true, value: hit };
  const allowed = active.map((i) => `${i.code}（${i.name.zh}）`).join("、");
  const allowedEn = active.map((i) => `${i.code} (${i.name.en})`).join(", ");
  return {
    ok: false,
    code: "UNKNOWN_INDICATOR",
    text: { zh: `“${s}”不是启用的运营指标；可选：${allowed}`, en: `“${s}” is not an active operations indicator; choose one of: ${allowedEn}` },
  };
}

/**
 * 运营数据: one month's figures. All or nothing; the sheet becomes the month's
 * data (an indicator left out has its value for the month removed). Each value
 * is judged by the anomaly rules against the stored months before it; the
 * data-analysis group is told of anomalies not told before, once.
 */
export async function submitOperationsData({ deps, caller }: Call, req: SubmitRequest): Promise<Outcome<SubmitResponse>> {
  const month = parsePeriod(req.period, "month");
  if (!month)
    throw new AppError("BAD_REQUEST", {
      zh: `表格的月份标记“${req.period}”无效；请用“新建模板”重新生成表格`,
      en: `The sheet's month marker “${req.period}” is invalid; create the sheet again with “New template”`,
    });
  const [year, m] = today(deps).split("-").map(Number) as [number, number];
  const current = monthPeriod(year, m).id;
  if (month.id > current)
    throw new AppError("BAD_REQUEST", {
      zh: `${month.id} 尚未开始，不能提交该月的运营数据；可提交 ${current} 及以前的月份`,
      en: `${month.id} has not begun; operations data can be submitted for ${current} and earlier months`,
    });
  const [roster, { active }] = await Promise.all([loadRoster(deps.db), loadIndicators(deps.db)]);
  assertKeepsOperationsData(caller, roster, { zh: "运营数据", en: "operations data" });

  const { rows, errors, map } = readRecords(OPERATIONS_DATA, req, { roster });
  const { column, header } = columnPosition(map, "indicator");
  const resolved: { row: number; indicator: Indicator; value: number; note: string }[] = [];
  const rowsOf = new Map<string, number[]>();
  for (const r of rows) {
    const hit = resolveIndicator(r.values.indicator, active);
    if (!hit.ok) {
      errors.push(cellError(r.row, column, header, hit.code, hit.text));
      continue;
    }
    resolved.push({ row: r.row, indicator: hit.value, value: r.values.value, note: r.values.note });
    rowsOf.set(hit.value.code, [...(rowsOf.get(hit.value.code) ?? []), r.row]);
  }
  for (const [code, where] of rowsOf) {
    if (where.length < 2) continue;
    const listed = rowsText(where);
    for (const row of where)
      errors.push(
        cellError(row, column, header, "DUPLICATE_INDICATOR", {
          zh: `指标 ${code} 在第 ${listed.zh} 行重复出现；每项指标每月只填一行`,
          en: `the indicator ${code} appears on rows ${listed.en}; one row per indicator and month`,
        }),
      );
  }
  if (errors.length > 0) throw failed(errors.sort((a, b) => a.row - b.row || a.column - b.column));
  if (resolved.length === 0)
    throw new AppError("VALIDATION_FAILED", { zh: "表格中没有数据，请至少填写一行", en: "The sheet has no values; fill in at least one row" }, []);

  const at = deps.now().toISOString();
  const by = { email: caller.email, name: caller.name };
  const analysts = dataAnalysts(roster);
  const result = await deps.db.runTransaction(async (tx) => {
    const noticeRef = deps.db.collection(NOTICES).doc(month.id);
    const [values, standing, notices] = await Promise.all([
      loadValues(deps.db, addMonths(month.id, -12), month.id, tx),
      loadAnomalies(deps.db, month.id, month.id, tx),
      tx.get(noticeRef),
    ]);
    const before = values.filter((v) => v.period === month.id);
    const history = values.filter((v) => v.period !== month.id);

    // The month's values: the sheet's rows replace what is stored.
    let changes = 0;
    const listed = new Set(resolved.map((r) => r.indicator.code));
    const was = new Map(before.map((v) => [v.indicator, v]));
    const audit = (action: string, from: ValueDoc | undefined, to: ValueDoc | undefined) => {
      const shown = (v: ValueDoc | undefined) => (v ? { indicator: v.indicator, value: v.value, note: v.note } : {});
      recordChange(tx, deps.db, { subject: { type: "operations-data", id: month.id }, action, by: byOf(caller), at, ...diff(shown(from), shown(to)) });
      changes++;
    };
    for (const r of resolved) {
      const old = was.get(r.indicator.code);
      if (old && old.value === r.value && old.note === r.note) continue;
      const doc: ValueDoc = { period: month.id, indicator: r.indicator.code, value: r.value, note: r.note, submittedBy: by, submittedAt: at };
      tx.set(deps.db.collection(VALUES).doc(valueId(month.id, r.indicator.code)), doc);
      audit(old ? "changed" : "added", old, doc);
    }
    for (const old of before) {
      if (listed.has(old.indicator)) continue;
      tx.delete(deps.db.collection(VALUES).doc(valueId(month.id, old.indicator)));
      audit("removed", old, undefined);
    }

    // The month's anomalies: recomputed from its values; a missing-data flag stands while the value is still missing.
    const found: Anomaly[] = resolved.flatMap((r) => valueAnomalies(r.indicator, month.id, r.value, monthlyValues(history, r.indicator.code)));
    const stillMissing = standing.filter((a) => a.rule === "missing" && !listed.has(a.indicator)).map(anomalyOf);
    const next = new Map([...found, ...stillMissing].map((a) => [anomalyId(a), a]));
    const stood = new Map(standing.map((a) => [anomalyId(a), a]));
    const fresh = found.filter((a) => {
      const old = stood.get(anomalyId(a));
      return !old || !sameAnomaly(old, a);
    });
    for (const id of stood.keys()) if (!next.has(id)) tx.delete(deps.db.collection(ANOMALIES).doc(id));
    for (const a of fresh) tx.set(deps.db.collection(ANOMALIES).doc(anomalyId(a)), { ...a, detectedAt: at } satisfies AnomalyDoc);

    let outbox: string[] = [];
    if (fresh.length > 0 && analysts.length > 0) {
      const notice = ((notices.data() as NoticeDoc | undefined)?.count ?? 0) + 1;
      tx.set(noticeRef, { count: notice } satisfies NoticeDoc);
      outbox = enqueue(
        tx,
        deps.db,
        analysts.map((to) => operationsAnomaliesFound(month.id, fresh, caller, to, notice)),
        deps.now(),
      );
    }
    return { changes, anomalies: next.size, fresh: fresh.length, outbox };
  });

  const unchanged = result.changes === 0;
  const anomalyText: Text =
    result.anomalies === 0
      ? { zh: "未发现数据异常", en: "no anomalies" }
      : result.fresh === 0
        ? { zh: `数据异常 ${result.anomalies} 项，均已通知过`, en: `${result.anomalies} anomalies, all told before` }
        : {
            zh: `数据异常 ${result.anomalies} 项，其中新发现 ${result.fresh} 项已通知数据分析组`,
            en: `${result.anomalies} anomalies; the ${result.fresh} new one(s) were sent to the data-analysis group`,
          };
  const message: Text = unchanged
    ? { zh: `${month.id} 的运营数据未变化，无需重新提交`, en: `The operations data of ${month.id} did not change; nothing was saved` }
    : {
        zh: `已保存 ${month.id} 的运营数据（${resolved.length} 项指标）；${anomalyText.zh}`,
        en: `Saved the operations data of ${month.id} (${resolved.length} indicators); ${anomalyText.en}`,
      };
  return {
    body: {
      kind: OPERATIONS_DATA.id,
      documentId: `operations-data_${month.id}`,
      revision: null,
      status: null,
      unchanged,
      rows: resolved.map((r) => ({ row: r.row, itemId: r.indicator.code, status: null })),
      message,
    },
    outbox: result.outbox,
  };
}
