import { ROSTER } from "@planops/shared";
import { describe, expect, it } from "vitest";
import { DEMO_ROSTER, demoEmail, personCells, type RosterCells, rosterTable } from "../../local/demo-org.js";
import { sheetsApi } from "../../src/platform/sheets-client.js";
import { ANALYST_SHEET } from "../../src/reports/layout.js";
import { call } from "../support/call.js";
import { useStack } from "../support/stack.js";
import { recordingDrive, sharedWith } from "./drive-calls.js";

const stack = useStack();
const OWNER = "planops-functions@local";
const analyst = demoEmail("吴婷");
const management = demoEmail("刘洋");
const hr = demoEmail("孙丽");
const P = "2026-12";
const writer = "writer";

const drive = () => recordingDrive(stack.env.DRIVE_API_ROOT as string);

/** The data-analysis group and the manager and deputies of its department (计划运营部): they write the report. */
const writers = {
  [demoEmail("周杰")]: writer,
  [analyst]: writer,
  [demoEmail("张伟")]: writer,
  [demoEmail("王芳")]: writer,
  [demoEmail("赵磊")]: writer,
};

/** HR submits the roster sheet: the demo organisation's rows with `edit` applied. */
async function submitRoster(edit: (row: RosterCells) => RosterCells) {
  const r = await call(stack, hr, "submit", {
    ...rosterTable(DEMO_ROSTER.map((p) => edit(personCells(p)))),
    template: { id: ROSTER.id, version: ROSTER.version },
    period: "",
    spreadsheet: { id: "sheet-roster", sheetId: 3, sheetName: "人员名册" },
  });
  expect(r.status, JSON.stringify(r.error)).toBe(200);
}

describe("who may open a data-analysis report (Drive sharing)", () => {
  let spreadsheetId = "";

  it("when the report is generated, then the data-analysis group and its department's manager and deputies may write it, and nobody else may open it", async () => {
    const r = await call(stack, analyst, "generateReport", { period: P });
    expect(r.status, JSON.stringify(r.error)).toBe(200);
    spreadsheetId = r.body.spreadsheetId;
    expect(await sharedWith(drive().api, spreadsheetId)).toEqual({ [OWNER]: "owner", ...writers });
  });

  it("when the report is published, then company management may read it too; publishing again changes nothing", async () => {
    const sheets = await sheetsApi({ sheets: { apiRoot: stack.env.SHEETS_API_ROOT } });
    await sheets.spreadsheets.values.update({
      spreadsheetId,
      range: `'${ANALYST_SHEET.title}'!${ANALYST_SHEET.conclusions}`,
      valueInputOption: "RAW",
      requestBody: { values: [["销售额稳步增长"]] },
    });
    const published = await call(stack, analyst, "publishReport", { period: P });
    expect(published.status, JSON.stringify(published.error)).toBe(200);
    expect(published.body.status).toBe("published");
    const expected = { [OWNER]: "owner", ...writers, [management]: "reader" };
    expect(await sharedWith(drive().api, spreadsheetId)).toEqual(expected);

    const again = await call(stack, analyst, "publishReport", { period: P });
    expect(again.status, JSON.stringify(again.error)).toBe(200);
    expect(await sharedWith(drive().api, spreadsheetId)).toEqual(expected);
  });

  it("when an analyst leaves the data-analysis group and a deputy is deactivated, then regenerating takes their access away and management keeps reading", async () => {
    const zhaolei = demoEmail("赵磊");
    await submitRoster((row) => {
      if (row.name === "赵磊") return { ...row, active: "停用" };
      // Their people report to the manager now: a deactivated supervisor is refused.
      const moved = row.supervisor === zhaolei ? { ...row, supervisor: demoEmail("张伟") } : row;
      return row.name === "吴婷" ? { ...moved, group: "运营组" } : moved;
    });
    const r = await call(stack, demoEmail("周杰"), "generateReport", { period: P });
    expect(r.status, JSON.stringify(r.error)).toBe(200);
    expect(r.body.spreadsheetId).toBe(spreadsheetId);
    expect(await sharedWith(drive().api, spreadsheetId)).toEqual({
      [OWNER]: "owner",
      [demoEmail("周杰")]: writer,
      [demoEmail("张伟")]: writer,
      [demoEmail("王芳")]: writer,
      [management]: "reader",
    });
  });
});
