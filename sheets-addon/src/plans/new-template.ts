import { ROSTER_KIND, findKind, nextPlanningPeriod, periodOfMonth, type DocumentKind } from "@planops/shared";
import { alertFailure, type AddonContext } from "../addon-context.js";
import type { SheetWhen } from "../i18n/messages.js";
import type { RosterResponse } from "@planops/shared/api";
import { type ConfiguredLists, type ReferenceOptions, type TemplateRecord, templateLayout, templateSheetName } from "./template-layout.js";

/**
 * Which period a new sheet of a kind is for: plans are drafted at the end of a
 * period for the next one (next year, quarter or month); other per-period
 * sheets (implementation steps) are for the current one; the roster has none.
 */
export function sheetWhen(kind: DocumentKind): SheetWhen {
  const periodKind = kind.template.periodKind;
  if (periodKind === null) return null;
  return { relation: kind.flow === "plan" ? "next" : "current", kind: periodKind };
}

/**
 * 新建模板 › <kind>: builds the kind's sheet from its template declaration, or
 * activates the one that exists. A sheet is found by its marker (template,
 * version, period), not its name, which depends on the creator's language.
 */
export function newTemplate(ctx: AddonContext, kindId: string): void {
  const kind = findKind(kindId);
  if (!kind) throw new Error(`unknown template kind: ${kindId}`);
  const { template } = kind;
  const when = sheetWhen(kind);
  const today = ctx.workbook.currentMonth();
  const period = when === null ? null : (when.relation === "next" ? nextPlanningPeriod : periodOfMonth)(when.kind, today).id;

  const existing = ctx.workbook.sheets().find((s) => {
    const marker = s.marker();
    return marker?.templateId === template.id && marker.version === template.version && marker.period === period;
  });
  if (existing) {
    existing.activate();
    return ctx.ui.alert(ctx.t.sheetExists(existing.name, when, kind.flow === "plan"));
  }
  const sheetName = templateSheetName(template, ctx.lang, period);
  if (ctx.workbook.hasSheetNamed(sheetName)) {
    const older = ctx.workbook.sheets().some((s) => s.name === sheetName && s.marker()?.templateId === template.id);
    return ctx.ui.alert(older ? ctx.t.outdatedSheetExists(sheetName) : ctx.t.sheetNameTaken(sheetName));
  }

  // What the dropdowns and the pre-filled rows need, asked only when the template has such columns.
  const needsRoster = template.columns.some((c) => c.type === "department" || c.type === "person");
  const needsReferences = period !== null && template.columns.some((c) => c.type === "reference");
  let roster: RosterResponse | undefined;
  if (needsRoster) {
    const result = ctx.api.call("roster", {});
    if (!result.ok) return alertFailure(ctx, result.failure);
    roster = result.value;
  }
  let references: ReferenceOptions | undefined;
  if (needsReferences && period !== null) {
    const result = ctx.api.call("referenceOptions", { template: template.id, period });
    if (!result.ok) return alertFailure(ctx, result.failure);
    references = result.value;
  }
  // Configured lists change without a new template: their current entries, one call per list.
  const lists: ConfiguredLists = {};
  for (const column of template.columns) {
    if (column.type !== "configured" || lists[column.list]) continue;
    const result = ctx.api.call("listOptions", { list: column.list });
    if (!result.ok) return alertFailure(ctx, result.failure);
    lists[column.list] = result.value.options;
  }
  let records: TemplateRecord[] | undefined;
  if (kind.id === ROSTER_KIND.id) {
    const result = ctx.api.call("rosterRecords", {});
    if (!result.ok) return alertFailure(ctx, result.failure);
    records = result.value.rows;
  }

  const layout = templateLayout({ template, lang: ctx.lang, period, t: ctx.t, roster, references, lists, records });
  ctx.workbook.createTemplateSheet(layout);
  ctx.ui.toast(ctx.t.sheetCreated(layout.sheetName));
  if (template.help) ctx.ui.alert(ctx.t.templateHelp(layout.sheetName, template.help[ctx.lang]));
}
