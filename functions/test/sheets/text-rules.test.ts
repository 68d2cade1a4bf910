import { ANNUAL_PLAN, MONTHLY_PLAN, QUARTERLY_PLAN, ROSTER, TASK_STEPS, type TemplateDef } from "@planops/shared";
import type { SubmitRequest } from "@planops/shared/api";
import { describe, expect, it } from "vitest";
import { DEMO_ROSTER, demoEmail, personCells, type RosterCells, rosterTable } from "../../local/demo-org.js";
import { call } from "../support/call.js";
import { annualItem, annualTable, columnOf, planTable, quarterlyItem, quarterlyTable, stepsTable, task } from "../support/plan-sheet.js";
import { useStack } from "../support/stack.js";

const stack = useStack();

const planner = demoEmail("李明");
const manager = demoEmail("张伟");
const hr = demoEmail("孙丽");

/** Only invisible characters: C0 and C1 controls, DEL, zero-width space and joiner, word joiner, BOM — and spaces. */
const INVISIBLE = " \u0000\u0007\u001b\u007f\u0085\u200b\u200d\u2060\ufeff\u3000 ";
const LONE_HIGH = "\ud83d"; // half of an emoji
const LONE_LOW = "\ude00";
/** Typed text with control characters inside and around it, and the text kept of it. */
const MESSY = { sent: "\u0007  编制\u0000月报\u001f（第一版）\u0085  ", kept: "编制月报（第一版）" };
/** Kept exactly as typed: decomposed é (no NFC), full-width letters (no NFKC), a line break, a ZWJ family emoji, formula-like text. */
const AS_TYPED = "Cafe\u0301 ＡＢＣ 第一行\n第二行 👨‍👩‍👧 =SUM(A1)";

type Cells = Record<string, string | number | boolean | null>;

/**
 * One template as the text rules see it: a valid row, its required text column,
 * a column of another type, how its request is built, and where a row's text is stored.
 */
interface TemplateCase {
  template: TemplateDef;
  as: string;
  text: string;
  other: string;
  row: (i: number) => Cells;
  request: (rows: Cells[]) => SubmitRequest;
  /** Which row numbers of `request(rows)` the test's rows are on (the roster sheet holds everyone). */
  rowNumber: (i: number) => number;
  storedText: (response: { rows: { row: number; itemId: string | null }[] }, i: number) => Promise<unknown>;
}

const itemField = (key: string) => async (response: { rows: { itemId: string | null }[] }, i: number) =>
  (await stack.db.collection("items").doc(response.rows[i]!.itemId!).get()).data()?.fields[key];

const rosterRows = (over: Cells[]): RosterCells[] => {
  const rows: RosterCells[] = DEMO_ROSTER.map((p) => personCells(p));
  // The test's people are the last rows: 周杰, 吴婷, 马晓明 (nobody's supervisor, not referred to by name).
  const targets = ["周杰", "吴婷", "马晓明"];
  return rows.map((r) => {
    const i = targets.indexOf(String(r.name));
    return i >= 0 && over[i] ? { ...r, ...(over[i] as RosterCells) } : r;
  });
};
const rosterRowOf = (name: string) => DEMO_ROSTER.findIndex((p) => p.name === name) + 2;

let stepsMonthTask = "";

const CASES: Record<string, TemplateCase> = {
  annual: {
    template: ANNUAL_PLAN,
    as: planner,
    text: "title",
    other: "owner",
    row: (i) => annualItem(2045, { title: `年度目标 ${i}` }),
    request: (rows) => annualTable(rows, { period: "2045" }),
    rowNumber: (i) => i + 2,
    storedText: itemField("title"),
  },
  quarterly: {
    template: QUARTERLY_PLAN,
    as: planner,
    text: "focus",
    other: "due",
    row: (i) => quarterlyItem("2045-Q3", { focus: `重点 ${i}`, title: `季度任务 ${i}` }),
    request: (rows) => quarterlyTable(rows, { period: "2045-Q3" }),
    rowNumber: (i) => i + 2,
    storedText: itemField("focus"),
  },
  monthly: {
    template: MONTHLY_PLAN,
    as: planner,
    text: "content",
    other: "department",
    row: (i) => task({ content: `月度任务 ${i}`, start: null, due: "2045-08-10" }),
    request: (rows) => planTable(rows, { period: "2045-08" }),
    rowNumber: (i) => i + 2,
    storedText: itemField("content"),
  },
  steps: {
    template: TASK_STEPS,
    as: planner,
    text: "step",
    other: "planned",
    row: (i) => ({ task: stepsMonthTask, step: `步骤 ${i}`, planned: `2045-09-0${i + 1}` }),
    request: (rows) => stepsTable(rows, { period: "2045-09" }),
    rowNumber: (i) => i + 2,
    storedText: async (_response, i) => (await stack.db.collection("items").doc(stepsMonthTask).get()).data()?.steps[i]?.step,
  },
  roster: {
    template: ROSTER,
    as: hr,
    text: "name",
    other: "email",
    row: () => ({}),
    request: (rows) => ({
      ...rosterTable(rosterRows(rows)),
      template: { id: ROSTER.id, version: ROSTER.version },
      period: "",
      spreadsheet: { id: "sheet-roster", sheetId: 3, sheetName: "人员名册" },
    }),
    rowNumber: (i) => rosterRowOf(["周杰", "吴婷", "马晓明"][i]!),
    storedText: async (_response, i) =>
      (
        await stack.db
          .collection("roster")
          .doc(demoEmail(["周杰", "吴婷", "马晓明"][i]!))
          .get()
      ).data()?.name,
  },
};

