import type { CellError } from "../platform/errors.js";
import type { Member } from "@planops/shared/api";
import { isBlank, type Parsed, type Raw, readDate, readEnum, readNumber, readText } from "../sheets/cells.js";
import { cellError, type ColumnMap, columnPosition, mapColumns, rawCell } from "../sheets/table.js";
import { MONTHLY_PLAN, monthBounds, type MonthlyPlanColumnKey, PRIORITIES, type Text } from "@planops/shared";
import type { SubmitPlanRequest } from "@planops/shared/api";

/** A task row as the planning clerk drafted it, validated and resolved against the roster. */
export interface DraftTask {
  row: number;
  taskId: string | null;
  content: string;
  quarterlyItem: string;
  department: string;
  owner: Member;
  priority: string;
  start: string | null;
  due: string;
  deliverable: string;
  weight: number;
}

const PLAN_KEYS = ["content", "department", "owner", "due"] as const satisfies readonly MonthlyPlanColumnKey[];
const TASK_ID_RE = /^\d{4}-\d{2}-[^\s/]{1,50}-\d{3,}$/;

/** Identity of a row without an ID: two rows with the same task, owner and due date are the same task. */
export const sameTaskKey = (t: { content: string; owner: { email: string }; due: string }) => `${t.content}\u0000${t.owner.email}\u0000${t.due}`;

function resolvePerson(raw: Raw, roster: readonly Member[]): Parsed<Member> {
  const s = typeof raw === "string" ? raw.normalize("NFKC").trim() : String(raw);
  const lower = s.toLowerCase();
  const byEmail = roster.find((m) => m.email === lower || `${m.name} (${m.email})`.toLowerCase() === lower);
  if (byEmail) return { ok: true, value: byEmail };
  const byName = roster.filter((m) => m.name === s);
  if (byName.length === 1 && byName[0]) return { ok: true, value: byName[0] };
  if (byName.length > 1) {
    const options = byName.map((m) => `${m.name} (${m.email})`).join("、");
    return { ok: false, code: "AMBIGUOUS_PERSON", text: { zh: `名册中有多位“${s}”，请从下拉列表选择：${options}`, en: `several people are named “${s}”; choose one from the list: ${options}` } };
  }
  return { ok: false, code: "UNKNOWN_PERSON", text: { zh: `“${s}”不在人员名册中；请从下拉列表选择责任人`, en: `“${s}” is not in the roster; choose the owner from the list` } };
}

function resolveDepartment(raw: Raw, departments: readonly string[]): Parsed<string> {
  const s = typeof raw === "string" ? raw.normalize("NFKC").trim() : String(raw);
  if (departments.includes(s)) return { ok: true, value: s };
  return { ok: false, code: "UNKNOWN_DEPARTMENT", text: { zh: `“${s}”不是名册中的部门；可选：${departments.join("、")}`, en: `“${s}” is not a department in the roster; choose one of: ${departments.join(", ")}` } };
}

/**
 * Reads a submitted monthly-plan table. Every bad cell becomes one CellError;
 * a submission is accepted only when the list is empty.
 */
