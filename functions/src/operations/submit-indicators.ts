import { monthPeriod, OPERATIONS_INDICATORS, type RecordOf, type Text } from "@planops/shared";
import type { CellError, Indicator, SubmitRequest, SubmitResponse } from "@planops/shared/api";
import { byOf } from "../audit/changes.js";
import { type AuditValue, diff, recordChange } from "../audit/trail.js";
import type { Call, Outcome } from "../platform/context.js";
import { today } from "../platform/context.js";
import { AppError } from "../platform/errors.js";
import { loadRoster } from "../roster/roster.js";
import type { Fail } from "../sheets/read-records.js";
import { readRecords } from "../sheets/read-records.js";
import { cellError, columnPosition } from "../sheets/table.js";
import { assertKeepsOperationsData } from "./access.js";
import { rowsText } from "./format.js";
import { INDICATOR_CODE, INDICATORS, type IndicatorDoc, indicatorOf, loadIndicators } from "./indicators.js";

type IndicatorRow = RecordOf<typeof OPERATIONS_INDICATORS>;

const failed = (cells: CellError[]) =>
  new AppError(
    "VALIDATION_FAILED",
    {
      zh: `有 ${cells.length} 处错误，已在表格中标出；指标设置未作任何修改`,
      en: `${cells.length} problem(s), marked in the sheet; the indicators were not changed`,
    },
    cells,
  );

/** One row's own rules: a code that can be stored, and a range that is a range. */
function indicatorRowRule(v: IndicatorRow, fail: Fail): void {
  if (v.code !== "" && !INDICATOR_CODE.test(v.code)) {
    fail("code", "BAD_CODE", {
      zh: "编码只能由字母、汉字、数字和 - _ . 组成，以字母、汉字或数字开头，最多 40 字",
      en: "a code is letters, digits and - _ . only, starting with a letter or digit, at most 40 characters",
    });
  }
  if (v.min !== null && v.max !== null && v.min > v.max) {
    fail("max", "MIN_ABOVE_MAX", { zh: `合理上限 ${v.max} 小于合理下限 ${v.min}`, en: `the plausible maximum ${v.max} is below the minimum ${v.min}` });
  }
}

const toIndicator = (v: IndicatorRow): Indicator => ({
  code: v.code,
  name: { zh: v.nameZh, en: v.nameEn },
  category: v.category,
  unit: v.unit,
  target: v.target,
  min: v.min,
  max: v.max,
  threshold: v.threshold / 100,
  aggregate: v.aggregate,
  better: v.better,
});

/** What the trail keeps of an indicator: its settings, flat. */
const auditValues = (i: Indicator | undefined, active: boolean): Record<string, AuditValue> =>
  i
    ? {
        nameZh: i.name.zh,
        nameEn: i.name.en,
        category: i.category,
        unit: i.unit,
        target: i.target,
        min: i.min,
        max: i.max,
        threshold: i.threshold,
        aggregate: i.aggregate,
        better: i.better,
        active,
      }
    : {};

/**
 * 运营指标设置: the sheet becomes the set of indicators, in one transaction;
 * indicators missing from it are deactivated, never deleted, so their data stays.
 */
