export * from "./types.js";
export * from "./monthly-plan.js";
export * from "./sheet-marker.js";

import { MONTHLY_PLAN } from "./monthly-plan.js";
import type { Lang } from "../text.js";
import type { ColumnDef, TemplateDef } from "./types.js";

export const TEMPLATES = { [MONTHLY_PLAN.id]: MONTHLY_PLAN } as const satisfies Record<string, TemplateDef>;
export type TemplateId = keyof typeof TEMPLATES;

export function findTemplate(id: string): TemplateDef | undefined {
  return Object.prototype.hasOwnProperty.call(TEMPLATES, id) ? TEMPLATES[id as TemplateId] : undefined;
}

/** Finds the column a header cell names, in either language, ignoring surrounding spaces. */
export function columnForHeader(template: TemplateDef, header: string): ColumnDef | undefined {
  const h = header.trim();
  return template.columns.find((c) => c.header.zh === h || c.header.en.toLowerCase() === h.toLowerCase());
}

export function headerRow(template: TemplateDef, lang: Lang): string[] {
  return template.columns.map((c) => c.header[lang]);
}
