import { MONTHLY_PLAN, QUARTERLY_PLAN, ROSTER, TASK_STEPS, headerRow } from "@planops/shared";
import { describe, expect, it } from "vitest";
import { progressWriteBack } from "../../src/sheet/progress.js";
import type { SheetTable } from "../../src/sheet/types.js";
import { columnRuns, optionLabel, planWriteBack, sheetLang } from "../../src/sheet/write-back.js";

const headers = headerRow(MONTHLY_PLAN, "zh");
const row = (n: number, content: string) => ({
  row: n,
  cells: headers.map((_, i) => (i === 1 ? content : null)),
});
const table = (...rows: SheetTable["rows"]): SheetTable => ({ headers, rows });
const ID = 1;
const STATUS = headers.indexOf("状态") + 1;
const result = (r: number, itemId: string | null, status: string | null) => ({ row: r, itemId, status });

describe("planWriteBack", () => {
  it("when the rows are unchanged, then IDs and status labels are written into the named rows, in runs", () => {
    const sent = table(row(2, "甲"), row(3, "乙"), row(5, "丙"));
    const plan = planWriteBack({
      template: MONTHLY_PLAN,
      sent,
      current: sent,
      rows: [result(2, "T-1", "not_started"), result(3, "T-2", "in_progress"), result(5, "T-3", "done")],
      statusKey: "status",
      labelLang: "zh",
    });
    expect(plan).toEqual({
      kind: "write",
      runs: [
        { column: ID, firstRow: 2, values: ["T-1", "T-2"] },
        { column: ID, firstRow: 5, values: ["T-3"] },
        { column: STATUS, firstRow: 2, values: ["未开始", "进行中"] },
        { column: STATUS, firstRow: 5, values: ["已完成"] },
      ],
    });
  });

  it("when the kind names no status column, then only IDs are written; a null ID or status is never written", () => {
    const sent = table(row(2, "甲"), row(3, "乙"));
    const plan = planWriteBack({ template: MONTHLY_PLAN, sent, current: sent, rows: [result(2, "T-1", "done"), result(3, null, null)], labelLang: "zh" });
    expect(plan).toEqual({ kind: "write", runs: [{ column: ID, firstRow: 2, values: ["T-1"] }] });
  });

  it("when a quarterly plan comes back, then IDs go into its own ID column", () => {
    const qHeaders = headerRow(QUARTERLY_PLAN, "en");
    const sent: SheetTable = { headers: qHeaders, rows: [{ row: 2, cells: qHeaders.map((h) => (h === "Task" ? "x" : null)) }] };
    expect(planWriteBack({ template: QUARTERLY_PLAN, sent, current: sent, rows: [result(2, "Q-1", null)], labelLang: "en" })).toEqual({
      kind: "write",
      runs: [{ column: 1, firstRow: 2, values: ["Q-1"] }],
    });
  });

  it.each([
    ["the roster", ROSTER],
    ["implementation steps", TASK_STEPS],
  ])("when %s comes back, then nothing is written, even if the sheet changed meanwhile (no ID column)", (_what, template) => {
    const h = headerRow(template, "zh");
    const sent: SheetTable = { headers: h, rows: [{ row: 2, cells: h.map(() => "a") }] };
    const current: SheetTable = { headers: h, rows: [{ row: 2, cells: h.map(() => "b") }] };
    expect(planWriteBack({ template, sent, current, rows: [result(2, "T-1", null)], labelLang: "zh" })).toEqual({ kind: "write", runs: [] });
  });

  it("when a returned row was edited during the call, then nothing is written", () => {
    const plan = planWriteBack({
      template: MONTHLY_PLAN,
      sent: table(row(2, "甲"), row(3, "乙")),
      current: table(row(2, "甲"), row(3, "乙（改）")),
      rows: [result(2, "T-1", "not_started"), result(3, "T-2", "not_started")],
      statusKey: "status",
      labelLang: "zh",
    });
    expect(plan).toEqual({ kind: "changed" });
  });

  it("when a row was inserted above during the call, then nothing is written", () => {
    const plan = planWriteBack({
      template: MONTHLY_PLAN,
      sent: table(row(2, "甲"), row(3, "乙")),
      current: table(row(2, "新插入"), row(3, "甲"), row(4, "乙")),
      rows: [result(2, "T-1", "not_started")],
      statusKey: "status",
      labelLang: "zh",
    });
    expect(plan).toEqual({ kind: "changed" });
  });

  it("when a row was emptied during the call, then nothing is written", () => {
    const plan = planWriteBack({
      template: MONTHLY_PLAN,
      sent: table(row(2, "甲")),
      current: table(),
      rows: [result(2, "T-1", "not_started")],
      statusKey: "status",
      labelLang: "zh",
    });
    expect(plan).toEqual({ kind: "changed" });
  });

  it("when a row only got added below, then the returned rows are still written", () => {
    const plan = planWriteBack({
      template: MONTHLY_PLAN,
      sent: table(row(2, "甲")),
      current: table(row(2, "甲"), row(3, "新行")),
      rows: [result(2, "T-1", "blocked")],
      statusKey: "status",
      labelLang: "en",
    });
    expect(plan).toEqual({
      kind: "write",
      runs: [
        { column: ID, firstRow: 2, values: ["T-1"] },
        { column: STATUS, firstRow: 2, values: ["Blocked"] },
      ],
    });
  });

  it("when the backend names a row that was not sent, then that row is never written", () => {
    const plan = planWriteBack({
      template: MONTHLY_PLAN,
      sent: table(row(2, "甲")),
      current: table(row(2, "甲")),
      rows: [result(2, "T-1", "done"), result(40, "T-X", "done")],
      statusKey: "status",
      labelLang: "zh",
    });
    expect(plan.kind === "write" && plan.runs.flatMap((r) => r.firstRow)).toEqual([2, 2]);
  });
});

