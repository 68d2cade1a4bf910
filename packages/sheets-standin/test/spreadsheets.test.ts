import type { sheets_v4 } from "@googleapis/sheets";
import { describe, expect, it } from "vitest";
import { failure, useStandin } from "./support/client.js";

const s = useStandin();

const SUMMARY = "汇总 Summary";
const green = { red: 0.85, green: 0.92, blue: 0.83 };
const red = { red: 0.96, green: 0.8, blue: 0.8 };

async function create(title = "计划运营部 仪表板"): Promise<string> {
  const created = await s.api.spreadsheets.create({ requestBody: { properties: { title } } });
  return created.data.spreadsheetId as string;
}

const batch = (spreadsheetId: string, requests: sheets_v4.Schema$Request[]) => s.api.spreadsheets.batchUpdate({ spreadsheetId, requestBody: { requests } });
const get = async (spreadsheetId: string, params: Partial<sheets_v4.Params$Resource$Spreadsheets$Get> = {}) =>
  (await s.api.spreadsheets.get({ spreadsheetId, ...params })).data;

describe("spreadsheets.create", () => {
  it("when a spreadsheet is created with a title only, then it has one 1000×26 sheet 'Sheet1' with id 0 and a URL of its page", async () => {
    const { data } = await s.api.spreadsheets.create({ requestBody: { properties: { title: "月度计划" } } });
    expect(data.spreadsheetId).toMatch(/^[A-Za-z0-9_-]{44}$/);
    expect(data.properties?.title).toBe("月度计划");
    expect(data.sheets).toEqual([
      { properties: { sheetId: 0, title: "Sheet1", index: 0, sheetType: "GRID", gridProperties: { rowCount: 1000, columnCount: 26 } } },
    ]);
    expect(data.spreadsheetUrl).toBe(`${s.standin.url}view/${data.spreadsheetId}`);
  });

  it("when a spreadsheet is created with sheets and data, then they are read back", async () => {
    const { data } = await s.api.spreadsheets.create({
      requestBody: {
        properties: { title: "季度" },
        sheets: [
          {
            properties: { title: SUMMARY, gridProperties: { rowCount: 50, columnCount: 8, frozenRowCount: 1 } },
            data: [{ rowData: [{ values: [{ userEnteredValue: { stringValue: "期间" } }] }] }],
          },
          { properties: { title: "明细 Detail" } },
        ],
      },
    });
    expect(data.sheets?.map((sh) => sh.properties?.title)).toEqual([SUMMARY, "明细 Detail"]);
    expect(data.sheets?.[0]?.properties?.gridProperties).toEqual({ rowCount: 50, columnCount: 8, frozenRowCount: 1 });
    const values = await s.api.spreadsheets.values.get({ spreadsheetId: data.spreadsheetId as string, range: `'${SUMMARY}'!A1` });
    expect(values.data.values).toEqual([["期间"]]);
  });
});

