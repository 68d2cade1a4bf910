export * from "./types.js";
export * from "./common-columns.js";
export * from "./annual-plan.js";
export * from "./quarterly-plan.js";
export * from "./monthly-plan.js";
export * from "./task-steps.js";
export * from "./plan-adjustment.js";
export * from "./operations-indicators.js";
export * from "./operations-data.js";
export * from "./roster.js";
export * from "./kinds.js";
export * from "./sheet-marker.js";

import type { Lang } from "../text.js";
import type { ColumnDef, TemplateDef } from "./types.js";

/** Finds the column a header cell names, in either language, ignoring surrounding spaces. */
export function columnForHeader(template: TemplateDef, header: string): ColumnDef | undefined {
  const h = header.trim();
  return template.columns.find((c) => c.header.zh === h || c.header.en.toLowerCase() === h.toLowerCase());
}

export function headerRow(template: TemplateDef, lang: Lang): string[] {
  return template.columns.map((c) => c.header[lang]);
}

/** The template's ID column, if it has one. */
export function idColumnOf(template: TemplateDef): ColumnDef | undefined {
  return template.columns.find((c) => c.type === "id");
}

/** How a reference dropdown shows an item, and how a typed or chosen value is read back: the ID comes first. */
export const referenceLabel = (item: { itemId: string; title: string }) => {
  const title = [...item.title.replace(/\s+/g, " ")];
  return `${item.itemId} ${title.length > 40 ? `${title.slice(0, 40).join("")}…` : title.join("")}`;
};
export const referenceIdOf = (cell: string) => cell.trim().split(/\s+/)[0] ?? "";
