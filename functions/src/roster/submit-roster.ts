import type { Firestore } from "@google-cloud/firestore";
import { type RecordOf, ROLES, ROSTER as ROSTER_TEMPLATE, type Text } from "@planops/shared";
import { type CellError, type Member, MemberSchema, type RowResult, type SheetTable, type SubmitRequest, type SubmitResponse } from "@planops/shared/api";
import { recordRosterChanges } from "../audit/changes.js";
import type { Call, Outcome } from "../platform/context.js";
import { AppError } from "../platform/errors.js";
import { type ReadRow, readRecords } from "../sheets/read-records.js";
import { cellError, type ColumnMap, columnPosition } from "../sheets/table.js";
import type { RecordsHandler } from "../submissions/submit.js";
import { loadRoster, ROSTER } from "./roster.js";

type RosterValues = RecordOf<typeof ROSTER_TEMPLATE>;
type RosterKey = keyof RosterValues;
type RosterRow = ReadRow<typeof ROSTER_TEMPLATE>;

/** Who applies a roster table: a person from the roster, or the system itself (the local stack's demo organisation). */
export type RosterActor = { kind: "system" } | { kind: "member"; member: Member };
export const SYSTEM_ACTOR: RosterActor = { kind: "system" };

/** Whose records a submission may touch: everyone (HR, the system) or one department (its manager). */
type Scope = { kind: "all" } | { kind: "department"; department: string };

/** What applying a roster table did. */
export interface RosterApplied {
  rows: RowResult[];
  added: number;
  changed: number;
  deactivated: number;
  unchanged: boolean;
}

/** Roles only HR may grant or take away: they open every department's data. */
const HR_ONLY_ROLES = ["hr", "management"] as const;

/** HR keeps the whole roster; a department manager keeps their own department's people; nobody else may submit it. */
function scopeOf(actor: RosterActor): Scope {
  if (actor.kind === "system" || actor.member.roles.includes("hr")) return { kind: "all" };
  if (actor.member.roles.includes("manager")) return { kind: "department", department: actor.member.department };
  throw new AppError("FORBIDDEN", {
    zh: "只有人力资源部门可以提交人员名册；部门经理只能维护本部门的人员",
    en: "Only HR may submit the roster; a department manager may keep their own department's people",
  });
}

const validationFailed = (cells: CellError[], text?: Text) =>
  new AppError(
    "VALIDATION_FAILED",
    text ?? {
      zh: `有 ${cells.length} 处错误，已在表格中标出；名册未作任何修改`,
      en: `${cells.length} problem(s), marked in the sheet; the roster was not changed`,
    },
    cells,
  );

const norm = (s: string) => s.normalize("NFKC").trim();

/** The canonical form of a record: roles in the template's order, acts-for sorted, so equal content compares equal. */
function canonical(m: Member): Member {
  return {
    email: m.email,
    name: m.name,
    department: m.department,
    group: m.group,
    roles: ROLES.filter((r) => m.roles.includes(r)),
    supervisor: m.supervisor,
    actsFor: [...new Set(m.actsFor)].sort(),
    locale: m.locale,
    active: m.active,
  };
}
const sameMember = (a: Member, b: Member) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

/** Where a MemberSchema field is shown in the sheet. */
const COLUMN_OF_FIELD: Readonly<Record<string, RosterKey>> = {
  email: "email",
  name: "name",
  department: "department",
  group: "group",
  roles: "roles",
  supervisor: "supervisor",
  actsFor: "actsFor",
  locale: "language",
  active: "active",
};

/** A person the sheet's supervisor and acting-for cells may name: a row, or (for a department manager) someone kept as stored. */
interface Named {
  email: string;
  name: string;
  roles: readonly string[];
  active: boolean;
  /** The sheet row, or null for a stored person outside the submitter's scope. */
  row: number | null;
}

type Resolved = { ok: true; email: string } | { ok: false; code: string; text: Text };

const EMAIL_IN_LABEL = /\(([^()\s]+@[^()\s]+)\)\s*$/;

