import type { ColumnDef, RecordOf, TemplateDef, Text } from "@planops/shared";
import type { CellError, Member, SheetTable } from "@planops/shared/api";
import {
  hasLoneSurrogate,
  INVALID_TEXT,
  isBlank,
  type Parsed,
  type Raw,
  readBoolean,
  readDate,
  readEmail,
  readEnum,
  readEnumList,
  readNumber,
  readPercent,
  readText,
  withoutControlChars,
} from "./cells.js";
import { cellError, type ColumnMap, columnPosition, mapColumns, rawCell } from "./table.js";

export type ReferenceColumn = Extract<ColumnDef, { type: "reference" }>;

/** What reading a row needs beyond the cells: the roster, and how to check a reference. */
export interface ReadContext {
  /** Everyone in the roster, active or not: a deactivated person is named as such. */
  roster: readonly Member[];
  /** Checks an item ID typed or chosen in a reference column; returns the ID to keep. */
  reference?: (column: ReferenceColumn, itemId: string) => Parsed<string>;
}

export interface ReadRow<T extends TemplateDef> {
  row: number;
  values: RecordOf<T>;
}

/** Collects one row's problems; each names the row, the column as the sheet shows it, and what is allowed. */
export type Fail = (key: string, code: string, text: Text) => void;

const REQUIRED: Text = { zh: "必填，不能为空", en: "required; must not be empty" };

function resolvePerson(raw: Raw, roster: readonly Member[]): Parsed<Member> {
  const s = typeof raw === "string" ? raw.normalize("NFKC").trim() : String(raw);
  const lower = s.toLowerCase();
  const byEmail = roster.find((m) => m.email === lower || `${m.name} (${m.email})`.toLowerCase() === lower);
  const byName = roster.filter((m) => m.name === s);
  const found = byEmail ?? (byName.length === 1 ? byName[0] : undefined);
  if (found && !found.active) {
    return {
      ok: false,
      code: "PERSON_INACTIVE",
      text: {
        zh: `“${found.name}”已在人员名册中停用，不能再负责任务；请改选在职人员`,
        en: `“${found.name}” is deactivated in the roster and cannot own items; choose an active person`,
      },
    };
  }
  if (found) return { ok: true, value: found };
  const active = byName.filter((m) => m.active);
  if (active.length > 1) {
    const options = active.map((m) => `${m.name} (${m.email})`).join("、");
    return {
      ok: false,
      code: "AMBIGUOUS_PERSON",
      text: { zh: `名册中有多位“${s}”，请从下拉列表选择：${options}`, en: `several people are named “${s}”; choose one from the list: ${options}` },
    };
  }
  if (active.length === 1 && active[0]) return { ok: true, value: active[0] };
  return {
    ok: false,
    code: "UNKNOWN_PERSON",
    text: { zh: `“${s}”不在人员名册中；请从下拉列表选择`, en: `“${s}” is not in the roster; choose someone from the list` },
  };
}

function resolveDepartment(raw: Raw, departments: readonly string[]): Parsed<string> {
  const s = typeof raw === "string" ? raw.normalize("NFKC").trim() : String(raw);
  if (departments.includes(s)) return { ok: true, value: s };
  return {
    ok: false,
    code: "UNKNOWN_DEPARTMENT",
    text: {
      zh: `“${s}”不是名册中的部门；可选：${departments.join("、")}`,
      en: `“${s}” is not a department in the roster; choose one of: ${departments.join(", ")}`,
    },
  };
}

const ITEM_ID_RE = /^[^\s/]{1,120}$/;

/** One cell by its column's declared type. */
function readCell(column: ColumnDef, raw: Raw, ctx: ReadContext, departments: readonly string[]): Parsed<unknown> {
  switch (column.type) {
    case "id": {
      const s = typeof raw === "string" ? raw.trim() : String(raw);
      return ITEM_ID_RE.test(s)
        ? { ok: true, value: s }
        : {
            ok: false,
            code: "BAD_ITEM_ID",
            text: {
              zh: `“${s}”不是编号；编号由系统填写，新的一行请留空`,
              en: `“${s}” is not an ID; IDs are filled in by the system, leave it empty on a new row`,
            },
          };
    }
    case "text":
      return readText(raw, column.maxLength);
    case "email":
      return readEmail(raw);
    case "date":
      return readDate(raw);
    case "number":
      return readNumber(raw, column.min, column.max);
    case "percent":
      return readPercent(raw);
    case "boolean":
      return readBoolean(raw);
    case "enum":
      return readEnum(raw, column.options);
    case "enumList":
      return readEnumList(raw, column.options);
    case "person": {
      const r = resolvePerson(raw, ctx.roster);
      return r.ok ? { ok: true, value: { email: r.value.email, name: r.value.name } } : r;
    }
    case "department":
      return resolveDepartment(raw, departments);
    case "reference": {
      const text = readText(raw, 200);
      if (!text.ok) return text;
      const id = text.value.split(/\s+/)[0] ?? "";
      return ctx.reference ? ctx.reference(column, id) : { ok: true, value: id };
    }
    case "configured":
      // Text here: the list changes without a new template, so the kind's handler judges the entry against it.
      return readText(raw, column.maxLength);
  }
}