describe("spreadsheets.batchUpdate then get", () => {
  it("when sheets, cells, a chart and a conditional format rule are added, then get reads each back as written, replies in request order", async () => {
    const id = await create();
    const header: sheets_v4.Schema$CellData = {
      userEnteredValue: { stringValue: "月份 Month" },
      userEnteredFormat: {
        backgroundColor: green,
        textFormat: { bold: true, foregroundColor: { red: 0.2, green: 0.2, blue: 0.2 } },
        horizontalAlignment: "CENTER",
      },
    };
    const rate = (v: number): sheets_v4.Schema$CellData => ({
      userEnteredValue: { numberValue: v },
      userEnteredFormat: { numberFormat: { type: "PERCENT", pattern: "0.0%" } },
    });
    const addSheet = await batch(id, [
      { addSheet: { properties: { title: SUMMARY, gridProperties: { rowCount: 20, columnCount: 6, frozenRowCount: 1 }, tabColor: green } } },
    ]);
    const sheetId = addSheet.data.replies?.[0]?.addSheet?.properties?.sheetId as number;
    expect(addSheet.data.replies?.[0]?.addSheet?.properties).toEqual({
      sheetId,
      title: SUMMARY,
      index: 1,
      sheetType: "GRID",
      gridProperties: { rowCount: 20, columnCount: 6, frozenRowCount: 1 },
      tabColor: green,
    });
    const rows: sheets_v4.Schema$RowData[] = [
      { values: [header, { userEnteredValue: { stringValue: "完成率 Completion" } }] },
      { values: [{ userEnteredValue: { stringValue: "2027-01" } }, rate(2 / 3)] },
      { values: [{ userEnteredValue: { stringValue: "2027-02" } }, rate(0.5)] },
      { values: [{ userEnteredValue: { stringValue: "2027-03" } }, rate(0.9)] },
    ];
    const source = (column: number): sheets_v4.Schema$ChartData => ({
      sourceRange: { sources: [{ sheetId, startRowIndex: 0, endRowIndex: 4, startColumnIndex: column, endColumnIndex: column + 1 }] },
    });
    const chart: sheets_v4.Schema$EmbeddedChart = {
      spec: {
        title: "完成率趋势 Completion trend",
        basicChart: {
          chartType: "LINE",
          legendPosition: "BOTTOM_LEGEND",
          axis: [
            { position: "BOTTOM_AXIS", title: "月份" },
            { position: "LEFT_AXIS", title: "完成率" },
          ],
          domains: [{ domain: source(0) }],
          series: [{ series: source(1), targetAxis: "LEFT_AXIS" }],
          headerCount: 1,
        },
      },
      position: { overlayPosition: { anchorCell: { sheetId, rowIndex: 0, columnIndex: 3 }, widthPixels: 600, heightPixels: 360 } },
    };
    const rule: sheets_v4.Schema$ConditionalFormatRule = {
      ranges: [{ sheetId, startRowIndex: 1, endRowIndex: 4, startColumnIndex: 1, endColumnIndex: 2 }],
      booleanRule: { condition: { type: "NUMBER_LESS", values: [{ userEnteredValue: "0.6" }] }, format: { backgroundColor: red } },
    };
    const { data } = await batch(id, [
      { updateCells: { rows, fields: "userEnteredValue,userEnteredFormat", start: { sheetId, rowIndex: 0, columnIndex: 0 } } },
      { addChart: { chart } },
      { addConditionalFormatRule: { rule, index: 0 } },
      { updateSpreadsheetProperties: { properties: { title: "仪表板 2027" }, fields: "title" } },
    ]);
    expect(data.spreadsheetId).toBe(id);
    expect(data.replies).toHaveLength(4);
    const chartId = data.replies?.[1]?.addChart?.chart?.chartId as number;
    expect(data.replies).toEqual([{}, { addChart: { chart: { ...chart, chartId } } }, {}, {}]);

    const read = await get(id, { includeGridData: true, ranges: [`'${SUMMARY}'!A1:B4`] });
    expect(read.properties?.title).toBe("仪表板 2027");
    expect(read.sheets).toHaveLength(1);
    const sheet = read.sheets?.[0] as sheets_v4.Schema$Sheet;
    expect(sheet.charts).toEqual([{ ...chart, chartId }]);
    expect(sheet.conditionalFormats).toEqual([rule]);
    const grid = sheet.data?.[0]?.rowData ?? [];
    expect(grid.map((r) => r.values?.map((c) => ({ userEnteredValue: c.userEnteredValue, userEnteredFormat: c.userEnteredFormat })))).toEqual(
      rows.map((r) => r.values?.map((c) => ({ userEnteredValue: c.userEnteredValue, userEnteredFormat: c.userEnteredFormat }))),
    );
    expect(grid[1]?.values?.[1]?.formattedValue).toBe("66.7%");
    expect(grid[1]?.values?.[1]?.effectiveValue).toEqual({ numberValue: 2 / 3 });
    expect(grid[0]?.values?.[0]?.effectiveFormat?.textFormat?.bold).toBe(true);
  });

  it("when a request is not one the stand-in knows, then the whole batch fails with 400 naming it", async () => {
    const id = await create();
    const bad = await failure(batch(id, [{ addSheet: { properties: { title: "新" } } }, { addSlicer: { slicer: {} } }]));
    expect(bad.status).toBe(400);
    expect(bad.error).toMatchObject({ code: 400, status: "INVALID_ARGUMENT" });
    expect(bad.error.message).toContain("requests[1]");
    expect(bad.error.message).toContain("addSlicer");
    expect((await get(id)).sheets?.map((sh) => sh.properties?.title)).toEqual(["Sheet1"]);
  });

  it("when any request of a batch is invalid, then nothing of the batch is applied", async () => {
    const id = await create();
    const cell = { userEnteredValue: { stringValue: "写入" } };
    const cases: [sheets_v4.Schema$Request, string][] = [
      [
        { updateCells: { rows: [{ values: [cell] }], fields: "userEnteredValue", start: { sheetId: 999, rowIndex: 0, columnIndex: 0 } } },
        "No grid with id: 999",
      ],
      [{ updateCells: { rows: [{ values: [cell] }], fields: "userEnteredValue", start: { sheetId: 0, rowIndex: 1000, columnIndex: 0 } } }, "after last row"],
      [
        { repeatCell: { range: { sheetId: 0, startRowIndex: 0, endRowIndex: 2, startColumnIndex: 0, endColumnIndex: 27 }, cell, fields: "userEnteredValue" } },
        "exceeds grid limits",
      ],
      [{ updateCells: { rows: [{ values: [cell] }], start: { sheetId: 0 } } }, "At least one field must be specified"],
      [
        { addChart: { chart: { spec: { basicChart: { chartType: "LINE", series: [{ series: { sourceRange: { sources: [{ sheetId: 42 }] } } }] } } } } },
        "No grid with id: 42",
      ],
    ];
    for (const [request, message] of cases) {
      const bad = await failure(
        batch(id, [
          { addSheet: { properties: { title: "应被撤销 Rolled back" } } },
          { updateCells: { rows: [{ values: [cell] }], fields: "userEnteredValue", start: { sheetId: 0, rowIndex: 0, columnIndex: 0 } } },
          request,
        ]),
      );
      expect(bad.status).toBe(400);
      expect(bad.error.message).toContain("requests[2]");
      expect(bad.error.message).toContain(message);
    }
    const after = await get(id, { includeGridData: true });
    expect(after.sheets?.map((sh) => sh.properties?.title)).toEqual(["Sheet1"]);
    expect(after.sheets?.[0]?.data?.[0]?.rowData).toEqual([]);
  });

  it("when sheet properties are updated with a field mask, then only the masked fields change and a duplicate title is refused", async () => {
    const id = await create();
    await batch(id, [{ addSheet: { properties: { title: "其他 Other", sheetId: 7 } } }]);
    await batch(id, [
      {
        updateSheetProperties: {
          properties: { sheetId: 0, title: SUMMARY, gridProperties: { frozenRowCount: 2, rowCount: 5 }, tabColor: red, hidden: true },
          fields: "title,gridProperties.frozenRowCount,tabColor",
        },
      },
    ]);
    const props = (await get(id)).sheets?.[0]?.properties;
    expect(props).toEqual({
      sheetId: 0,
      title: SUMMARY,
      index: 0,
      sheetType: "GRID",
      gridProperties: { rowCount: 1000, columnCount: 26, frozenRowCount: 2 },
      tabColor: red,
    });
    const dup = await failure(batch(id, [{ updateSheetProperties: { properties: { sheetId: 7, title: SUMMARY }, fields: "title" } }]));
    expect(dup.error.message).toContain(`A sheet with the name "${SUMMARY}" already exists`);
    await batch(id, [{ updateSheetProperties: { properties: { sheetId: 0 }, fields: "tabColor" } }]);
    expect((await get(id)).sheets?.[0]?.properties?.tabColor).toBeUndefined();
  });

  it("when a sheet's grid is made smaller, then the cells outside it are gone and the rest stay", async () => {
    const id = await create();
    await s.api.spreadsheets.values.update({
      spreadsheetId: id,
      range: "Sheet1!A1",
      valueInputOption: "RAW",
      requestBody: {
        values: [
          ["a", "b", "c"],
          ["d", "e", "f"],
          ["g", "h", "i"],
        ],
      },
    });
    await batch(id, [
      {
        updateSheetProperties: {
          properties: { sheetId: 0, title: "小 Small", index: 0, gridProperties: { rowCount: 2, columnCount: 2, frozenRowCount: 1 } },
          fields: "title,index,gridProperties",
        },
      },
    ]);
    expect((await get(id)).sheets?.[0]?.properties?.gridProperties).toEqual({ rowCount: 2, columnCount: 2, frozenRowCount: 1 });
    expect((await s.api.spreadsheets.values.get({ spreadsheetId: id, range: "'小 Small'" })).data).toMatchObject({
      range: "'小 Small'!A1:B2",
      values: [
        ["a", "b"],
        ["d", "e"],
      ],
    });
    await batch(id, [
      {
        updateSheetProperties: { properties: { sheetId: 0, gridProperties: { rowCount: 4, columnCount: 3 } }, fields: "gridProperties(rowCount,columnCount)" },
      },
    ]);
    expect((await s.api.spreadsheets.values.get({ spreadsheetId: id, range: "'小 Small'" })).data.values).toEqual([
      ["a", "b"],
      ["d", "e"],
    ]);
  });

  it("when a field mask names one format field, then the cell's other fields stay and an absent field is cleared", async () => {
    const id = await create();
    const start = { sheetId: 0, rowIndex: 0, columnIndex: 0 };
    await batch(id, [
      {
        updateCells: {
          rows: [{ values: [{ userEnteredValue: { numberValue: 5 }, userEnteredFormat: { backgroundColor: green, textFormat: { bold: true } } }] }],
          fields: "*",
          start,
        },
      },
    ]);
    await batch(id, [
      { updateCells: { rows: [{ values: [{ userEnteredFormat: { backgroundColor: red } }] }], fields: "userEnteredFormat.backgroundColor", start } },
    ]);
    await batch(id, [{ updateCells: { rows: [{ values: [{}] }], fields: "userEnteredFormat(textFormat)", start } }]);
    const cell = (await get(id, { includeGridData: true, ranges: ["A1"] })).sheets?.[0]?.data?.[0]?.rowData?.[0]?.values?.[0];
    expect(cell?.userEnteredValue).toEqual({ numberValue: 5 });
    expect(cell?.userEnteredFormat).toEqual({ backgroundColor: red });
  });

  it("when rows are inserted and deleted, then cells, charts' ranges and rules move with them", async () => {
    const id = await create();
    await s.api.spreadsheets.values.update({
      spreadsheetId: id,
      range: "A1:B3",
      valueInputOption: "RAW",
      requestBody: {
        values: [
          ["h", "v"],
          ["a", 1],
          ["b", 2],
        ],
      },
    });
    const range = { sheetId: 0, startRowIndex: 1, endRowIndex: 3, startColumnIndex: 1, endColumnIndex: 2 };
    await batch(id, [
      {
        addConditionalFormatRule: {
          rule: {
            ranges: [range],
            booleanRule: { condition: { type: "NUMBER_GREATER", values: [{ userEnteredValue: "1" }] }, format: { backgroundColor: green } },
          },
        },
      },
      { insertDimension: { range: { sheetId: 0, dimension: "ROWS", startIndex: 0, endIndex: 2 } } },
    ]);
    let read = await get(id);
    expect(read.sheets?.[0]?.properties?.gridProperties?.rowCount).toBe(1002);
    expect(read.sheets?.[0]?.conditionalFormats?.[0]?.ranges).toEqual([{ ...range, startRowIndex: 3, endRowIndex: 5 }]);
    expect((await s.api.spreadsheets.values.get({ spreadsheetId: id, range: "A3:B5" })).data.values).toEqual([
      ["h", "v"],
      ["a", "1"],
      ["b", "2"],
    ]);
    await batch(id, [{ deleteDimension: { range: { sheetId: 0, dimension: "ROWS", startIndex: 0, endIndex: 3 } } }]);
    read = await get(id);
    expect(read.sheets?.[0]?.conditionalFormats?.[0]?.ranges).toEqual([{ ...range, startRowIndex: 0, endRowIndex: 2 }]);
    expect((await s.api.spreadsheets.values.get({ spreadsheetId: id, range: "A1:B2" })).data.values).toEqual([
      ["a", "1"],
      ["b", "2"],
    ]);
  });

  it("when charts and rules are updated and deleted, then replies carry what Google's do and get shows the result", async () => {
    const id = await create();
    const sources = { sources: [{ sheetId: 0, startRowIndex: 0, endRowIndex: 3, startColumnIndex: 0, endColumnIndex: 1 }] };
    const added = await batch(id, [
      {
        addChart: {
          chart: { spec: { title: "旧", pieChart: { domain: { sourceRange: sources }, series: { sourceRange: sources } } }, position: { newSheet: true } },
        },
      },
    ]);
    const chart = added.data.replies?.[0]?.addChart?.chart;
    const chartSheet = chart?.position?.sheetId as number;
    expect((await get(id)).sheets?.find((sh) => sh.properties?.sheetId === chartSheet)?.properties?.sheetType).toBe("OBJECT");
    const ruleA = { ranges: [{ sheetId: 0 }], booleanRule: { condition: { type: "BLANK" }, format: { backgroundColor: red } } };
    const ruleB = {
      ranges: [{ sheetId: 0 }],
      booleanRule: { condition: { type: "NUMBER_BETWEEN", values: [{ userEnteredValue: "1" }, { userEnteredValue: "5" }] }, format: {} },
    };
    const { data } = await batch(id, [
      {
        updateChartSpec: {
          chartId: chart?.chartId,
          spec: { title: "新", pieChart: { domain: { sourceRange: sources }, series: { sourceRange: sources }, pieHole: 0.5 } },
        },
      },
      { addConditionalFormatRule: { rule: ruleA } },
      { addConditionalFormatRule: { rule: ruleB, index: 1 } },
      { updateConditionalFormatRule: { sheetId: 0, index: 1, newIndex: 0 } },
      { deleteConditionalFormatRule: { sheetId: 0, index: 1 } },
      { mergeCells: { range: { sheetId: 0, startRowIndex: 0, endRowIndex: 1, startColumnIndex: 0, endColumnIndex: 3 }, mergeType: "MERGE_ALL" } },
      { addNamedRange: { namedRange: { name: "完成率", range: { sheetId: 0, startRowIndex: 0, endRowIndex: 3, startColumnIndex: 0, endColumnIndex: 1 } } } },
      { addProtectedRange: { protectedRange: { range: { sheetId: 0, startRowIndex: 0, endRowIndex: 1 }, description: "表头", warningOnly: true } } },
      {
        createDeveloperMetadata: {
          developerMetadata: { metadataKey: "planops.section", metadataValue: "conclusions", location: { sheetId: 0 }, visibility: "DOCUMENT" },
        },
      },
    ]);
    expect(data.replies?.[0]).toEqual({});
    expect(data.replies?.[3]).toEqual({ updateConditionalFormatRule: { newRule: ruleB, newIndex: 0, oldIndex: 1 } });
    expect(data.replies?.[4]).toEqual({ deleteConditionalFormatRule: { rule: ruleA } });
    expect(data.replies?.[6]?.addNamedRange?.namedRange).toMatchObject({ name: "完成率", namedRangeId: expect.any(String) });
    expect(data.replies?.[7]?.addProtectedRange?.protectedRange).toMatchObject({
      description: "表头",
      warningOnly: true,
      protectedRangeId: expect.any(Number),
    });
    expect(data.replies?.[8]?.createDeveloperMetadata?.developerMetadata).toMatchObject({
      metadataKey: "planops.section",
      metadataId: expect.any(Number),
      location: { sheetId: 0, locationType: "SHEET" },
    });
    const read = await get(id);
    const main = read.sheets?.[0];
    expect(main?.conditionalFormats).toEqual([ruleB]);
    expect(main?.merges).toEqual([{ sheetId: 0, startRowIndex: 0, endRowIndex: 1, startColumnIndex: 0, endColumnIndex: 3 }]);
    expect(main?.developerMetadata?.[0]?.metadataValue).toBe("conclusions");
    expect(read.namedRanges?.[0]?.name).toBe("完成率");
    expect(read.sheets?.find((sh) => sh.properties?.sheetId === chartSheet)?.charts?.[0]?.spec?.title).toBe("新");
    await batch(id, [{ deleteEmbeddedObject: { objectId: chart?.chartId } }, { unmergeCells: { range: { sheetId: 0, startRowIndex: 0, endRowIndex: 1 } } }]);
    const after = await get(id);
    expect(after.sheets?.flatMap((sh) => sh.charts ?? [])).toEqual([]);
    expect(after.sheets?.[0]?.merges).toBeUndefined();
  });

  it("when borders and a validation are set on a range, then each cell carries its sides and the rule, and NONE removes a side", async () => {
    const id = await create();
    const solid = { style: "SOLID", width: 1, color: { red: 0.2, green: 0.2, blue: 0.2 } };
    const range = { sheetId: 0, startRowIndex: 0, endRowIndex: 2, startColumnIndex: 0, endColumnIndex: 2 };
    const rule = { condition: { type: "ONE_OF_LIST", values: [{ userEnteredValue: "是" }, { userEnteredValue: "否" }] }, showCustomUi: true };
    await batch(id, [
      { updateBorders: { range, top: solid, bottom: solid, left: solid, right: solid, innerHorizontal: solid, innerVertical: solid } },
      { setDataValidation: { range: { ...range, startColumnIndex: 1 }, rule } },
      { updateBorders: { range: { ...range, endRowIndex: 1, endColumnIndex: 1 }, top: { style: "NONE" } } },
    ]);
    const rows = (await get(id, { includeGridData: true, ranges: ["A1:B2"] })).sheets?.[0]?.data?.[0]?.rowData ?? [];
    expect(rows[0]?.values?.[0]?.userEnteredFormat?.borders).toEqual({ bottom: solid, left: solid, right: solid });
    expect(rows[1]?.values?.[1]?.userEnteredFormat?.borders).toEqual({ top: solid, bottom: solid, left: solid, right: solid });
    expect(rows.map((r) => r.values?.map((c) => c.dataValidation))).toEqual([
      [undefined, rule],
      [undefined, rule],
    ]);
  });

  it("when a chart's position is updated, then it moves to the sheet its new anchor names and the reply carries the position", async () => {
    const id = await create();
    const added = await batch(id, [
      { addSheet: { properties: { sheetId: 3, title: "图表 Charts" } } },
      { addChart: { chart: { spec: { title: "移动", basicChart: { chartType: "COLUMN" } }, position: { overlayPosition: { anchorCell: { sheetId: 0 } } } } } },
    ]);
    const chartId = added.data.replies?.[1]?.addChart?.chart?.chartId;
    const newPosition = { overlayPosition: { anchorCell: { sheetId: 3, rowIndex: 2, columnIndex: 1 }, widthPixels: 480, heightPixels: 300 } };
    const { data } = await batch(id, [{ updateEmbeddedObjectPosition: { objectId: chartId, newPosition, fields: "*" } }]);
    expect(data.replies).toEqual([{ updateEmbeddedObjectPosition: { position: newPosition } }]);
    const sheets = (await get(id)).sheets ?? [];
    expect(sheets.map((sh) => (sh.charts ?? []).map((c) => c.chartId))).toEqual([[], [chartId]]);
  });

  it("when a condition has the wrong number of values, then the rule is refused naming what it takes", async () => {
    const id = await create();
    const bad = await failure(
      batch(id, [
        {
          addConditionalFormatRule: {
            rule: { ranges: [{ sheetId: 0 }], booleanRule: { condition: { type: "NUMBER_BETWEEN", values: [{ userEnteredValue: "1" }] }, format: {} } },
          },
        },
      ]),
    );
    expect(bad.error.message).toContain("NUMBER_BETWEEN takes 2 value(s), 1 given");
  });

  it("when the last sheet is deleted, then it is refused", async () => {
    const id = await create();
    const bad = await failure(batch(id, [{ deleteSheet: { sheetId: 0 } }]));
    expect(bad.error.message).toContain("You can't remove all the sheets");
  });
});