/** A name or email of the sheet (or "Name (email)" as dropdowns show it) → the person's email. */
function resolveNamed(cell: string, directory: readonly Named[]): Resolved {
  const s = norm(cell);
  const email = (EMAIL_IN_LABEL.exec(s)?.[1] ?? (s.includes("@") ? s : "")).toLowerCase();
  if (email) {
    const hit = directory.find((p) => p.email === email);
    return hit
      ? { ok: true, email: hit.email }
      : {
          ok: false,
          code: "UNKNOWN_PERSON",
          text: { zh: `“${s}”不在本表中；请填写本表中人员的姓名或邮箱`, en: `“${s}” is not in this sheet; name a person of this sheet by name or email` },
        };
  }
  const byName = directory.filter((p) => norm(p.name) === s);
  if (byName.length === 1 && byName[0]) return { ok: true, email: byName[0].email };
  if (byName.length > 1) {
    const where = byName.map((p) => (p.row === null ? p.email : `第 ${p.row} 行`)).join("、");
    const whereEn = byName.map((p) => (p.row === null ? p.email : `row ${p.row}`)).join(", ");
    return {
      ok: false,
      code: "AMBIGUOUS_PERSON",
      text: { zh: `本表中有多位“${s}”（${where}）；请改填邮箱`, en: `several people are named “${s}” (${whereEn}); enter the email instead` },
    };
  }
  return {
    ok: false,
    code: "UNKNOWN_PERSON",
    text: { zh: `“${s}”不在本表中；请填写本表中人员的姓名或邮箱`, en: `“${s}” is not in this sheet; name a person of this sheet by name or email` },
  };
}

/** The names or emails of an acting-for cell. */
const splitList = (cell: string) =>
  cell
    .split(/[、,;，；\n]+/)
    .map(norm)
    .filter(Boolean);

const RESERVED_DEPARTMENT = /^(\.|\.\.|company|__.*__)$/s;

/** Cross-field rules of one row, before names are resolved. */
function rosterRowRule(values: RosterValues, fail: (key: string, code: string, text: Text) => void): void {
  if (values.department.includes("/")) {
    fail("department", "BAD_DEPARTMENT", {
      zh: "部门名称不能包含“/”（它会成为计划编号的一部分）；请改用其他符号",
      en: "a department name must not contain “/” (it becomes part of plan IDs); use another character",
    });
  } else if (RESERVED_DEPARTMENT.test(values.department)) {
    // The department's name keys its dashboard and settings: Firestore refuses "." and ".." and reserves __…__ as ids, and "company" is the company dashboard's.
    fail("department", "BAD_DEPARTMENT", {
      zh: "部门名称不能是“.”、“..”、“company”，也不能以“__”开头并以“__”结尾（系统保留）；请改用其他名称",
      en: "a department cannot be named “.”, “..” or “company”, nor start and end with “__” (reserved by the system); choose another name",
    });
  }
  if (values.roles.length === 0) {
    fail("roles", "REQUIRED", {
      zh: "至少选择一个角色：员工、副经理、部门经理、公司管理层、人力资源",
      en: "choose at least one role: Staff, Deputy manager, Department manager, Company management, HR",
    });
  }
}

interface StoredMember {
  member: Member;
  /** The document it was read from (its id is normally the email). */
  path: string;
}

interface Plan {
  errors: CellError[];
  /** Records to write: each row that differs from the store, and people deactivated by their absence. */
  writes: { path: string; member: Member }[];
  rows: RowResult[];
  added: number;
  changed: number;
  deactivated: number;
}

/**
 * Decides what a read roster table means against the stored roster: resolves
 * supervisors and acting-for to emails, checks the rules that span rows, the
 * submitter's scope, and that someone can still keep the roster afterwards.
 * Pure: the caller applies the writes.
 */
