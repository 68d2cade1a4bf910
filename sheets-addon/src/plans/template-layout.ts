import { findTemplate, type ColumnDef, type Lang, type OptionListId, type TemplateDef } from "@planops/shared";
import type { ResponseOf, RosterResponse } from "@planops/shared/api";
import type { Messages } from "../i18n/messages.js";
import { markerEntries } from "../sheet/marker.js";
import type { CellValue } from "../sheet/types.js";
import { optionLabel } from "../sheet/write-back.js";

export type ReferenceOptions = ResponseOf<"referenceOptions">;
/** The current entries of the configured lists a template's `configured` columns name. */
export type ConfiguredLists = Partial<Record<OptionListId, ResponseOf<"listOptions">["options"]>>;
/** A stored record as a row of its template, by column key (the roster's records). */
export type TemplateRecord = Readonly<Record<string, unknown>>;

/** A dropdown on one column: the only values the cell accepts. */
export interface Dropdown {
  column: number;
  values: string[];
  helpText: string;
}

/** A column of checkboxes (a `boolean` column): ticked is TRUE, unticked FALSE. */
export interface CheckboxColumn {
  column: number;
  helpText: string;
}

/** A system column (ID, rolled-up progress): written by the add-on, protected with a warning for everyone else. */
export interface ProtectedColumn {
  column: number;
  description: string;
}

/**
 * Everything the add-on sets on a new template sheet, decided here from the
 * single template definition so the Apps Script side only applies it.
 * Columns and rows are 1-based.
 */
export interface TemplateLayout {
  sheetName: string;
  headers: string[];
  headerNotes: string[];
  widths: number[];
  dropdowns: Dropdown[];
  checkboxes: CheckboxColumn[];
  dateColumns: number[];
  /**
   * Percentage columns (% complete, the system progress), shown as whole percentages ("0%"):
   * Sheets stores a typed "60%" as 0.6 and the backend reads 0…1 as a fraction, so 0.6 shows
   * "60%" and is stored as 60.
   */
  percentColumns: number[];
  /** Plain-text ("@") columns: user text such as "=SUM(…)", "+86…" or "-优化流程" stays text instead of running. */
  textColumns: number[];
  headerProtection: string;
  protectedColumns: ProtectedColumn[];
  /** Rows written below the header when the sheet is built (the stored roster), in column order. */
  rows: CellValue[][];
  marker: [key: string, value: string][];
}

export const DATE_FORMAT = "yyyy-mm-dd";
export const TEXT_FORMAT = "@";
export const PERCENT_COMPLETE_FORMAT = "0%";

const TEXT_TYPES: ReadonlySet<ColumnDef["type"]> = new Set(["id", "text", "email", "reference", "enumList", "configured"]);

/** "<title> <period>", or the title alone for a template without periods. */
export function templateSheetName(template: TemplateDef, lang: Lang, period: string | null): string {
  return period === null ? template.title[lang] : `${template.title[lang]} ${period}`;
}

export function templateLayout(input: {
  template: TemplateDef;
  lang: Lang;
  period: string | null;
  t: Messages;
  /** For department and person dropdowns; without it (or with empty lists) those cells stay free. */
  roster?: RosterResponse | undefined;
  /** For reference dropdowns; a reference column without options stays free and its note says why. */
  references?: ReferenceOptions | undefined;
  /** For configured dropdowns; a configured column whose list is empty or missing stays free. */
  lists?: ConfiguredLists | undefined;
  /** Rows to pre-fill, one record per row. */
  records?: readonly TemplateRecord[] | undefined;
}): TemplateLayout {
  const { template, lang, period, t } = input;
  const numbered = template.columns.map((column, i) => ({ column, n: i + 1 }));
  const columnsOf = (test: (c: ColumnDef) => boolean) => numbered.filter(({ column }) => test(column)).map(({ n }) => n);
  const optionsFor = (key: string) => input.references?.columns.find((c) => c.key === key)?.options ?? [];

  const dropdowns: Dropdown[] = [];
  for (const { column, n } of numbered) {
    const values =
      column.type === "enum"
        ? column.options.map((o) => o.label[lang])
        : column.type === "department"
          ? (input.roster?.departments ?? [])
          : column.type === "person"
            ? (input.roster?.people.map((p) => p.label) ?? [])
            : column.type === "reference"
              ? optionsFor(column.key).map((o) => o.label)
              : column.type === "configured"
                ? (input.lists?.[column.list] ?? []).map((o) => o.label[lang])
                : [];
    // An empty list would make every value invalid; the backend still checks the cell.
    if (values.length) dropdowns.push({ column: n, values: [...new Set(values)], helpText: column.help[lang] });
  }

  const headerNotes = template.columns.map((column) => {
    if (column.type !== "reference" || optionsFor(column.key).length > 0) return column.help[lang];
    const target = findTemplate(column.to)?.title[lang] ?? column.to;
    return `${column.help[lang]}\n\n${t.referenceUnavailable(target, column.required)}`;
  });

  return {
    sheetName: templateSheetName(template, lang, period),
    headers: template.columns.map((c) => c.header[lang]),
    headerNotes,
    widths: template.columns.map((c) => c.width),
    dropdowns,
    checkboxes: numbered.filter(({ column }) => column.type === "boolean").map(({ column, n }) => ({ column: n, helpText: column.help[lang] })),
    dateColumns: columnsOf((c) => c.type === "date"),
    percentColumns: columnsOf((c) => c.type === "percent"),
    textColumns: columnsOf((c) => TEXT_TYPES.has(c.type)),
    headerProtection: t.headerProtection,
    protectedColumns: numbered
      .filter(({ column }) => column.section === "system")
      .map(({ column, n }) => ({ column: n, description: t.systemColumnProtection(column.header[lang]) })),
    rows: (input.records ?? []).map((record) => recordCells(template, record, lang, t.listSeparator)),
    marker: markerEntries({ templateId: template.id, version: template.version, period }),
  };
}

/**
 * One stored record as the cells of its template's row, in the sheet's language:
 * enum values as their labels, lists joined, booleans as checkbox values, and
 * absent values as empty cells. Plain values only: text lands in "@" cells.
 */
export function recordCells(template: TemplateDef, record: TemplateRecord, lang: Lang, separator: string): CellValue[] {
  return template.columns.map((column) => {
    const value = record[column.key];
    if (column.type === "boolean") return typeof value === "boolean" ? value : (column.defaultValue ?? false);
    if (value === null || value === undefined) return "";
    if (Array.isArray(value)) return value.map((v) => optionLabel(column, String(v), lang)).join(separator);
    if (typeof value === "number") return value;
    if (typeof value === "object") return "email" in value && typeof value.email === "string" ? value.email : "";
    return column.type === "enum" ? optionLabel(column, String(value), lang) : String(value);
  });
}