export async function submitIndicators({ deps, caller }: Call, req: SubmitRequest): Promise<Outcome<SubmitResponse>> {
  const roster = await loadRoster(deps.db);
  assertKeepsOperationsData(caller, roster, { zh: "运营指标设置", en: "the operations indicators" });
  const { rows, errors, map } = readRecords(OPERATIONS_INDICATORS, req, { roster }, { rowRule: indicatorRowRule });
  // Codes in any case are one code: the data sheet reads them so.
  const byCode = new Map<string, { code: string; where: number[] }>();
  for (const r of rows) {
    const key = r.values.code.toLowerCase();
    byCode.set(key, { code: byCode.get(key)?.code ?? r.values.code, where: [...(byCode.get(key)?.where ?? []), r.row] });
  }
  for (const { code, where } of byCode.values()) {
    if (where.length < 2) continue;
    const { column, header } = columnPosition(map, "code");
    const listed = rowsText(where);
    for (const row of where) {
      errors.push(
        cellError(row, column, header, "DUPLICATE_CODE", {
          zh: `编码 ${code} 在第 ${listed.zh} 行重复出现；每项指标只占一行`,
          en: `the code ${code} appears on rows ${listed.en}; one row per indicator`,
        }),
      );
    }
  }
  // A data row may name its indicator by either name: two indicators of one name could not be told apart.
  for (const key of ["nameZh", "nameEn"] as const) {
    const byName = new Map<string, { name: string; where: number[] }>();
    for (const r of rows) {
      const k = r.values[key].normalize("NFKC").trim().toLowerCase();
      byName.set(k, { name: byName.get(k)?.name ?? r.values[key], where: [...(byName.get(k)?.where ?? []), r.row] });
    }
    const { column, header } = columnPosition(map, key);
    for (const { name, where } of byName.values()) {
      if (where.length < 2) continue;
      const listed = rowsText(where);
      for (const row of where) {
        errors.push(
          cellError(row, column, header, "DUPLICATE_NAME", {
            zh: `名称“${name}”在第 ${listed.zh} 行重复出现；按名称填写的运营数据无法区分，请改用不同的名称`,
            en: `the name “${name}” is on rows ${listed.en}; operations data typed by name could not tell them apart, so give each its own name`,
          }),
        );
      }
    }
  }
  if (errors.length > 0) throw failed(errors.sort((a, b) => a.row - b.row || a.column - b.column));
  if (rows.length === 0)
    throw new AppError("VALIDATION_FAILED", { zh: "表格中没有指标，请至少填写一行", en: "The sheet has no indicators; fill in at least one row" }, []);

  const at = deps.now().toISOString();
  const [year, month] = today(deps).split("-").map(Number) as [number, number];
  const thisMonth = monthPeriod(year, month).id;
  const by = { email: caller.email, name: caller.name };
  const counts = await deps.db.runTransaction(async (tx) => {
    const { stored } = await loadIndicators(deps.db, tx);
    // A code retyped in another case is the stored indicator, under its stored code (an id of its data).
    const before = new Map(stored.map((d) => [d.code.toLowerCase(), d]));
    const listed = new Set<string>();
    const c = { added: 0, changed: 0, deactivated: 0 };
    const write = (doc: IndicatorDoc, was: IndicatorDoc | undefined) => {
      const d = diff(auditValues(was && indicatorOf(was), was?.active ?? false), auditValues(indicatorOf(doc), doc.active));
      // A row moved but unchanged is not rewritten: the order is cosmetic, and an unchanged sheet writes nothing.
      if (was && Object.keys(d.to).length === 0) return;
      tx.set(deps.db.collection(INDICATORS).doc(doc.code), doc);
      const action = !was ? "added" : was.active && !doc.active ? "deactivated" : !was.active && doc.active ? "reactivated" : "changed";
      recordChange(tx, deps.db, { subject: { type: "operations-indicator", id: doc.code }, action, by: byOf(caller), at, ...d });
      if (action === "added") c.added++;
      else if (action === "deactivated") c.deactivated++;
      else c.changed++;
    };
    const codes = rows.map((r, order) => {
      const was = before.get(r.values.code.toLowerCase());
      const code = was?.code ?? r.values.code;
      listed.add(code);
      write({ ...toIndicator(r.values), code, active: true, order, since: was?.since ?? thisMonth, updatedAt: at, updatedBy: by }, was);
      return code;
    });
    for (const was of stored) if (!listed.has(was.code) && was.active) write({ ...was, active: false, updatedAt: at, updatedBy: by }, was);
    return { ...c, codes };
  });
  const unchanged = counts.added + counts.changed + counts.deactivated === 0;
  const message: Text = unchanged
    ? { zh: "指标设置未变化，无需重新提交", en: "Nothing changed in the indicators; nothing was saved" }
    : {
        zh: `指标设置已更新：新增 ${counts.added} 项，修改 ${counts.changed} 项，停用 ${counts.deactivated} 项`,
        en: `Indicators updated: ${counts.added} added, ${counts.changed} changed, ${counts.deactivated} deactivated`,
      };
  return {
    body: {
      kind: OPERATIONS_INDICATORS.id,
      documentId: OPERATIONS_INDICATORS.id,
      revision: null,
      status: null,
      unchanged,
      rows: rows.map((r, i) => ({ row: r.row, itemId: counts.codes[i] ?? r.values.code, status: null })),
      message,
    },
  };
}
