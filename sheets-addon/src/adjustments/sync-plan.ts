import { type ColumnDef, type FieldValue, idColumnOf, type Lang, referenceLabel } from "@planops/shared";
import type { PlanDetails } from "@planops/shared/api";
import { alertFailure, type AddonContext } from "../addon-context.js";
import { activeSheetFor } from "../plans/active-sheet.js";
import { readTable } from "../sheet/table.js";
import type { CellValue, ColumnRun } from "../sheet/types.js";
import { columnNumber, columnRuns, optionLabel, sheetLang } from "../sheet/write-back.js";

/** A stored plan value as the sheet shows it: a person by name, an option by its label, a parent item as "ID title". */
function cellOf(column: ColumnDef, value: FieldValue | undefined, lang: Lang, parents: PlanDetails["parents"]): CellValue {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.map((v) => optionLabel(column, v, lang)).join(lang === "zh" ? "、" : ", ");
  if (typeof value === "object") return value.name;
  if (column.type === "enum") return optionLabel(column, String(value), lang);
  if (column.type === "reference") {
    const parent = parents.find((p) => p.itemId === value);
    return parent ? referenceLabel(parent) : String(value);
  }
  return value;
}

/**
 * 同步最新版本: after an approved adjustment (a new plan version), rewrites this
 * plan sheet's plan columns from the plan as it now stands, row by row matched
 * by item ID (IDs never change), marks cancelled items, and appends the items
 * added — so owners keep updating progress on the sheet they know. Progress
 * columns other than a cancellation are left as they are.
 */
export function syncPlanSheet(ctx: AddonContext): void {
  const target = activeSheetFor(ctx, ctx.t.menu.syncPlan, (kind) => kind.flow === "plan");
  if (!target) return;
  const { sheet, kind, template } = target;
  if (kind.flow !== "plan") return;
  const planId = ctx.planIds.get(sheet.sheetId);
  if (!planId) return ctx.ui.alert(ctx.t.noPlanYet);
  const acquired = ctx.lock.run(() => {
    ctx.ui.toast(ctx.t.syncingPlan);
    const result = ctx.api.call("getPlan", { planId });
    if (!result.ok) return alertFailure(ctx, result.failure);
    const plan = result.value;
    const table = readTable(sheet.readValues(), ctx.workbook.formatDay);
    const lang = sheetLang(template, table.headers, ctx.lang);
    const idKey = idColumnOf(template)?.key;
    const idColumn = idKey ? columnNumber(template, table.headers, idKey) : undefined;
    if (!idColumn) return ctx.ui.alert(ctx.t.noPlanYet);
    const statusKey = kind.roles.status;
    const columns = template.columns
      .map((c) => ({ c, n: columnNumber(template, table.headers, c.key) }))
      .filter((x): x is { c: ColumnDef; n: number } => x.n !== undefined && x.c.section === "plan" && x.c.type !== "id");
    const statusColumn = statusKey ? columnNumber(template, table.headers, statusKey) : undefined;
    const statusDef = template.columns.find((c) => c.key === statusKey);
    const byId = new Map(plan.items.map((t) => [t.itemId, t]));
    const cells = new Map<number, { row: number; value: CellValue }[]>();
    const put = (column: number, row: number, value: CellValue) => cells.set(column, [...(cells.get(column) ?? []), { row, value }]);
    const seen = new Set<string>();
    let changed = 0;
    for (const { row, cells: raw } of table.rows) {
      const id = raw[idColumn - 1];
      const item = typeof id === "string" ? byId.get(id.trim()) : undefined;
      if (!item) continue;
      seen.add(item.itemId);
      let rowChanged = false;
      for (const { c, n } of columns) {
        const value = cellOf(c, item.fields[c.key], lang, plan.parents);
        const current = raw[n - 1] ?? "";
        if (String(current) === String(value)) continue;
        // An empty cell read as the column's default (priority, weight) is not a change.
        const fallback = "defaultValue" in c && c.defaultValue !== undefined ? cellOf(c, c.defaultValue as FieldValue, lang, plan.parents) : "";
        if (current === "" && String(value) === String(fallback)) continue;
        put(n, row, value);
        rowChanged = true;
      }
      if (statusColumn && statusDef && item.status === "cancelled") {
        const label = optionLabel(statusDef, "cancelled", lang);
        if (raw[statusColumn - 1] !== label) {
          put(statusColumn, row, label);
          rowChanged = true;
        }
      }
      if (rowChanged) changed++;
    }
    // Items added by an adjustment: new rows below the table.
    let next = Math.max(1, ...table.rows.map((r) => r.row)) + 1;
    const added = plan.items.filter((t) => !seen.has(t.itemId));
    for (const item of added) {
      put(idColumn, next, item.itemId);
      for (const { c, n } of columns) put(n, next, cellOf(c, item.fields[c.key], lang, plan.parents));
      if (statusColumn && statusDef && item.status) put(statusColumn, next, optionLabel(statusDef, item.status, lang));
      next++;
    }
    const runs: ColumnRun[] = [...cells].flatMap(([column, list]) => columnRuns(column, list));
    sheet.writeRuns(runs);
    ctx.ui.alert(ctx.t.planSynced(plan.revision, changed, added.length));
  });
  if (!acquired) ctx.ui.alert(ctx.t.busy);
}
