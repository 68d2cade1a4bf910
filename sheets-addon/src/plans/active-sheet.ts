import { DOCUMENT_KINDS, findKind, type DocumentKind, type TemplateDef } from "@planops/shared";
import type { AddonContext, SheetPort } from "../addon-context.js";
import type { SheetMarker } from "../sheet/types.js";

export interface TemplateSheet {
  sheet: SheetPort;
  marker: SheetMarker;
  kind: DocumentKind;
  template: TemplateDef;
}

/** The active sheet if it carries a known template's marker; otherwise tells the user and returns null. */
export function activeTemplateSheet(ctx: AddonContext): TemplateSheet | null {
  const sheet = ctx.workbook.activeSheet();
  const marker = sheet.marker();
  const kind = marker ? findKind(marker.templateId) : undefined;
  if (!marker || !kind) {
    ctx.ui.alert(ctx.t.notATemplateSheet(sheet.name));
    return null;
  }
  return { sheet, marker, kind, template: kind.template };
}

/**
 * The active sheet if it is a template sheet of a kind `applies` accepts;
 * otherwise tells the user which sheets the action is for and returns null.
 */
export function activeSheetFor(ctx: AddonContext, action: string, applies: (kind: DocumentKind) => boolean): TemplateSheet | null {
  const found = activeTemplateSheet(ctx);
  if (!found) return null;
  if (applies(found.kind)) return found;
  const titles = DOCUMENT_KINDS.filter(applies).map((k) => k.template.title[ctx.lang]);
  ctx.ui.alert(ctx.t.onlyFor(action, found.sheet.name, titles));
  return null;
}

/** Kinds whose sheets owners fill in with status and % complete (更新进度): the monthly plan. */
export const takesProgress = (kind: DocumentKind): boolean => kind.flow === "plan" && Boolean(kind.roles.status || kind.roles.percent);

/** Kinds issued (下发) to their owners once approved: the monthly plan. */
export const isIssued = (kind: DocumentKind): boolean => kind.flow === "plan" && kind.issuedAfterApproval;

/** Kinds with a system column of rolled-up progress (刷新进度): the quarterly and annual plans. */
export const showsRolledUpProgress = (kind: DocumentKind): boolean =>
  kind.flow === "plan" && kind.roles.progress !== undefined && kind.template.columns.some((c) => c.key === kind.roles.progress);
