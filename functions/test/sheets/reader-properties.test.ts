/**
 * Property-based tests of the submission reader, through the real API: generated
 * monthly-plan tables (duplicate rows and row numbers, reordered rows and columns,
 * extreme lengths, every column type's edge values, random Unicode, numbers as text,
 * dates in many forms, blank rows) are submitted over HTTP, and what comes back and
 * what is stored is checked against an oracle written from the template and the
 * text rules (sheets/cells.ts), not from the reader's code.
 *
 * Seeded and bounded: a failure prints its seed and path for `fc.assert` to replay.
 */
import { MONTHLY_PLAN, PRIORITIES } from "@planops/shared";
import type { SubmitRequest } from "@planops/shared/api";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEMO_ROSTER, demoEmail } from "../../local/demo-org.js";
import { call } from "../support/call.js";
import { useStack } from "../support/stack.js";

const stack = useStack();
const planner = demoEmail("李明");

const YEAR = 2050;
const SEED = 20_261_202;

type Cell = string | number | boolean | null;
/** What a correct reader must make of a cell: a value, nothing (blank), a refusal, or — for IDs of earlier runs — it depends. */
type Verdict = { kind: "valid"; value: unknown } | { kind: "blank" } | { kind: "invalid" } | { kind: "unknown" };
const valid = (value: unknown): Verdict => ({ kind: "valid", value });
const BLANK: Verdict = { kind: "blank" };
const INVALID: Verdict = { kind: "invalid" };
interface Spec {
  cell: Cell;
  verdict: Verdict;
}
const spec = (cell: Cell, verdict: Verdict): Spec => ({ cell, verdict });

// ---- the oracle's text rules (sheets/cells.ts, stated independently) ----
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters the rules drop
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;
const LONE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const CONTROL_ONE = new RegExp(CONTROL.source);
const oracleBlank = (c: Cell) => c === null || (typeof c === "string" && c.replace(CONTROL, "").replace(ZERO_WIDTH, "").trim() === "");
const hasLone = (c: Cell) => typeof c === "string" && LONE.test(c);

function textVerdict(c: Cell, max: number): Verdict {
  if (oracleBlank(c)) return BLANK;
  if (typeof c === "boolean" || hasLone(c)) return INVALID;
  const t = String(c).replace(CONTROL, "").trim();
  return [...t].length > max ? INVALID : valid(t);
}

// ---- generators ----
const INVISIBLE = " \u0000\u0007\u007f\u0085\u200b\ufeff ";
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((n) => String.fromCharCode(n));
const junk: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 6, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 1, arbitrary: fc.integer() },
);

const text = (max: number): fc.Arbitrary<Cell> =>
  fc.oneof(
    {
      weight: 4,
      arbitrary: fc.constantFrom("编制月报", "流程梳理", "=SUM(A1)", "+86 报告", "-优化流程", "@所有人", "Cafe\u0301", "👨‍👩‍👧 家庭", "\u0000编制\u0007月报 "),
    },
    { weight: 4, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 30 }) },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
    { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 4 }), loneSurrogate, fc.string({ maxLength: 4 })).map(([a, s, b]) => a + s + b) },
    { weight: 1, arbitrary: fc.integer({ min: max - 2, max: max + 2 }).map((n) => "长".repeat(n)) },
    { weight: 1, arbitrary: fc.integer({ min: max - 2, max: max + 2 }).map((n) => "𠮷".repeat(n)) },
    { weight: 1, arbitrary: fc.constantFrom("", "   ", INVISIBLE) },
    { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null)) },
    { weight: 1, arbitrary: fc.constant("字".repeat(20_000)) },
  );