describe("what text the backend accepts, the same for every template (sheets/cells.ts)", () => {
  it("when the steps sheet's month has an approved plan with the submitter's task, then there is a task to break into steps", async () => {
    const r = await call(stack, planner, "submit", planTable([task({ content: "可分解的任务", start: null, due: "2045-09-20" })], { period: "2045-09" }));
    expect(r.status, JSON.stringify(r.error)).toBe(200);
    expect((await call(stack, manager, "decide", { planId: r.body.documentId, revision: 1, decision: "approve" })).status).toBe(200);
    stepsMonthTask = r.body.rows[0]!.itemId!;
  });

  describe.each(Object.entries(CASES))("the %s template", (_name, c) => {
    it("when a required text cell holds only invisible characters, a text cell broken Unicode, and another type's cell broken Unicode, then REQUIRED, INVALID_TEXT, INVALID_TEXT in those cells", async () => {
      const rows = [
        { ...c.row(0), [c.text]: INVISIBLE },
        { ...c.row(1), [c.text]: `正常${LONE_HIGH}文字` },
        { ...c.row(2), [c.other]: `${String(c.row(2)[c.other] ?? "x")}${LONE_LOW}` },
      ];
      const r = await call(stack, c.as, "submit", c.request(rows));
      expect(r.status, JSON.stringify(r.error)).toBe(422);
      const found = r.error?.cells?.map((e) => [e.row, e.column, e.code]);
      expect(found).toEqual([
        [c.rowNumber(0), columnOf(c.template, c.text), "REQUIRED"],
        [c.rowNumber(1), columnOf(c.template, c.text), "INVALID_TEXT"],
        [c.rowNumber(2), columnOf(c.template, c.other), "INVALID_TEXT"],
      ]);
      const invalid = r.error!.cells!.find((e) => e.code === "INVALID_TEXT")!;
      expect(invalid.message.zh).toContain("不完整的 Unicode 字符");
      expect(invalid.message.en).toContain("broken Unicode");
    });

    it("when text carries control characters, then they are dropped and the ends trimmed; everything else is kept as typed, without normalisation", async () => {
      const rows = [
        { ...c.row(0), [c.text]: MESSY.sent },
        { ...c.row(1), [c.text]: AS_TYPED },
      ];
      const r = await call(stack, c.as, "submit", c.request(rows));
      expect(r.status, JSON.stringify(r.error)).toBe(200);
      expect(await c.storedText(r.body, 0)).toBe(MESSY.kept);
      const kept = await c.storedText(r.body, 1);
      expect(kept).toBe(AS_TYPED);
      expect(kept).not.toBe(AS_TYPED.normalize("NFC"));
    });

    it("when text is exactly as long as allowed in characters outside the BMP, then it is accepted; one more is TOO_LONG", async () => {
      const column = c.template.columns.find((col) => col.key === c.text);
      if (column?.type !== "text") throw new Error("not a text column");
      const longest = "𠮷".repeat(column.maxLength);
      const tooLong = await call(stack, c.as, "submit", c.request([{ ...c.row(0), [c.text]: `${longest}𠮷` }]));
      expect(tooLong.status).toBe(422);
      expect(tooLong.error?.cells?.map((e) => [e.row, e.code])).toEqual([[c.rowNumber(0), "TOO_LONG"]]);
      expect(tooLong.error?.cells?.[0]?.message.zh).toContain(`最多 ${column.maxLength} 个字符，当前 ${column.maxLength + 1} 个`);
      const ok = await call(stack, c.as, "submit", c.request([{ ...c.row(0), [c.text]: longest }]));
      expect(ok.status, JSON.stringify(ok.error)).toBe(200);
      expect(await c.storedText(ok.body, 0)).toBe(longest);
    });
  });

  it("when a cell holds far more text than its column allows (20,000 characters), then it is that cell's TOO_LONG, not a malformed request", async () => {
    const r = await call(stack, planner, "submit", planTable([task({ content: "长".repeat(20_000), start: null, due: "2045-11-10" })], { period: "2045-11" }));
    expect(r.status).toBe(422);
    expect(r.error?.cells?.map((e) => [e.row, e.header, e.code])).toEqual([[2, "任务内容", "TOO_LONG"]]);
  });

  it("when a whole row holds only invisible characters, then it is skipped as an empty row", async () => {
    const blankRow = Object.fromEntries(MONTHLY_PLAN.columns.map((col) => [col.key, INVISIBLE]));
    const r = await call(
      stack,
      planner,
      "submit",
      planTable([task({ content: "唯一的任务", start: null, due: "2045-10-10" }), blankRow], { period: "2045-10" }),
    );
    expect(r.status, JSON.stringify(r.error)).toBe(200);
    expect(r.body.rows.map((x) => x.row)).toEqual([2]);
  });
});
