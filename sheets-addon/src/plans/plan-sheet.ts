import { findTemplate, type TemplateDef } from "@planops/shared";
import type { AddonContext, SheetPort } from "../addon-context.js";
import type { SheetMarker } from "../sheet/types.js";

export interface PlanSheet {
  sheet: SheetPort;
  marker: SheetMarker;
  template: TemplateDef;
}

/** The active sheet if it carries a known template's marker; otherwise tells the user and returns null. */
export function activePlanSheet(ctx: AddonContext): PlanSheet | null {
  const sheet = ctx.workbook.activeSheet();
  const marker = sheet.marker();
  const template = marker ? findTemplate(marker.templateId) : undefined;
  if (!marker || !template) {
    ctx.ui.alert(ctx.t.notAPlanSheet(sheet.name));
    return null;
  }
  return { sheet, marker, template };
}