const DEPARTMENTS: Spec[] = [
  spec("计划运营部", valid("计划运营部")),
  spec("销售部", valid("销售部")),
  spec("人力资源部", valid("人力资源部")),
  spec(" 计划运营部 ", valid("计划运营部")),
  spec("计划运营部\u0000", valid("计划运营部")),
  spec("火星部", INVALID),
  spec(7, INVALID),
  spec("", BLANK),
  spec(null, BLANK),
];
const liming = demoEmail("李明");
const OWNERS: Spec[] = [
  spec("李明", valid(liming)),
  spec("杨强", valid(demoEmail("杨强"))),
  spec("马晓明", valid(demoEmail("马晓明"))),
  spec(liming, valid(liming)),
  spec(liming.toUpperCase(), valid(liming)),
  spec(`李明 (${liming})`, valid(liming)),
  spec("Ｌｉｍｉｎｇ@demo.planops.cn", valid(liming)), // full-width, read through NFKC
  spec("不存在的人", INVALID),
  spec(42, INVALID),
  spec(INVISIBLE, BLANK),
  spec(null, BLANK),
];
const PRIORITY: Spec[] = [
  spec(null, valid("medium")),
  spec("高", valid("high")),
  spec(" 中 ", valid("medium")),
  spec("low", valid("low")),
  spec("HIGH", valid("high")),
  spec("紧急", INVALID),
  spec(1, INVALID),
  spec(true, INVALID),
];
const WEIGHT: Spec[] = [
  spec(null, valid(1)),
  spec("", valid(1)),
  spec(1, valid(1)),
  spec(2.5, valid(2.5)),
  spec("2", valid(2)),
  spec("３", valid(3)),
  spec(" 7 ", valid(7)),
  spec(0.1, valid(0.1)),
  spec(100, valid(100)),
  spec("1,000", INVALID),
  spec(0, INVALID),
  spec(100.01, INVALID),
  spec(-3, INVALID),
  spec("abc", INVALID),
  spec("1.5e2", INVALID),
  spec("50%", INVALID),
  spec(true, INVALID),
];

/** A date cell, rendered for the plan's month: a form of a real day (in the month or not), an impossible day, garbage, or blank. */
type DateSpec = { kind: "day"; monthOffset: number; day: number; form: number } | { kind: "bad"; cell: Cell } | { kind: "blank"; cell: Cell };
const dateSpec: fc.Arbitrary<DateSpec> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({ kind: fc.constant("day" as const), monthOffset: fc.constant(0), day: fc.integer({ min: 1, max: 28 }), form: fc.nat(8) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant("day" as const), monthOffset: fc.constantFrom(-1, 1, 6), day: fc.integer({ min: 1, max: 28 }), form: fc.nat(8) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("bad" as const),
      cell: fc.constantFrom<Cell>(`${YEAR}-02-30`, "下周五", `${YEAR}-13-01`, 45000.5, true, "1/2/3/4"),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("blank" as const), cell: fc.constantFrom<Cell>(null, "", INVISIBLE) }) },
);
const FULL_WIDTH = (s: string) => s.replace(/[0-9-]/g, (ch) => (ch === "-" ? "－" : String.fromCharCode(ch.charCodeAt(0) + 0xfee0)));
const pad = (n: number) => String(n).padStart(2, "0");
function renderDate(d: DateSpec, month: number): Spec {
  if (d.kind === "bad") return spec(d.cell, INVALID);
  if (d.kind === "blank") return spec(d.cell, BLANK);
  const at = new Date(Date.UTC(YEAR, month - 1 + d.monthOffset, d.day));
  const [y, m] = [at.getUTCFullYear(), at.getUTCMonth() + 1];
  const iso = `${y}-${pad(m)}-${pad(d.day)}`;
  const serial = Math.round((at.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000);
  const forms: Cell[] = [
    iso,
    `${y}-${m}-${d.day}`,
    `${y}/${m}/${d.day}`,
    `${y}.${pad(m)}.${pad(d.day)}`,
    `${y}年${m}月${d.day}日`,
    `${y}年${m}月${d.day}`,
    FULL_WIDTH(iso),
    serial,
    ` ${y} - ${pad(m)} - ${pad(d.day)}\u0000 `,
  ];
  return spec(forms[d.form]!, valid(iso));
}

/** A task ID cell: mostly empty; malformed; or an ID of this month's plan that an earlier run may or may not have created. */
type IdSpec = { kind: "none" } | { kind: "bad"; cell: string } | { kind: "maybe"; seq: number };
const idSpec: fc.Arbitrary<IdSpec> = fc.oneof(
  { weight: 12, arbitrary: fc.constant({ kind: "none" as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("bad" as const), cell: fc.constantFrom("a b", "x/y", "长".repeat(121), "abc") }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("maybe" as const), seq: fc.integer({ min: 1, max: 6 }) }) },
);

