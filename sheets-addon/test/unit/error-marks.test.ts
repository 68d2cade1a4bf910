import { describe, expect, it } from "vitest";
import type { CellError } from "@planops/shared/api";
import { messagesFor } from "../../src/i18n/messages.js";
import { ERROR_BACKGROUND, errorMarkRuns, errorSummary, planErrorMarks } from "../../src/sheet/error-marks.js";

const cell = (row: number, column: number, zh: string, en: string): CellError => ({
  row,
  column,
  header: column === 8 ? "完成时间" : "责任人",
  code: "X",
  message: { zh: `第 ${row} 行：${zh}`, en: `Row ${row}: ${en}` },
  problem: { zh, en },
});

describe("error marks", () => {
  it("when a cell is refused, then its note is the problem in the user's language only, without the cell's position", () => {
    expect(planErrorMarks([cell(3, 8, "不在计划月份内", "Outside the plan month")], "zh")).toEqual([{ row: 3, column: 8, note: "不在计划月份内" }]);
    expect(planErrorMarks([cell(3, 8, "不在计划月份内", "Outside the plan month")], "en")[0]?.note).toBe("Outside the plan month");
  });

  it("when one cell has two problems, then both go into one note", () => {
    const marks = planErrorMarks([cell(4, 5, "甲", "A"), cell(4, 5, "乙", "B")], "zh");
    expect(marks).toEqual([{ row: 4, column: 5, note: "甲\n\n乙" }]);
  });

  it("when an error points at the header row, then no mark is planned for it (the header keeps its help note)", () => {
    expect(planErrorMarks([cell(1, 2, "缺少列", "Missing column"), cell(2, 5, "必填", "Required")], "zh")).toEqual([{ row: 2, column: 5, note: "必填" }]);
  });

  it("when marks are planned, then they come in reading order", () => {
    const marks = planErrorMarks([cell(9, 1, "a", "a"), cell(2, 8, "b", "b"), cell(2, 3, "c", "c")], "zh");
    expect(marks.map((m) => [m.row, m.column])).toEqual([
      [2, 3],
      [2, 8],
      [9, 1],
    ]);
  });

  it("when many cells are refused, then the summary counts distinct cells and lists the first few", () => {
    const cells = Array.from({ length: 10 }, (_, i) => cell(i + 2, 8, `错${i}`, `bad ${i}`));
    cells.push(cell(2, 8, "另一个问题", "another"));
    const summary = errorSummary(cells, "zh", messagesFor("zh"));
    expect(summary).toContain("有 10 个单元格需要修改");
    expect(summary).toContain("第 2 行「完成时间」：错0");
    expect(summary).toContain("另有 3 处");
    // One language only, and each cell's row and column named once (the problem, not the positioned message).
    expect(summary).not.toMatch(/bad|another/);
    expect(summary.match(/第 2 行/g)).toHaveLength(2);
    expect(errorSummary([cell(2, 5, "必填", "Required")], "en", messagesFor("en"))).toContain("1 cell needs fixing");
  });

  it("when the data area holds error marks among users' own colours, then only the error-coloured cells are picked, as runs per row", () => {
    const W = "#ffffff";
    const YELLOW = "#ffff00";
    const backgrounds = [
      [W, ERROR_BACKGROUND, ERROR_BACKGROUND, W, YELLOW],
      [W, W, W, W, W],
      [ERROR_BACKGROUND, YELLOW, ERROR_BACKGROUND.toUpperCase(), ERROR_BACKGROUND, "#f4cccd"],
    ];
    expect(errorMarkRuns(backgrounds, 2)).toEqual([
      { row: 2, column: 2, numColumns: 2 },
      { row: 4, column: 1, numColumns: 1 },
      { row: 4, column: 3, numColumns: 2 },
    ]);
  });

  it("when nothing is error-coloured, then nothing is to be cleared", () => {
    expect(
      errorMarkRuns(
        [
          ["#ffffff", "#d9e2f3"],
          ["#ffff00", "#ffffff"],
        ],
        2,
      ),
    ).toEqual([]);
    expect(errorMarkRuns([], 2)).toEqual([]);
  });
});