describe("partial responses", () => {
  it("when a call names `fields`, then the answer holds only those fields, down through arrays", async () => {
    const id = await create("部分 Partial");
    await batch(id, [
      { addSheet: { properties: { sheetId: 9, title: "二", tabColor: red } } },
      { addChart: { chart: { spec: { title: "图", basicChart: { chartType: "LINE" } }, position: { overlayPosition: { anchorCell: { sheetId: 9 } } } } } },
    ]);
    const got = await s.api.spreadsheets.get({ spreadsheetId: id, fields: "spreadsheetId,sheets(properties(sheetId,title),charts/chartId)" });
    expect(got.data).toEqual({
      spreadsheetId: id,
      sheets: [{ properties: { sheetId: 0, title: "Sheet1" } }, { properties: { sheetId: 9, title: "二" }, charts: [{ chartId: expect.any(Number) }] }],
    });
    const reply = await s.api.spreadsheets.batchUpdate({ spreadsheetId: id, fields: "replies", requestBody: { requests: [{ addSheet: {} }] } });
    expect(Object.keys(reply.data)).toEqual(["replies"]);
  });
});

describe("errors in Google's shape", () => {
  it("when a request carries no Authorization header, then it is refused with 401 UNAUTHENTICATED", async () => {
    const res = await fetch(`${s.standin.url}v4/spreadsheets`, { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: { code: 401, status: "UNAUTHENTICATED", message: expect.stringContaining("missing required authentication credential") },
    });
  });

  it("when a spreadsheet does not exist, then the answer is 404 NOT_FOUND", async () => {
    const missing = await failure(s.api.spreadsheets.get({ spreadsheetId: "no-such-spreadsheet" }));
    expect(missing).toEqual({ status: 404, error: { code: 404, status: "NOT_FOUND", message: "Requested entity was not found." } });
  });

  it("when a body is not JSON, then the answer is 400 INVALID_ARGUMENT", async () => {
    const res = await fetch(`${s.standin.url}v4/spreadsheets`, { method: "POST", body: "{not json", headers: { authorization: "Bearer x" } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe("Invalid JSON payload received.");
  });
});