function planRoster(rows: readonly RosterRow[], map: ColumnMap, stored: readonly StoredMember[], scope: Scope): Plan {
  const errors: CellError[] = [];
  const fail = (row: number, key: RosterKey, code: string, text: Text) => {
    const { column, header } = columnPosition(map, key);
    errors.push(cellError(row, column, header, code, text));
  };
  const storedByEmail = new Map(stored.map((s) => [s.member.email, s]));
  const inScope = (m: Member) => scope.kind === "all" || m.department === scope.department;

  // 1. One row per person.
  const rowsByEmail = new Map<string, RosterRow[]>();
  for (const r of rows) rowsByEmail.set(r.values.email, [...(rowsByEmail.get(r.values.email) ?? []), r]);
  for (const [email, same] of rowsByEmail) {
    if (same.length < 2) continue;
    const where = same.map((r) => r.row);
    for (const r of same) {
      fail(r.row, "email", "DUPLICATE_EMAIL", {
        zh: `邮箱 ${email} 在第 ${where.join("、")} 行重复出现；每人只占一行，请删除多余的行`,
        en: `the email ${email} appears on rows ${where.join(", ")}; one row per person, delete the extra rows`,
      });
    }
  }

  // 2. Who the sheet may name: its rows, and for a department manager the other departments' people, kept as stored.
  const directory: Named[] = rows.map((r) => ({
    email: r.values.email,
    name: r.values.name,
    roles: r.values.roles,
    active: r.values.active === "active",
    row: r.row,
  }));
  const kept = scope.kind === "all" ? [] : stored.filter((s) => !rowsByEmail.has(s.member.email) && !inScope(s.member));
  for (const { member: m } of kept) directory.push({ email: m.email, name: m.name, roles: m.roles, active: m.active, row: null });
  const byEmail = new Map<string, Named>();
  for (const p of directory) if (!byEmail.has(p.email)) byEmail.set(p.email, p);

  // 3. Supervisor and acting-for, resolved to emails.
  const supervisorOf = new Map<string, string | null>();
  for (const { member: m } of kept) supervisorOf.set(m.email, m.supervisor);
  const desired = new Map<number, Member>();
  for (const r of rows) {
    const v = r.values;
    let supervisor: string | null = null;
    if (v.supervisor !== "") {
      const s = resolveNamed(v.supervisor, directory);
      if (!s.ok) fail(r.row, "supervisor", s.code, s.text);
      else if (s.email === v.email) {
        fail(r.row, "supervisor", "SELF_SUPERVISOR", {
          zh: "不能是自己的上级；最高层请留空",
          en: "a person cannot be their own supervisor; leave it empty at the top",
        });
      } else {
        supervisor = s.email;
        const boss = byEmail.get(s.email);
        if (v.active === "active" && boss && !boss.active) {
          fail(r.row, "supervisor", "SUPERVISOR_INACTIVE", {
            zh: `上级“${boss.name}”已停用；请填写在职的上级`,
            en: `the supervisor “${boss.name}” is deactivated; name an active supervisor`,
          });
        }
      }
    }
    if (!supervisorOf.has(v.email)) supervisorOf.set(v.email, supervisor);

    const actsFor: string[] = [];
    const named = splitList(v.actsFor);
    if (named.length > 0 && !v.roles.includes("deputy")) {
      fail(r.row, "actsFor", "ACTS_FOR_NOT_DEPUTY", {
        zh: "只有副经理可以代理部门经理审批；请在“角色”中加上副经理，或清空本格",
        en: "only a deputy manager may act for a manager; add the Deputy manager role, or clear this cell",
      });
    } else {
      for (const name of named) {
        const s = resolveNamed(name, directory);
        if (!s.ok) {
          fail(r.row, "actsFor", s.code, s.text);
          continue;
        }
        const target = byEmail.get(s.email);
        if (s.email === v.email) {
          fail(r.row, "actsFor", "ACTS_FOR_SELF", {
            zh: "不能代理自己；请填写所代理的部门经理",
            en: "a deputy cannot act for themselves; name the manager they act for",
          });
        } else if (!target?.roles.includes("manager") || (v.active === "active" && !target.active)) {
          fail(r.row, "actsFor", "ACTS_FOR_NOT_MANAGER", {
            zh: `“${name}”不是在职的部门经理；只能代理角色为部门经理的人员`,
            en: `“${name}” is not an active department manager; a deputy may only act for people with the Department manager role`,
          });
        } else if (!actsFor.includes(s.email)) actsFor.push(s.email);
      }
    }

    const parsed = MemberSchema.safeParse({
      email: v.email,
      name: v.name,
      department: v.department,
      group: v.group,
      roles: v.roles,
      supervisor,
      actsFor,
      locale: v.language,
      active: v.active === "active",
    });
    if (parsed.success) desired.set(r.row, canonical(parsed.data));
    else {
      for (const issue of parsed.error.issues) {
        const key = COLUMN_OF_FIELD[String(issue.path[0])] ?? "email";
        fail(r.row, key, "INVALID_VALUE", { zh: `不能保存为名册记录：${issue.message}`, en: `cannot be stored as a roster record: ${issue.message}` });
      }
    }
  }

  // 4. Supervisor cycles (a self-reference is reported above).
  const state = new Map<string, "walking" | "done">();
  for (const start of supervisorOf.keys()) {
    const path: string[] = [];
    let at: string | null | undefined = start;
    while (at && !state.has(at)) {
      state.set(at, "walking");
      path.push(at);
      at = supervisorOf.get(at);
    }
    if (at && state.get(at) === "walking") {
      const cycle = path.slice(path.indexOf(at));
      if (cycle.length > 1) {
        const names = [...cycle, at].map((e) => byEmail.get(e)?.name ?? e);
        for (const e of cycle) {
          const p = byEmail.get(e);
          if (p?.row == null) continue;
          fail(p.row, "supervisor", "SUPERVISOR_CYCLE", {
            zh: `上级关系形成循环：${names.join(" → ")}；请更正其中一人的上级`,
            en: `the supervisors form a cycle: ${names.join(" → ")}; correct one of them`,
          });
        }
      }
    }
    for (const e of path) state.set(e, "done");
  }

  // 5. The submitter's scope: a department manager keeps their own department only, and grants no HR-only role.
  if (scope.kind === "department") {
    for (const r of rows) {
      const want = desired.get(r.row);
      if (!want) continue;
      const before = storedByEmail.get(want.email)?.member;
      if (before && sameMember(before, want)) continue;
      if (want.department !== scope.department || (before && before.department !== scope.department)) {
        const other = want.department !== scope.department ? want.department : (before?.department ?? want.department);
        fail(r.row, "department", "OTHER_DEPARTMENT", {
          zh: `只有人力资源部门可以新增或修改其他部门（${other}）的人员；你只能维护“${scope.department}”的人员`,
          en: `only HR may add or change people of another department (${other}); you may keep the people of “${scope.department}”`,
        });
        continue;
      }
      const hrOnly = (m: Member | undefined) => HR_ONLY_ROLES.filter((role) => m?.roles.includes(role)).join(",");
      if (hrOnly(before) !== hrOnly(want)) {
        fail(r.row, "roles", "ROLE_NEEDS_HR", {
          zh: "只有人力资源部门可以授予或取消“人力资源”“公司管理层”角色",
          en: "only HR may grant or remove the HR and Company management roles",
        });
      }
    }
  }

  // 6. What changes.
  const writes: Plan["writes"] = [];
  const result: RowResult[] = [];
  let added = 0;
  let changed = 0;
  let deactivated = 0;
  const after = new Map(stored.map((s) => [s.member.email, s.member]));
  for (const r of rows) {
    const want = desired.get(r.row);
    if (!want) continue;
    result.push({ row: r.row, itemId: want.email, status: want.active ? "active" : "inactive" });
    const before = storedByEmail.get(want.email);
    if (before && sameMember(before.member, want)) continue;
    writes.push({ path: before?.path ?? `${ROSTER}/${want.email}`, member: want });
    after.set(want.email, want);
    if (!before) added++;
    else if (before.member.active && !want.active) deactivated++;
    else changed++;
  }
  for (const s of stored) {
    if (rowsByEmail.has(s.member.email) || !inScope(s.member) || !s.member.active) continue;
    const off = canonical({ ...s.member, active: false });
    writes.push({ path: s.path, member: off });
    after.set(off.email, off);
    deactivated++;
  }

  // 7. Someone must be able to keep the roster afterwards.
  if (errors.length === 0 && ![...after.values()].some((m) => m.active && m.roles.includes("hr"))) {
    const hrBefore = stored.filter((s) => s.member.active && s.member.roles.includes("hr"));
    for (const s of hrBefore) {
      const r = rows.find((x) => x.values.email === s.member.email);
      if (r) {
        const key: RosterKey = r.values.active === "active" ? "roles" : "active";
        fail(r.row, key, "NO_ACTIVE_HR", {
          zh: "提交后名册中将没有在职的人力资源人员，将无人能再维护名册；请至少保留一位",
          en: "after this, no active person would have the HR role and nobody could keep the roster; keep at least one",
        });
      }
    }
    if (errors.length === 0) {
      const names = hrBefore.map((s) => s.member.name).join("、") || "—";
      throw new AppError(
        "VALIDATION_FAILED",
        {
          zh: `提交后名册中将没有在职的人力资源人员（现为：${names}），将无人能再维护名册；请在表中保留至少一位角色为人力资源的在职人员`,
          en: `After this, no active person would have the HR role (now: ${names}) and nobody could keep the roster; keep at least one active person with the HR role in the sheet`,
        },
        [],
      );
    }
  }
  return { errors, writes, rows: result, added, changed, deactivated };
}