const KEYS: string[] = MONTHLY_PLAN.columns.map((c) => c.key);

/** Rows every cell of which a correct reader must accept. */
const validText = (max: number) => text(max).filter((c) => textVerdict(c, max).kind === "valid");
const validOf = (specs: Spec[]) => fc.constantFrom(...specs.filter((x) => x.verdict.kind === "valid"));
const validRowSpec = fc.record({
  taskId: fc.constant<IdSpec>({ kind: "none" }),
  content: validText(500),
  quarterlyItem: fc.constant<Cell>(null),
  department: validOf(DEPARTMENTS),
  owner: validOf(OWNERS),
  priority: validOf(PRIORITY),
  start: fc.oneof(
    fc.constant<DateSpec>({ kind: "blank", cell: null }),
    fc.record({ kind: fc.constant("day" as const), monthOffset: fc.constant(-1), day: fc.integer({ min: 1, max: 28 }), form: fc.nat(8) }),
  ),
  due: fc.record({ kind: fc.constant("day" as const), monthOffset: fc.constant(0), day: fc.integer({ min: 1, max: 28 }), form: fc.nat(8) }),
  deliverable: fc.oneof(fc.constant<Cell>(null), validText(200)),
  weight: validOf(WEIGHT),
  status: junk,
  percent: junk,
  actualFinish: junk,
  feedback: junk,
});

/** Rows with anything in any cell (mostly what a sheet would hold, often not). */
const anyRowSpec = fc.record({
  taskId: idSpec,
  content: text(500),
  quarterlyItem: fc.oneof(
    { weight: 10, arbitrary: fc.constant<Cell>(null) },
    { weight: 1, arbitrary: fc.constantFrom<Cell>(INVISIBLE, `${YEAR}-Q1-计划运营部-001`) },
  ),
  department: fc.oneof({ weight: 6, arbitrary: fc.constant(DEPARTMENTS[0]!) }, { weight: 4, arbitrary: fc.constantFrom(...DEPARTMENTS) }),
  owner: fc.oneof({ weight: 5, arbitrary: fc.constant(OWNERS[0]!) }, { weight: 5, arbitrary: fc.constantFrom(...OWNERS) }),
  priority: fc.constantFrom(...PRIORITY),
  start: fc.oneof({ weight: 1, arbitrary: fc.constant<DateSpec>({ kind: "blank", cell: null }) }, { weight: 1, arbitrary: dateSpec }),
  due: dateSpec,
  deliverable: fc.oneof({ weight: 2, arbitrary: fc.constant<Cell>(null) }, { weight: 1, arbitrary: text(200) }),
  weight: fc.oneof({ weight: 3, arbitrary: fc.constant(WEIGHT[0]!) }, { weight: 2, arbitrary: fc.constantFrom(...WEIGHT) }),
  status: junk,
  percent: junk,
  actualFinish: junk,
  feedback: junk,
});

/** Most rows are valid, so that whole tables are often accepted; the others carry anything. */
const rowSpec = fc.oneof({ weight: 3, arbitrary: validRowSpec }, { weight: 1, arbitrary: anyRowSpec });

const tableSpec = fc.record({
  month: fc.integer({ min: 1, max: 6 }),
  rows: fc.array(rowSpec, { minLength: 0, maxLength: 5 }),
  /** Row indexes to copy (a copied row, or a row dragged down and pasted). */
  copies: fc.oneof({ weight: 4, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(fc.nat(), { minLength: 1, maxLength: 2 }) }),
  /** Blank rows (only invisible characters, or nothing) inserted at these positions. */
  blankRows: fc.array(fc.tuple(fc.nat(), fc.constantFrom<Cell>(null, "", INVISIBLE)), { maxLength: 2 }),
  /** How row numbers are sent: in order, shuffled, with gaps; and whether one row number is repeated. */
  rowNumbers: fc.constantFrom("inOrder", "reversed", "gaps"),
  repeatRowNumber: fc.option(fc.tuple(fc.nat(), fc.nat()), { freq: 6 }),
  /** The header row: Chinese, English, the columns in another order, optional columns left out, a column of the user's own. */
  headers: fc.constantFrom("zh", "en", "permuted", "fewer", "extra"),
  permutation: fc.shuffledSubarray(KEYS, { minLength: KEYS.length }),
});
type TableSpec = typeof tableSpec extends fc.Arbitrary<infer T> ? T : never;

