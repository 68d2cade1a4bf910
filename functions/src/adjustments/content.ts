import {
  type AdjustmentType,
  type ColumnDef,
  columnForHeader,
  type FieldValue,
  type PersonRef,
  type PlanKind,
  period as parsePeriodId,
  periodBounds,
  periodContains,
  type Text,
} from "@planops/shared";
import type { Member } from "@planops/shared/api";
import type { ItemDoc } from "../plans/store.js";
import type { Parsed } from "../sheets/cells.js";
import { type ReferenceColumn, rowReader } from "../sheets/read-records.js";
import { mapColumns } from "../sheets/table.js";
import type { ChangeDoc, NewItemDoc } from "./store.js";

/** What 调整内容 says, read against the plan's own template: the columns changed, or the item added. */
export interface ReadContent {
  changes: ChangeDoc[];
  newItem: NewItemDoc | null;
}

type Fail = { ok: false; code: string; text: Text };
const bad = (code: string, zh: string, en: string): Fail => ({ ok: false, code, text: { zh, en } });

const SEPARATOR = /\s*(?:→|->|=>|：|:)\s*/;
const isPerson = (v: unknown): v is PersonRef => typeof v === "object" && v !== null && !Array.isArray(v) && "email" in v;
export const blankOf = (v: FieldValue | undefined): FieldValue => (v === undefined || v === "" ? null : v);

/** Two values mean the same: a person by their email, empty as empty. */
export function sameValue(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  const x = blankOf(a);
  const y = blankOf(b);
  if (isPerson(x) && isPerson(y)) return x.email === y.email;
  return JSON.stringify(x) === JSON.stringify(y);
}

/** A stored value as a person reads it: a person by name, a list joined, empty as “（空）”. */
export function shownValue(v: FieldValue | undefined, column?: ColumnDef): string {
  const x = blankOf(v);
  if (x === null) return "（空）";
  if (isPerson(x)) return x.name;
  if (Array.isArray(x)) return x.join("、");
  if (column?.type === "enum") return column.options.find((o) => o.value === x)?.label.zh ?? String(x);
  return String(x);
}

/** The value a blank plan column takes in a new item (as the sheet reader gives it). */
function defaultOf(column: ColumnDef): FieldValue {
  if (column.type === "text" || column.type === "email") return "";
  if (column.type === "enumList") return [];
  return "defaultValue" in column && column.defaultValue !== undefined ? (column.defaultValue as FieldValue) : null;
}

/** One "列名 → 值" line: the plan column it names and the typed value, read by the column's own type. */
function readLine(
  kind: PlanKind,
  line: string,
  roster: readonly Member[],
  reference: ((column: ReferenceColumn, id: string) => Parsed<string>) | undefined,
): { ok: true; column: ColumnDef; value: FieldValue } | Fail {
  const at = SEPARATOR.exec(line);
  const name = at ? line.slice(0, at.index).trim() : line;
  const raw = at ? line.slice(at.index + at[0].length).trim() : "";
  if (!at)
    return bad(
      "BAD_ADJUSTMENT_CONTENT",
      `“${line}”应写成“列名 → 新值”，如“完成时间 → 2027-01-28”`,
      `“${line}” should read “column → new value”, e.g. “Due date → 2027-01-28”`,
    );
  const column = columnForHeader(kind.template, name);
  if (column?.section !== "plan" || column.type === "id") {
    const names = kind.template.columns.filter((c) => c.section === "plan" && c.type !== "id").map((c) => c.header);
    return bad(
      "UNKNOWN_ADJUSTMENT_COLUMN",
      `${kind.template.title.zh}没有可调整的“${name}”列；可调整：${names.map((n) => n.zh).join("、")}`,
      `A ${kind.template.title.en.toLowerCase()} has no adjustable column “${name}”; adjustable: ${names.map((n) => n.en).join(", ")}`,
    );
  }
  const map = mapColumns(kind.template, [column.header.zh], []);
  const read = rowReader(map, { roster, ...(reference ? { reference } : {}) });
  const r = read(2, [raw === "" ? null : raw], [column]);
  const problem = r.errors[0]?.problem;
  if (problem)
    return {
      ok: false,
      code: r.errors[0]?.code ?? "BAD_ADJUSTMENT_CONTENT",
      text: { zh: `${column.header.zh}：${problem.zh}`, en: `${column.header.en}: ${problem.en}` },
    };
  return { ok: true, column, value: (r.values[column.key] ?? null) as FieldValue };
}

/** The parts every plan item has, read from its plan columns through the kind's roles. */
export function rolesOf(kind: PlanKind, fields: Record<string, FieldValue>) {
  const r = kind.roles;
  const str = (key: string | undefined) => {
    const v = key ? fields[key] : undefined;
    return typeof v === "string" && v !== "" ? v : null;
  };
  const owner = r.owner ? fields[r.owner] : undefined;
  const weight = r.weight ? fields[r.weight] : undefined;
  return {
    title: str(r.title) ?? "",
    owner: isPerson(owner) ? { email: owner.email, name: owner.name } : null,
    department: str(r.department),
    start: str(r.start),
    due: str(r.due),
    weight: typeof weight === "number" ? weight : 1,
    parentItem: str(r.parent),
  };
}