/** The value of a blank cell: text reads as "", a list as [], others as their default or null. */
function blankValue(column: ColumnDef): unknown {
  if (column.type === "text" || column.type === "email") return "";
  if (column.type === "enumList") return [];
  return "defaultValue" in column && column.defaultValue !== undefined ? column.defaultValue : null;
}

export function departmentsOf(roster: readonly Member[]): string[] {
  return [...new Set(roster.filter((m) => m.active).map((m) => m.department))];
}

/** A row reader bound to one table's column map: reads the given columns of one row. */
export function rowReader(map: ColumnMap, ctx: ReadContext) {
  const departments = departmentsOf(ctx.roster);
  return (row: number, cells: readonly Raw[], columns: readonly ColumnDef[]) => {
    const errors: CellError[] = [];
    const fail: Fail = (key, code, text) => {
      const { column, header } = columnPosition(map, key);
      errors.push(cellError(row, column, header, code, text));
    };
    const values: Record<string, unknown> = {};
    for (const column of columns) {
      // Every cell, whatever its type, is text first: control characters go, broken Unicode is refused (sheets/cells.ts).
      const raw = withoutControlChars(rawCell(map, cells, column.key));
      if (isBlank(raw)) {
        if (column.required) fail(column.key, "REQUIRED", REQUIRED);
        values[column.key] = blankValue(column);
        continue;
      }
      const r = hasLoneSurrogate(raw) ? INVALID_TEXT : readCell(column, raw, ctx, departments);
      if (r.ok) values[column.key] = r.value;
      else {
        fail(column.key, r.code, r.text);
        values[column.key] = blankValue(column);
      }
    }
    return { values, errors, fail };
  };
}

/**
 * The one reader of submitted tables: turns any template's table into typed
 * records, reading each column's type, required, length, range, default,
 * options and references from the template. Every bad cell is one CellError; a
 * table is accepted only when there are none. Rows with nothing in them are
 * skipped; a row number sent twice is refused (all or nothing, whatever the
 * sender). `rules` adds a template's own cross-field checks, per row.
 */
export function readRecords<T extends TemplateDef>(
  template: T,
  table: SheetTable,
  ctx: ReadContext,
  opts: { sections?: readonly ColumnDef["section"][]; rowRule?: (values: RecordOf<T>, fail: Fail) => void } = {},
): { rows: ReadRow<T>[]; errors: CellError[]; map: ColumnMap } {
  const sections = opts.sections ?? ["plan", "progress"];
  const columns = template.columns.filter((c) => sections.includes(c.section) || c.type === "id");
  const map = mapColumns(
    template,
    table.headers,
    columns.filter((c) => c.required).map((c) => c.key),
  );
  if (map.errors.length > 0) return { rows: [], errors: map.errors, map };

  const read = rowReader(map, ctx);
  const errors: CellError[] = [];
  const rows: ReadRow<T>[] = [];
  const seenRows = new Set<number>();
  const firstKey = columns.find((c) => map.byKey.has(c.key))?.key ?? "";
  for (const { row, cells } of table.rows) {
    if (cells.every(isBlank)) continue;
    if (seenRows.has(row)) {
      const { column, header } = columnPosition(map, firstKey);
      errors.push(
        cellError(row, column, header, "DUPLICATE_ROW_NUMBER", {
          zh: "同一行号出现了两次；请重新从表格提交",
          en: "this row number was sent twice; submit again from the sheet",
        }),
      );
      continue;
    }
    seenRows.add(row);
    const r = read(row, cells, columns);
    // Cross-field rules see every cell that could be read (a bad cell reads as blank), so one pass shows all problems;
    // a cell already refused keeps its one problem (a bad reference is not also "required").
    const ruleFail: Fail = (key, code, text) => {
      const { column } = columnPosition(map, key);
      if (!r.errors.some((e) => e.column === column)) r.fail(key, code, text);
    };
    opts.rowRule?.(r.values as RecordOf<T>, ruleFail);
    if (r.errors.length > 0) {
      errors.push(...r.errors);
      continue;
    }
    rows.push({ row, values: r.values as RecordOf<T> });
  }
  return { rows, errors, map };
}