const OPTIONAL_DROPPED = ["priority", "deliverable", "weight", "quarterlyItem", "status", "percent", "actualFinish", "feedback"];

/** The column keys the header row names, in order (null for a column of the user's own). */
function headerKeys(s: TableSpec): (string | null)[] {
  if (s.headers === "fewer") return KEYS.filter((k) => !OPTIONAL_DROPPED.includes(k));
  if (s.headers === "extra") return [...KEYS.slice(0, 3), null, ...KEYS.slice(3)];
  if (s.headers === "permuted") return s.permutation;
  return KEYS;
}

interface Built {
  period: string;
  req: SubmitRequest;
  /** Per sent row: its row number, whether it is blank, and each column's spec (as sent after a JSON round trip). */
  rows: { row: number; blank: boolean; specs: Record<string, Spec> }[];
}

function build(s: TableSpec): Built {
  const period = `${YEAR}-${pad(s.month)}`;
  const keys = headerKeys(s);
  const headers = keys.map((k) => (k === null ? "备注" : MONTHLY_PLAN.columns.find((c) => c.key === k)!.header[s.headers === "en" ? "en" : "zh"]));
  const specsOf = (r: TableSpec["rows"][number]): Record<string, Spec> => ({
    taskId:
      r.taskId.kind === "none"
        ? spec(null, BLANK)
        : r.taskId.kind === "bad"
          ? spec(r.taskId.cell, INVALID)
          : spec(`${period}-计划运营部-${String(r.taskId.seq).padStart(3, "0")}`, { kind: "unknown" }),
    content: spec(r.content, textVerdict(r.content, 500)),
    quarterlyItem: spec(r.quarterlyItem, oracleBlank(r.quarterlyItem) ? BLANK : INVALID), // no quarterly plan of 2050 exists
    department: r.department,
    owner: r.owner,
    priority: r.priority,
    start: renderDate(r.start, s.month),
    due: renderDate(r.due, s.month),
    deliverable: spec(r.deliverable, textVerdict(r.deliverable, 200)),
    weight: r.weight,
    status: spec(r.status, valid(null)),
    percent: spec(r.percent, valid(null)),
    actualFinish: spec(r.actualFinish, valid(null)),
    feedback: spec(r.feedback, valid(null)),
  });
  const rows: { specs: Record<string, Spec> | null; blankCell: Cell }[] = s.rows.map((r) => ({ specs: specsOf(r), blankCell: null }));
  for (const i of s.copies) if (rows.length > 0) rows.push(rows[i % rows.length]!);
  for (const [at, cell] of s.blankRows) rows.splice(at % (rows.length + 1), 0, { specs: null, blankCell: cell });
  const n = rows.length;
  const numbers = rows.map((_, i) => (s.rowNumbers === "reversed" ? n + 1 - i : s.rowNumbers === "gaps" ? 2 + i * 3 : 2 + i));
  if (s.repeatRowNumber && n > 1) {
    const [a, b] = s.repeatRowNumber;
    numbers[b % n] = numbers[a % n]!;
  }
  const req: SubmitRequest = {
    template: { id: MONTHLY_PLAN.id, version: MONTHLY_PLAN.version },
    period,
    spreadsheet: { id: "sheet-properties", sheetId: 1, sheetName: `月度计划 ${period}` },
    headers,
    rows: rows.map((r, i) => ({
      row: numbers[i]!,
      cells: keys.map((k) => (r.specs === null ? r.blankCell : k === null ? "用户自己的备注" : (r.specs[k]?.cell ?? null))),
    })),
  };
  // What the server receives: the JSON round trip (-0 becomes 0, and so on).
  const sent = JSON.parse(JSON.stringify(req)) as SubmitRequest;
  return {
    period,
    req: sent,
    rows: sent.rows.map((r, i) => {
      const specs: Record<string, Spec> = {};
      keys.forEach((k, j) => {
        if (k === null || rows[i]!.specs === null) return;
        const original = rows[i]!.specs![k]!;
        const cell = r.cells[j] ?? null;
        specs[k] =
          k === "content" ? spec(cell, textVerdict(cell, 500)) : k === "deliverable" ? spec(cell, textVerdict(cell, 200)) : spec(cell, original.verdict);
      });
      return { row: r.row, blank: r.cells.every((c) => oracleBlank(c)), specs };
    }),
  };
}