/** Dates within the plan's period and start not after due, on the item as it would be. */
export function datesProblem(kind: PlanKind, planPeriod: string, fields: Record<string, FieldValue>): Fail | undefined {
  const p = parsePeriodId(planPeriod);
  const { first, last } = periodBounds(p);
  const { start, due } = rolesOf(kind, fields);
  if (due && !periodContains(p, due))
    return bad(
      "DUE_OUTSIDE_PERIOD",
      `完成时间 ${due} 不在计划期间 ${p.id}（${first} 至 ${last}）内`,
      `due date ${due} is outside the plan period ${p.id} (${first} to ${last})`,
    );
  if (start && !periodContains(p, start))
    return bad("START_OUTSIDE_PERIOD", `开始时间 ${start} 不在计划期间 ${p.id} 内`, `start ${start} is outside the plan period ${p.id}`);
  if (start && due && start > due) return bad("START_AFTER_DUE", `开始时间 ${start} 晚于完成时间 ${due}`, `start ${start} is after the due date ${due}`);
  return undefined;
}

/**
 * Reads a request's 调整内容 against the plan's template: for 修改 any plan
 * column, for 延期 the due (and start) date — a bare date means the due date —,
 * for 取消 nothing (the item's status becomes cancelled), for 新增 the new item's
 * columns (the title, owner and due date at least; the department defaults to
 * the owner's, the parent item to the named item's parent).
 */
export function readContent(input: {
  type: AdjustmentType;
  content: string;
  kind: PlanKind;
  planPeriod: string;
  /** The item adjusted (for 新增, the item named, if any). */
  item: ItemDoc | undefined;
  roster: readonly Member[];
  reference: ((column: ReferenceColumn, id: string) => Parsed<string>) | undefined;
  /** Whether the plan's parent plan is approved: then a new item must name its parent item. */
  parentRequired: boolean;
}): { ok: true; value: ReadContent } | Fail {
  const { type, kind, item, roster } = input;
  if (type === "cancel") {
    if (!item) return bad("ITEM_REQUIRED", "请填写要取消的计划项编号", "name the item to cancel");
    return { ok: true, value: { changes: [{ key: "status", from: item.status, to: "cancelled" }], newItem: null } };
  }
  let lines = input.content
    .split(/\r?\n|[；;]/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length === 0) return bad("REQUIRED", "请填写调整内容，如“完成时间 → 2027-01-28”", "say what changes, e.g. “Due date → 2027-01-28”");
  const dueColumn = kind.template.columns.find((c) => c.key === kind.roles.due);
  if (type === "move" && lines.length === 1 && !SEPARATOR.test(lines[0] ?? "") && dueColumn) lines = [`${dueColumn.header.zh} → ${lines[0]}`];

  const values = new Map<string, { column: ColumnDef; value: FieldValue }>();
  for (const line of lines) {
    const r = readLine(kind, line, roster, input.reference);
    if (!r.ok) return r;
    if (values.has(r.column.key)) return bad("DUPLICATE_ADJUSTMENT_COLUMN", `“${r.column.header.zh}”写了两次`, `“${r.column.header.en}” is named twice`);
    values.set(r.column.key, { column: r.column, value: r.value });
  }

  if (type === "move") {
    const allowed = [kind.roles.due, kind.roles.start];
    const other = [...values.values()].find((v) => !allowed.includes(v.column.key));
    if (other)
      return bad(
        "MOVE_CHANGES_DATES_ONLY",
        `延期只能调整完成时间或开始时间；调整“${other.column.header.zh}”请选“修改”`,
        `a move changes only the due or start date; choose “Change” to change “${other.column.header.en}”`,
      );
  }

  if (type === "add") {
    const fields: Record<string, FieldValue> = {};
    for (const c of kind.template.columns) if (c.section === "plan" && c.type !== "id") fields[c.key] = values.get(c.key)?.value ?? defaultOf(c);
    const owner = kind.roles.owner ? fields[kind.roles.owner] : null;
    if (kind.roles.department && blankOf(fields[kind.roles.department]) === null && isPerson(owner)) {
      fields[kind.roles.department] = roster.find((m) => m.email === owner.email)?.department ?? null;
    }
    if (kind.roles.parent && blankOf(fields[kind.roles.parent]) === null && item?.parentItem) fields[kind.roles.parent] = item.parentItem;
    const missing = kind.template.columns.filter(
      (c) =>
        c.section === "plan" && c.type !== "id" && (c.required || (c.key === kind.roles.parent && input.parentRequired)) && blankOf(fields[c.key]) === null,
    );
    if (missing.length > 0)
      return bad(
        "REQUIRED",
        `新增需写明：${missing.map((c) => `${c.header.zh} → …`).join("；")}`,
        `an addition must name: ${missing.map((c) => `${c.header.en} → …`).join("; ")}`,
      );
    const dates = datesProblem(kind, input.planPeriod, fields);
    if (dates) return dates;
    const roles = rolesOf(kind, fields);
    return { ok: true, value: { changes: [], newItem: { fields, ...roles, parentPlanId: null } } };
  }

  if (!item) return bad("ITEM_REQUIRED", "请填写要调整的计划项编号", "name the item to adjust");
  const changes: ChangeDoc[] = [];
  for (const { column, value } of values.values()) {
    if (sameValue(item.fields[column.key], value)) continue;
    changes.push({ key: column.key, from: blankOf(item.fields[column.key]), to: blankOf(value) });
  }
  if (changes.length === 0)
    return bad("NOTHING_TO_ADJUST", "调整内容与计划现有内容相同，无需调整", "the change is what the plan already says; nothing to adjust");
  const merged = { ...item.fields, ...Object.fromEntries(changes.map((c) => [c.key, c.to])) };
  const dates = datesProblem(kind, input.planPeriod, merged);
  if (dates) return dates;
  return { ok: true, value: { changes, newItem: null } };
}
