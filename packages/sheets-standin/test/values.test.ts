import type { sheets_v4 } from "@googleapis/sheets";
import { beforeEach, describe, expect, it } from "vitest";
import { failure, useStandin } from "./support/client.js";

const s = useStandin();
const SUMMARY = "汇总 Summary";
const QUOTED = `'${SUMMARY}'`;
let id: string;

beforeEach(async () => {
  const created = await s.api.spreadsheets.create({
    requestBody: {
      properties: { title: "数值 Values" },
      sheets: [{ properties: { title: SUMMARY, gridProperties: { rowCount: 20, columnCount: 10 } } }, { properties: { title: "Plain" } }],
    },
  });
  id = created.data.spreadsheetId as string;
});

const values = () => s.api.spreadsheets.values;
const read = async (range: string, params: Partial<sheets_v4.Params$Resource$Spreadsheets$Values$Get> = {}) =>
  (await values().get({ spreadsheetId: id, range, ...params })).data;
const cellsOf = async (range: string) =>
  (await s.api.spreadsheets.get({ spreadsheetId: id, ranges: [range], includeGridData: true })).data.sheets?.[0]?.data?.[0]?.rowData?.map(
    (r) => r.values ?? [],
  ) ?? [];

describe("valueInputOption", () => {
  it("when text is written RAW, then formulas, signs, numbers and dates stay text exactly as given", async () => {
    const texts = ["=SUM(A1)", '=HYPERLINK("http://evil")', "+1", "-2", "007", "2027-01-05", "12%", "TRUE"];
    const res = await values().update({ spreadsheetId: id, range: `${QUOTED}!A1`, valueInputOption: "RAW", requestBody: { values: [texts] } });
    expect(res.data).toEqual({ spreadsheetId: id, updatedRange: `${QUOTED}!A1:H1`, updatedRows: 1, updatedColumns: 8, updatedCells: 8 });
    expect((await read(`${QUOTED}!A1:H1`)).values).toEqual([texts]);
    expect((await read(`${QUOTED}!A1:H1`, { valueRenderOption: "UNFORMATTED_VALUE" })).values).toEqual([texts]);
    const cells = await cellsOf(`${QUOTED}!A1:H1`);
    expect(cells[0]?.map((c) => c.userEnteredValue)).toEqual(texts.map((t) => ({ stringValue: t })));
  });

  it("when text is written USER_ENTERED, then a leading = makes a formula and numbers, percents, dates and booleans are parsed", async () => {
    await values().update({
      spreadsheetId: id,
      range: "Plain!A1:G1",
      valueInputOption: "USER_ENTERED",
      requestBody: { values: [["=SUM(A1)", "1,234.5", "12%", "2027-01-05", "true", "'=kept", "文本"]] },
    });
    const cells = (await cellsOf("Plain!A1:G1"))[0] ?? [];
    expect(cells.map((c) => c.userEnteredValue)).toEqual([
      { formulaValue: "=SUM(A1)" },
      { numberValue: 1234.5 },
      { numberValue: 0.12 },
      { numberValue: 46392 },
      { boolValue: true },
      { stringValue: "=kept" },
      { stringValue: "文本" },
    ]);
    expect(cells[2]?.userEnteredFormat?.numberFormat).toEqual({ type: "PERCENT", pattern: "0%" });
    // Formulas are not evaluated by the stand-in: they read back as their text.
    expect((await read("Plain!A1:G1")).values).toEqual([["=SUM(A1)", "1234.5", "12%", "2027-01-05", "TRUE", "=kept", "文本"]]);
    expect((await read("Plain!A1:G1", { valueRenderOption: "UNFORMATTED_VALUE" })).values).toEqual([["=SUM(A1)", 1234.5, 0.12, 46392, true, "=kept", "文本"]]);
    expect((await read("Plain!D1", { valueRenderOption: "UNFORMATTED_VALUE", dateTimeRenderOption: "FORMATTED_STRING" })).values).toEqual([["2027-01-05"]]);
  });

  it("when valueInputOption is missing, then the write is refused", async () => {
    const bad = await failure(values().update({ spreadsheetId: id, range: "Plain!A1", requestBody: { values: [["x"]] } }));
    expect(bad.status).toBe(400);
    expect(bad.error.message).toContain("valueInputOption");
  });
});