/**
 * Applies a roster table, all or nothing, in one transaction: each row becomes
 * a MemberSchema-valid record (keyed by its lower-case email); people of the
 * actor's scope missing from the table are deactivated, never deleted; identical
 * content writes nothing. Used by the roster sheet and by the local stack's demo
 * organisation alike.
 */
export async function applyRosterTable(db: Firestore, table: SheetTable, actor: RosterActor): Promise<RosterApplied> {
  const scope = scopeOf(actor);
  const { rows, errors, map } = readRecords(ROSTER_TEMPLATE, table, { roster: await loadRoster(db) }, { rowRule: rosterRowRule });
  if (errors.length > 0) throw validationFailed(errors);
  if (rows.length === 0) {
    throw new AppError("VALIDATION_FAILED", { zh: "名册中没有人员，请至少填写一行", en: "The roster has no people; fill in at least one row" }, []);
  }
  return db.runTransaction(async (tx) => {
    const snap = await tx.get(db.collection(ROSTER));
    const stored: StoredMember[] = [];
    for (const d of snap.docs) {
      const parsed = MemberSchema.safeParse(d.data());
      if (parsed.success) stored.push({ member: parsed.data, path: d.ref.path });
      // Left as it is: loadRoster already skips it (and logs its path); a row with its email rewrites it.
      else
        console.error(JSON.stringify({ severity: "WARNING", message: "malformed roster record left untouched by a roster submission", document: d.ref.path }));
    }
    const plan = planRoster(rows, map, stored, scope);
    if (plan.errors.length > 0) throw validationFailed(plan.errors);
    for (const w of plan.writes) tx.set(db.doc(w.path), MemberSchema.parse(w.member));
    recordRosterChanges(tx, db, actor, stored, plan.writes);
    return { rows: plan.rows, added: plan.added, changed: plan.changed, deactivated: plan.deactivated, unchanged: plan.writes.length === 0 };
  });
}

/** 人员名册: HR submits the whole roster, a department manager their own department's people. */
export const submitRoster: RecordsHandler = async ({ deps, caller }: Call, req: SubmitRequest): Promise<Outcome<SubmitResponse>> => {
  const r = await applyRosterTable(deps.db, req, { kind: "member", member: caller });
  const message: Text = r.unchanged
    ? { zh: "名册未变化，无需重新提交", en: "Nothing changed in the roster; nothing was saved" }
    : {
        zh: `名册已更新：新增 ${r.added} 人，修改 ${r.changed} 人，停用 ${r.deactivated} 人`,
        en: `Roster updated: ${r.added} added, ${r.changed} changed, ${r.deactivated} deactivated`,
      };
  return { body: { kind: ROSTER_TEMPLATE.id, documentId: "roster", revision: null, status: null, unchanged: r.unchanged, rows: r.rows, message } };
};
