import { MONTHLY_PLAN, headerRow } from "@planops/shared";
import { describe, expect, it } from "vitest";
import type { SheetTable } from "../../src/sheet/types.js";
import { columnRuns, planWriteBack, sheetLang, statusLabel } from "../../src/sheet/write-back.js";

const headers = headerRow(MONTHLY_PLAN, "zh");
const row = (n: number, content: string) => ({
  row: n,
  cells: headers.map((_, i) => (i === 1 ? content : null)),
});
const table = (...rows: SheetTable["rows"]): SheetTable => ({ headers, rows });
const ID = 1;
const STATUS = headers.indexOf("状态") + 1;

describe("planWriteBack", () => {
  it("when the rows are unchanged, then IDs and status labels are written into the named rows, in runs", () => {
    const sent = table(row(2, "甲"), row(3, "乙"), row(5, "丙"));
    const plan = planWriteBack({
      template: MONTHLY_PLAN,
      sent,
      current: sent,
      tasks: [
        { row: 2, taskId: "T-1", status: "not_started" },
        { row: 3, taskId: "T-2", status: "in_progress" },
        { row: 5, taskId: "T-3", status: "done" },
      ],
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

  it("when a returned row was edited during the call, then nothing is written", () => {
    const plan = planWriteBack({
      template: MONTHLY_PLAN,
      sent: table(row(2, "甲"), row(3, "乙")),
      current: table(row(2, "甲"), row(3, "乙（改）")),
      tasks: [{ row: 2, taskId: "T-1", status: "not_started" }, { row: 3, taskId: "T-2", status: "not_started" }],
      labelLang: "zh",
    });
    expect(plan).toEqual({ kind: "changed" });
  });

  it("when a row was inserted above during the call, then nothing is written", () => {
    const plan = planWriteBack({
      template: MONTHLY_PLAN,
      sent: table(row(2, "甲"), row(3, "乙")),
      current: table(row(2, "新插入"), row(3, "甲"), row(4, "乙")),
      tasks: [{ row: 2, taskId: "T-1", status: "not_started" }],
      labelLang: "zh",
    });
    expect(plan).toEqual({ kind: "changed" });
  });

  it("when a row was emptied during the call, then nothing is written", () => {
    const plan = planWriteBack({
      template: MONTHLY_PLAN,
      sent: table(row(2, "甲")),
      current: table(),
      tasks: [{ row: 2, taskId: "T-1", status: "not_started" }],
      labelLang: "zh",
    });
    expect(plan).toEqual({ kind: "changed" });
  });

  it("when a row only got added below, then the returned rows are still written", () => {
    const plan = planWriteBack({
      template: MONTHLY_PLAN,
      sent: table(row(2, "甲")),
      current: table(row(2, "甲"), row(3, "新行")),
      tasks: [{ row: 2, taskId: "T-1", status: "blocked" }],
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
      tasks: [{ row: 2, taskId: "T-1", status: "done" }, { row: 40, taskId: "T-X", status: "done" }],
      labelLang: "zh",
    });
    expect(plan.kind === "write" && plan.runs.flatMap((r) => r.firstRow)).toEqual([2, 2]);
  });
});

describe("sheetLang and labels", () => {
  it("when the headers are English, then write-backs use English labels whatever the user's language", () => {
    expect(sheetLang(MONTHLY_PLAN, headerRow(MONTHLY_PLAN, "en"), "zh")).toBe("en");
    expect(sheetLang(MONTHLY_PLAN, headerRow(MONTHLY_PLAN, "zh"), "en")).toBe("zh");
    expect(sheetLang(MONTHLY_PLAN, ["随便", "whatever"], "en")).toBe("en");
  });

  it("when a status is unknown, then its value is shown as is", () => {
    expect(statusLabel("cancelled", "zh")).toBe("已取消");
    expect(statusLabel("mystery", "zh")).toBe("mystery");
  });

  it("when rows are out of order, then runs are still consecutive", () => {
    expect(columnRuns(3, [{ row: 4, value: "b" }, { row: 3, value: "a" }, { row: 7, value: "c" }])).toEqual([
      { column: 3, firstRow: 3, values: ["a", "b"] },
      { column: 3, firstRow: 7, values: ["c"] },
    ]);
  });
});