describe("A1 ranges", () => {
  it("when ranges name quoted Chinese sheets, whole columns, bare sheets or no sheet, then each reads the cells it names", async () => {
    await values().update({
      spreadsheetId: id,
      range: `${QUOTED}!B2`,
      valueInputOption: "RAW",
      requestBody: {
        values: [
          ["甲", "乙"],
          ["丙", "", "丁"],
        ],
      },
    });
    await values().update({ spreadsheetId: id, range: "Plain!A1", valueInputOption: "RAW", requestBody: { values: [["plain"]] } });
    expect(await read(`${QUOTED}!A1:D10`)).toEqual({ range: `${QUOTED}!A1:D10`, majorDimension: "ROWS", values: [[], ["", "甲", "乙"], ["", "丙", "", "丁"]] });
    expect(await read(`${QUOTED}!B:C`)).toEqual({ range: `${QUOTED}!B1:C20`, majorDimension: "ROWS", values: [[], ["甲", "乙"], ["丙"]] });
    expect((await read(QUOTED)).range).toBe(`${QUOTED}!A1:J20`);
    expect((await read(SUMMARY)).values).toEqual([[], ["", "甲", "乙"], ["", "丙", "", "丁"]]);
    expect((await read("B2:C3")).values).toEqual([["甲", "乙"], ["丙"]]);
    expect((await read("Plain!A1:B2")).values).toEqual([["plain"]]);
    expect((await read(`${QUOTED}!2:3`)).values).toEqual([
      ["", "甲", "乙"],
      ["", "丙", "", "丁"],
    ]);
    expect(await read(`${QUOTED}!B2:D3`, { majorDimension: "COLUMNS" })).toMatchObject({
      majorDimension: "COLUMNS",
      values: [["甲", "丙"], ["乙"], ["", "丁"]],
    });
    expect(await read(`${QUOTED}!E1:F5`)).toEqual({ range: `${QUOTED}!E1:F5`, majorDimension: "ROWS" });
  });

  it("when a range names no sheet there is or lies past the grid, then it is refused", async () => {
    expect((await failure(read("'没有 None'!A1"))).error.message).toBe("Unable to parse range: '没有 None'!A1");
    expect((await failure(read(`${QUOTED}!A1:A21`))).error.message).toContain("exceeds grid limits");
  });

  it("when values do not fit a bounded range, then nothing is written; an open range adds rows but never columns", async () => {
    const bad = await failure(
      values().update({ spreadsheetId: id, range: `${QUOTED}!A1:B1`, valueInputOption: "RAW", requestBody: { values: [["a", "b", "c"]] } }),
    );
    expect(bad.error.message).toContain("do not fit");
    expect((await read(`${QUOTED}!A1:C1`)).values).toBeUndefined();
    const rows = Array.from({ length: 25 }, (_, i) => [`行${i + 1}`]);
    const res = await values().update({ spreadsheetId: id, range: `${QUOTED}!A:A`, valueInputOption: "RAW", requestBody: { values: rows } });
    expect(res.data.updatedRange).toBe(`${QUOTED}!A1:A25`);
    const props = (await s.api.spreadsheets.get({ spreadsheetId: id })).data.sheets?.[0]?.properties;
    expect(props?.gridProperties?.rowCount).toBe(25);
    const wide = await failure(
      values().update({ spreadsheetId: id, range: `${QUOTED}!I1`, valueInputOption: "RAW", requestBody: { values: [["i", "j", "k"]] } }),
    );
    expect(wide.error.message).toBe(`Range (${QUOTED}!I1:K1) exceeds grid limits. Max rows: 25, max columns: 10`);
    expect((await read(`${QUOTED}!I1:J1`)).values).toBeUndefined();
  });
});