const REQUIRED = ["content", "department", "owner", "due"];
const PLAN_KEYS = ["taskId", "content", "quarterlyItem", "department", "owner", "priority", "start", "due", "deliverable", "weight"];

/** What the oracle knows of a table: reasons it must be refused, and whether it must be accepted. */
function judge(b: Built, keys: (string | null)[]) {
  const reasons: string[] = [];
  const rows = b.rows.filter((r) => !r.blank);
  if (rows.length === 0) reasons.push("no rows");
  const numbers = rows.map((r) => r.row);
  if (new Set(numbers).size !== numbers.length) reasons.push("a row number twice");
  const { first, last } = { first: `${b.period}-01`, last: `${b.period}-31` };
  const verdictOf = (r: (typeof rows)[number], k: string): Verdict =>
    keys.includes(k) ? (r.specs[k]?.verdict ?? BLANK) : k === "priority" ? valid("medium") : k === "weight" ? valid(1) : BLANK;
  let unsure = false;
  const identities = new Map<string, number>();
  for (const r of rows) {
    for (const k of PLAN_KEYS) {
      const v = verdictOf(r, k);
      if (v.kind === "invalid") reasons.push(`row ${r.row}: ${k} invalid`);
      if (v.kind === "unknown") unsure = true;
      if (REQUIRED.includes(k) && v.kind === "blank") reasons.push(`row ${r.row}: ${k} required`);
    }
    const due = verdictOf(r, "due");
    const start = verdictOf(r, "start");
    if (due.kind === "valid" && ((due.value as string) < first || (due.value as string) > last)) reasons.push(`row ${r.row}: due outside the month`);
    if (start.kind === "valid" && due.kind === "valid" && (start.value as string) > (due.value as string)) reasons.push(`row ${r.row}: start after due`);
    const content = verdictOf(r, "content");
    const owner = verdictOf(r, "owner");
    if (content.kind === "valid" && owner.kind === "valid" && due.kind === "valid") {
      const identity = `${content.value}\u0000${owner.value}\u0000${due.value}`;
      if (identities.has(identity)) reasons.push(`row ${r.row}: the same task as row ${identities.get(identity)}`);
      else identities.set(identity, r.row);
    }
  }
  return { reasons, mustAccept: reasons.length === 0 && !unsure, rows, verdictOf };
}

const ACTIVE_DEPARTMENTS = new Set(DEMO_ROSTER.map((p) => p.department));
const ACTIVE_PEOPLE = new Set(DEMO_ROSTER.map((p) => p.email));
const PRIORITY_VALUES = new Set<string>(PRIORITIES.map((p) => p.value));

async function planState(planId: string) {
  const [plan, items] = await Promise.all([stack.db.collection("plans").doc(planId).get(), stack.db.collection("items").where("planId", "==", planId).get()]);
  return {
    plan: plan.exists ? (plan.data() as { revision: number; contentHash: string }) : null,
    items: new Map(items.docs.map((d) => [d.id, d.data() as Record<string, unknown> & { fields: Record<string, unknown> }])),
  };
}

/** Every stored item satisfies the template's constraints, whatever was sent. */
function checkStoredItem(id: string, item: Record<string, unknown> & { fields: Record<string, unknown> }, period: string) {
  const where = `item ${id}`;
  const title = item.title as string;
  expect(typeof title === "string" && title.trim() !== "" && title === title.trim(), where).toBe(true);
  expect([...title].length, where).toBeLessThanOrEqual(500);
  expect(CONTROL_ONE.test(title) || LONE.test(title), where).toBe(false);
  const deliverable = item.fields.deliverable as string;
  expect([...deliverable].length, where).toBeLessThanOrEqual(200);
  expect(LONE.test(deliverable), where).toBe(false);
  expect(String(item.due).startsWith(`${period}-`), where).toBe(true);
  if (item.start !== null) expect(item.start as string, where).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  if (item.start !== null) expect((item.start as string) <= (item.due as string), where).toBe(true);
  expect(item.weight as number, where).toBeGreaterThanOrEqual(0.1);
  expect(item.weight as number, where).toBeLessThanOrEqual(100);
  expect(PRIORITY_VALUES.has(item.fields.priority as string), where).toBe(true);
  expect(ACTIVE_DEPARTMENTS.has(item.department as string), where).toBe(true);
  expect(ACTIVE_PEOPLE.has((item.owner as { email: string }).email), where).toBe(true);
  expect(item.parentItem, where).toBeNull();
}