describe("progressWriteBack", () => {
  const qHeaders = headerRow(QUARTERLY_PLAN, "zh");
  const PROGRESS = qHeaders.indexOf("进度") + 1;
  const qRow = (r: number, id: string | number | null) => ({ row: r, cells: qHeaders.map((h) => (h === "编号" ? id : h === "具体任务" ? "任务" : null)) });
  const items = [
    { itemId: "Q-1", progress: 45 },
    { itemId: "Q-2", progress: 100 },
    { itemId: "Q-3", progress: null },
    { itemId: "Q-4", progress: 0 },
  ];

  it("when rows carry IDs of the plan's items, then each gets its progress as a 0–1 fraction, in runs of consecutive rows", () => {
    const sheet: SheetTable = { headers: qHeaders, rows: [qRow(2, "Q-2"), qRow(3, "Q-1"), qRow(5, "Q-4")] };
    expect(progressWriteBack({ template: QUARTERLY_PLAN, progressKey: "progress", table: sheet, items })).toEqual({
      runs: [
        { column: PROGRESS, firstRow: 2, values: [1, 0.45] },
        { column: PROGRESS, firstRow: 5, values: [0] },
      ],
      rows: 3,
    });
  });

  it("when a row has no ID, an unknown ID, or the item has no progress yet, then it is left alone or cleared accordingly", () => {
    const sheet: SheetTable = { headers: qHeaders, rows: [qRow(2, null), qRow(3, "Q-99"), qRow(4, " Q-3 "), qRow(6, "Q-1")] };
    expect(progressWriteBack({ template: QUARTERLY_PLAN, progressKey: "progress", table: sheet, items })).toEqual({
      runs: [
        { column: PROGRESS, firstRow: 4, values: [""] },
        { column: PROGRESS, firstRow: 6, values: [0.45] },
      ],
      rows: 2,
    });
  });

  it("when the sheet is in English and its columns were moved, then the columns are found by their headers", () => {
    const moved = [...headerRow(QUARTERLY_PLAN, "en")].reverse();
    const sheet: SheetTable = { headers: moved, rows: [{ row: 2, cells: moved.map((h) => (h === "Item ID" ? "Q-1" : null)) }] };
    expect(progressWriteBack({ template: QUARTERLY_PLAN, progressKey: "progress", table: sheet, items })).toEqual({
      runs: [{ column: moved.indexOf("Progress") + 1, firstRow: 2, values: [0.45] }],
      rows: 1,
    });
  });

  it("when the ID or progress header is missing, then nothing is written", () => {
    const noProgress: SheetTable = { headers: qHeaders.filter((h) => h !== "进度"), rows: [qRow(2, "Q-1")] };
    expect(progressWriteBack({ template: QUARTERLY_PLAN, progressKey: "progress", table: noProgress, items })).toEqual({ runs: [], rows: 0 });
  });
});

describe("sheetLang and labels", () => {
  it("when the headers are English, then write-backs use English labels whatever the user's language", () => {
    expect(sheetLang(MONTHLY_PLAN, headerRow(MONTHLY_PLAN, "en"), "zh")).toBe("en");
    expect(sheetLang(MONTHLY_PLAN, headerRow(MONTHLY_PLAN, "zh"), "en")).toBe("zh");
    expect(sheetLang(MONTHLY_PLAN, ["随便", "whatever"], "en")).toBe("en");
  });

  it("when a status is unknown, then its value is shown as is", () => {
    const status = MONTHLY_PLAN.columns.find((c) => c.key === "status");
    if (!status) throw new Error("no status column");
    expect(optionLabel(status, "cancelled", "zh")).toBe("已取消");
    expect(optionLabel(status, "mystery", "zh")).toBe("mystery");
  });

  it("when rows are out of order, then runs are still consecutive", () => {
    expect(
      columnRuns(3, [
        { row: 4, value: "b" },
        { row: 3, value: "a" },
        { row: 7, value: "c" },
      ]),
    ).toEqual([
      { column: 3, firstRow: 3, values: ["a", "b"] },
      { column: 3, firstRow: 7, values: ["c"] },
    ]);
  });
});