export function readMonthlyPlan(req: SubmitPlanRequest, roster: readonly Member[]): { tasks: DraftTask[]; errors: CellError[]; map: ColumnMap } {
  const map = mapColumns(MONTHLY_PLAN, req.headers, PLAN_KEYS);
  if (map.errors.length > 0) return { tasks: [], errors: map.errors, map };

  const departments = [...new Set(roster.map((m) => m.department))];
  const { first, last } = monthBounds(req.period);
  const errors: CellError[] = [];
  const tasks: DraftTask[] = [];

  for (const { row, cells } of req.rows) {
    const rowErrors: CellError[] = [];
    const fail = (key: MonthlyPlanColumnKey, code: string, text: Text) => {
      const { column, header } = columnPosition(map, key);
      rowErrors.push(cellError(row, column, header, code, text));
    };
    const take = <T>(key: MonthlyPlanColumnKey, read: (raw: Raw) => Parsed<T>, fallback: T, required = false): T => {
      const raw = rawCell(map, cells, key);
      if (isBlank(raw)) {
        if (required) fail(key, "REQUIRED", { zh: "必填，不能为空", en: "required; must not be empty" });
        return fallback;
      }
      const r = read(raw);
      if (r.ok) return r.value;
      fail(key, r.code, r.text);
      return fallback;
    };

    const content = take("content", (r) => readText(r, 500), "", true);
    const quarterlyItem = take("quarterlyItem", (r) => readText(r, 100), "");
    const department = take("department", (r) => resolveDepartment(r, departments), "", true);
    const owner = take<Member | null>("owner", (r) => resolvePerson(r, roster), null, true);
    const priority = take("priority", (r) => readEnum(r, PRIORITIES), "medium");
    const start = take<string | null>("start", readDate, null);
    const due = take("due", readDate, "", true);
    const deliverable = take("deliverable", (r) => readText(r, 200), "");
    const weight = take("weight", (r) => readNumber(r, 0.1, 100), 1);
    const taskId = take<string | null>(
      "taskId",
      (r) => {
        const s = typeof r === "string" ? r.trim() : String(r);
        return TASK_ID_RE.test(s) && s.startsWith(`${req.period}-`)
          ? { ok: true, value: s }
          : { ok: false, code: "BAD_TASK_ID", text: { zh: `“${s}”不是本月计划的任务编号；任务编号由系统填写，新任务请留空`, en: `“${s}” is not a task ID of this month's plan; IDs are filled in by the system, leave it empty for a new task` } };
      },
      null,
    );

    if (due && (due < first || due > last)) {
      fail("due", "DUE_OUTSIDE_PERIOD", { zh: `完成时间 ${due} 不在计划月份 ${req.period}（${first} 至 ${last}）内`, en: `due date ${due} is outside the plan month ${req.period} (${first} to ${last})` });
    }
    if (start && due && start > due) {
      fail("start", "START_AFTER_DUE", { zh: `开始时间 ${start} 晚于完成时间 ${due}`, en: `start ${start} is after the due date ${due}` });
    }

    if (rowErrors.length > 0 || !owner) {
      errors.push(...rowErrors);
      continue;
    }
    tasks.push({ row, taskId, content, quarterlyItem, department, owner, priority, start, due, deliverable, weight });
  }

  errors.push(...duplicateErrors(tasks, map));
  return { tasks, errors, map };
}

/** The same task twice, or one task ID on two rows (a copied row), is refused with both rows named. */
function duplicateErrors(tasks: readonly DraftTask[], map: ColumnMap): CellError[] {
  const errors: CellError[] = [];
  const seenKey = new Map<string, number>();
  const seenId = new Map<string, number>();
  for (const t of tasks) {
    const key = sameTaskKey(t);
    const firstRow = seenKey.get(key);
    if (firstRow !== undefined) {
      const { column, header } = columnPosition(map, "content");
      errors.push(cellError(t.row, column, header, "DUPLICATE_ROW", { zh: `与第 ${firstRow} 行的任务重复（内容、责任人、完成时间相同）；请删除其中一行`, en: `duplicates the task on row ${firstRow} (same task, owner and due date); delete one of them` }));
    } else seenKey.set(key, t.row);
    if (t.taskId) {
      const idRow = seenId.get(t.taskId);
      if (idRow !== undefined) {
        const { column, header } = columnPosition(map, "taskId");
        errors.push(cellError(t.row, column, header, "DUPLICATE_TASK_ID", { zh: `任务编号与第 ${idRow} 行相同（可能是复制的行）；新任务请清空编号`, en: `same task ID as row ${idRow} (a copied row?); clear the ID of a new task` }));
      } else seenId.set(t.taskId, t.row);
    }
  }
  return errors;
}