const property = (s: TableSpec) =>
  (async () => {
    const b = build(s);
    const keys = headerKeys(s);
    const planId = `monthly_${b.period}_计划运营部`;
    const verdict = judge(b, keys);
    const before = await planState(planId);
    const r = await call(stack, planner, "submit", b.req as unknown as Record<string, unknown>);
    const context = JSON.stringify({ status: r.status, reasons: verdict.reasons, error: r.error?.cells?.slice(0, 3) ?? r.error?.message });

    // Never a 5xx, never a malformed-request answer for what a sheet can hold: accepted, or cell errors.
    expect([200, 422], context).toContain(r.status);
    if (verdict.reasons.length > 0) expect(r.status, context).toBe(422);
    if (verdict.mustAccept) expect(r.status, context).toBe(200);

    const after = await planState(planId);
    if (r.status !== 200) {
      // All or nothing: a refused table changes nothing; every problem names a row that was sent (or the header row).
      expect(after.plan, context).toEqual(before.plan);
      expect([...after.items.keys()].sort(), context).toEqual([...before.items.keys()].sort());
      const sentRows = new Set([1, ...b.req.rows.map((x) => x.row)]);
      for (const c of r.error?.cells ?? []) {
        expect(sentRows.has(c.row), context).toBe(true);
        expect(c.message.zh.length > 0 && c.message.en.length > 0, context).toBe(true);
      }
      return;
    }
    // Accepted: exactly the non-blank rows, each stored under its ID with its content; nothing else stored.
    expect(
      r.body.rows.map((x) => x.row),
      context,
    ).toEqual(verdict.rows.map((x) => x.row));
    expect([...after.items.keys()].sort(), context).toEqual(r.body.rows.map((x) => x.itemId!).sort());
    r.body.rows.forEach((out, i) => {
      const sent = verdict.rows[i]!;
      const item = after.items.get(out.itemId!)!;
      checkStoredItem(out.itemId!, item, b.period);
      const value = (k: string) => {
        const v = verdict.verdictOf(sent, k);
        return v.kind === "valid" ? v.value : undefined;
      };
      expect(item.title, context).toBe(value("content"));
      expect(item.due, context).toBe(value("due"));
      expect((item.owner as { email: string }).email, context).toBe(value("owner"));
      expect(item.department, context).toBe(value("department"));
      expect(item.weight, context).toBe(value("weight"));
      expect(item.fields.priority, context).toBe(value("priority"));
      expect(item.start, context).toBe(value("start") ?? null);
      expect(item.fields.deliverable, context).toBe(value("deliverable") ?? "");
    });
  })();

describe("the submission reader, over generated monthly-plan tables (fast-check)", () => {
  it("when any table is submitted, then never a 5xx, never an invalid table accepted, never an accepted task lost", async () => {
    await fc.assert(fc.asyncProperty(tableSpec, property), { seed: SEED, numRuns: 100, endOnFailure: true });
  }, 120_000);

  it("when tables are made of valid rows only (in any order, any header language, with blank rows between), then each is accepted and read back as typed", async () => {
    const validTable = fc.record({ table: tableSpec, rows: fc.array(validRowSpec, { minLength: 1, maxLength: 6 }) }).map(({ table, rows }) => ({
      ...table,
      rows,
      copies: [],
      repeatRowNumber: null,
    }));
    await fc.assert(
      fc.asyncProperty(validTable, async (s) => {
        const verdict = judge(build(s), headerKeys(s));
        fc.pre(verdict.reasons.every((r) => r.includes("the same task as"))); // only chance collisions of two rows' content, owner and due
        fc.pre(verdict.mustAccept);
        await property(s);
      }),
      { seed: SEED + 1, numRuns: 20, endOnFailure: true },
    );
  }, 120_000);
});
