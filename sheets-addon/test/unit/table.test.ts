import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { readTable, toWireCell } from "../../src/sheet/table.js";

/** Formats like Utilities.formatDate(d, "Asia/Shanghai", "yyyy-MM-dd"). */
const shanghaiDay = (d: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(d);

describe("readTable", () => {
  it("when a Date falls on another day in UTC than in the sheet's zone, then the sheet's day is sent", () => {
    // 2026-11-30 17:00 UTC is already 2026-12-01 01:00 in Shanghai.
    const table = readTable([["完成时间"], [new Date(Date.UTC(2026, 10, 30, 17, 0))]], shanghaiDay);
    expect(table.rows).toEqual([{ row: 2, cells: ["2026-12-01"] }]);
  });

  it("when a Date comes from another realm (Apps Script service, vm), then it is still recognised", () => {
    const foreign: unknown = runInNewContext("new Date(Date.UTC(2026, 11, 15, 4))");
    expect(foreign instanceof Date).toBe(false);
    expect(toWireCell(foreign, shanghaiDay)).toBe("2026-12-15");
  });

  it("when rows are fully empty or blank, then they are skipped and the others keep their sheet row", () => {
    const table = readTable(
      [
        ["任务编号", "任务内容", "权重"],
        ["", "写周报", 1],
        ["", "", ""],
        ["  ", "", null],
        ["T-9", "", ""],
      ],
      shanghaiDay,
    );
    expect(table.rows).toEqual([
      { row: 2, cells: [null, "写周报", 1] },
      { row: 5, cells: ["T-9", null, null] },
    ]);
  });

  it("when cells hold text that looks like a formula or a number, then it is sent verbatim", () => {
    const table = readTable(
      [
        ["a", "b", "c", "d"],
        ["=SUM(A1:A3)", "+8613800000000", "-优化流程", true],
      ],
      shanghaiDay,
    );
    expect(table.rows[0]?.cells).toEqual(["=SUM(A1:A3)", "+8613800000000", "-优化流程", true]);
  });

  it("when someone typed right of the table, then columns end at the last non-empty header", () => {
    const table = readTable(
      [
        [" 任务内容 ", "责任人", "", ""],
        ["写周报", "李明", "", "随手笔记"],
        ["", "", "", "只有表外的字"],
      ],
      shanghaiDay,
    );
    expect(table.headers).toEqual(["任务内容", "责任人"]);
    expect(table.rows).toEqual([{ row: 2, cells: ["写周报", "李明"] }]);
  });

  it("when the sheet is empty, then there are no headers and no rows", () => {
    expect(readTable([], shanghaiDay)).toEqual({ headers: [], rows: [] });
    expect(readTable([[""]], shanghaiDay)).toEqual({ headers: [], rows: [] });
  });

  it("when a number is not finite, then it is sent as text for the backend to refuse", () => {
    expect(toWireCell(Number.NaN, shanghaiDay)).toBe("NaN");
    expect(toWireCell(0, shanghaiDay)).toBe(0);
  });
});

describe("readTable with checkboxes", () => {
  it("when a row holds only an unticked checkbox, then it is not a row; a ticked one is, and FALSE is sent in a filled row", () => {
    const table = readTable(
      [
        ["任务", "步骤", "已完成"],
        ["", "", false],
        ["", "", true],
        ["T-1 写周报", "收集数据", false],
      ],
      shanghaiDay,
    );
    expect(table.rows).toEqual([
      { row: 3, cells: [null, null, true] },
      { row: 4, cells: ["T-1 写周报", "收集数据", false] },
    ]);
  });
});
