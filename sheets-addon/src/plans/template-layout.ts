import type { Lang, TemplateDef } from "@planops/shared";
import type { RosterResponse } from "@planops/shared/api";
import type { Messages } from "../i18n/messages.js";
import { markerEntries } from "../sheet/marker.js";

/** A dropdown on one column: the only values the cell accepts. */
export interface Dropdown {
  column: number;
  values: string[];
  helpText: string;
}

/**
 * Everything the add-on sets on a new template sheet, decided here from the
 * single template definition so the Apps Script side only applies it.
 * Columns are 1-based.
 */
export interface TemplateLayout {
  sheetName: string;
  headers: string[];
  headerNotes: string[];
  widths: number[];
  dropdowns: Dropdown[];
  dateColumns: number[];
  /**
   * % complete columns, shown as whole percentages ("0%"): Sheets stores a typed "60%"
   * as 0.6 and the backend reads 0…1 as a fraction, so 0.6 shows "60%" and is stored as 60.
   */
  percentColumns: number[];
  /** Plain-text ("@") columns: user text such as "=SUM(…)", "+86…" or "-优化流程" stays text instead of running. */
  textColumns: number[];
  idColumn: number | undefined;
  headerProtection: string;
  idProtection: string;
  marker: [key: string, value: string][];
}

export const DATE_FORMAT = "yyyy-mm-dd";
export const TEXT_FORMAT = "@";
export const PERCENT_COMPLETE_FORMAT = "0%";

export function templateLayout(input: {
  template: TemplateDef;
  lang: Lang;
  period: string;
  roster: RosterResponse;
  t: Messages;
}): TemplateLayout {
  const { template, lang, period, roster, t } = input;
  const numbered = template.columns.map((column, i) => ({ column, n: i + 1 }));
  const dropdowns: Dropdown[] = [];
  for (const { column, n } of numbered) {
    const values =
      column.type === "enum"
        ? column.options.map((o) => o.label[lang])
        : column.type === "department"
          ? roster.departments
          : column.type === "person"
            ? roster.people.map((p) => p.label)
            : [];
    // An empty roster list would make every value invalid; the backend still checks the cell.
    if (values.length) dropdowns.push({ column: n, values: [...new Set(values)], helpText: column.help[lang] });
  }
  return {
    sheetName: `${template.title[lang]} ${period}`,
    headers: template.columns.map((c) => c.header[lang]),
    headerNotes: template.columns.map((c) => c.help[lang]),
    widths: template.columns.map((c) => c.width),
    dropdowns,
    dateColumns: numbered.filter(({ column }) => column.type === "date").map(({ n }) => n),
    percentColumns: numbered.filter(({ column }) => column.type === "percent").map(({ n }) => n),
    textColumns: numbered.filter(({ column }) => column.type === "id" || column.type === "text").map(({ n }) => n),
    idColumn: numbered.find(({ column }) => column.type === "id")?.n,
    headerProtection: t.headerProtection,
    idProtection: t.idProtection,
    marker: markerEntries({ templateId: template.id, version: template.version, period }),
  };
}