describe("append, clear and batches", () => {
  it("when rows are appended to a table, then they land after its last row and the reply names the table and the rows written", async () => {
    await values().update({
      spreadsheetId: id,
      range: "Plain!A1",
      valueInputOption: "RAW",
      requestBody: {
        values: [
          ["标题", "负责人"],
          ["任务一", "张伟"],
        ],
      },
    });
    const { data } = await values().append({
      spreadsheetId: id,
      range: "Plain!A1:B1",
      valueInputOption: "RAW",
      requestBody: {
        values: [
          ["任务二", "王芳"],
          ["任务三", "李娜"],
        ],
      },
    });
    expect(data).toEqual({
      spreadsheetId: id,
      tableRange: "Plain!A1:B2",
      updates: { spreadsheetId: id, updatedRange: "Plain!A3:B4", updatedRows: 2, updatedColumns: 2, updatedCells: 4 },
    });
    expect((await read("Plain!A:B")).values).toEqual([
      ["标题", "负责人"],
      ["任务一", "张伟"],
      ["任务二", "王芳"],
      ["任务三", "李娜"],
    ]);
  });

  it("when ranges are cleared, then values go and formats stay", async () => {
    await s.api.spreadsheets.batchUpdate({
      spreadsheetId: id,
      requestBody: {
        requests: [
          {
            updateCells: {
              rows: [{ values: [{ userEnteredValue: { numberValue: 0.5 }, userEnteredFormat: { numberFormat: { type: "PERCENT", pattern: "0.0%" } } }] }],
              fields: "*",
              start: { sheetId: 0, rowIndex: 0, columnIndex: 0 },
            },
          },
        ],
      },
    });
    await values().update({ spreadsheetId: id, range: "Plain!A1:B1", valueInputOption: "RAW", requestBody: { values: [["x", "y"]] } });
    expect((await read(`${QUOTED}!A1`)).values).toEqual([["50.0%"]]);
    const cleared = await values().clear({ spreadsheetId: id, range: `${QUOTED}!A1:B2` });
    expect(cleared.data).toEqual({ spreadsheetId: id, clearedRange: `${QUOTED}!A1:B2` });
    const batch = await values().batchClear({ spreadsheetId: id, requestBody: { ranges: ["Plain!A1"] } });
    expect(batch.data).toEqual({ spreadsheetId: id, clearedRanges: ["Plain!A1"] });
    expect((await read("Plain!A1:B1")).values).toEqual([["", "y"]]);
    const cell = (await cellsOf(`${QUOTED}!A1`))[0]?.[0];
    expect(cell?.userEnteredValue).toBeUndefined();
    expect(cell?.userEnteredFormat).toEqual({ numberFormat: { type: "PERCENT", pattern: "0.0%" } });
  });

  it("when several ranges are written and read in one call, then each is answered in order", async () => {
    const { data } = await values().batchUpdate({
      spreadsheetId: id,
      requestBody: {
        valueInputOption: "USER_ENTERED",
        data: [
          {
            range: `${QUOTED}!A1:B2`,
            values: [
              ["组", "完成率"],
              ["计划组", "75%"],
            ],
          },
          { range: "Plain!C3", majorDimension: "COLUMNS", values: [["=A1", "2"]] },
        ],
      },
    });
    expect(data).toEqual({
      spreadsheetId: id,
      totalUpdatedRows: 4,
      totalUpdatedColumns: 3,
      totalUpdatedCells: 6,
      totalUpdatedSheets: 2,
      responses: [
        { spreadsheetId: id, updatedRange: `${QUOTED}!A1:B2`, updatedRows: 2, updatedColumns: 2, updatedCells: 4 },
        { spreadsheetId: id, updatedRange: "Plain!C3:C4", updatedRows: 2, updatedColumns: 1, updatedCells: 2 },
      ],
    });
    const got = await values().batchGet({ spreadsheetId: id, ranges: [`${QUOTED}!A1:B2`, "Plain!C3:C4"], valueRenderOption: "UNFORMATTED_VALUE" });
    expect(got.data).toEqual({
      spreadsheetId: id,
      valueRanges: [
        {
          range: `${QUOTED}!A1:B2`,
          majorDimension: "ROWS",
          values: [
            ["组", "完成率"],
            ["计划组", 0.75],
          ],
        },
        { range: "Plain!C3:C4", majorDimension: "ROWS", values: [["=A1"], [2]] },
      ],
    });
  });

  it("when one range of a values batch is invalid, then none is written", async () => {
    const bad = await failure(
      values().batchUpdate({
        spreadsheetId: id,
        requestBody: {
          valueInputOption: "RAW",
          data: [
            { range: "Plain!A1", values: [["先写"]] },
            { range: "'没有'!A1", values: [["x"]] },
          ],
        },
      }),
    );
    expect(bad.status).toBe(400);
    expect((await read("Plain!A1")).values).toBeUndefined();
  });
});
