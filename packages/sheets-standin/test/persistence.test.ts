import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { startSheetsStandin } from "../src/index.js";
import { clientFor } from "./support/client.js";

const dir = mkdtempSync(join(tmpdir(), "sheets-standin-"));
const dataFile = join(dir, "sheets.sqlite");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("when the stand-in restarts on the same data file, then every spreadsheet is there as it was written", async () => {
  const first = await startSheetsStandin({ dataFile });
  let api = clientFor(first);
  const created = await api.spreadsheets.create({ requestBody: { properties: { title: "重启之后 After restart" } } });
  const spreadsheetId = created.data.spreadsheetId as string;
  await api.spreadsheets.batchUpdate({
    spreadsheetId,
    requestBody: {
      requests: [
        { addSheet: { properties: { title: "汇总 Summary", sheetId: 5 } } },
        {
          addChart: {
            chart: {
              spec: {
                title: "趋势",
                basicChart: {
                  chartType: "COLUMN",
                  series: [{ series: { sourceRange: { sources: [{ sheetId: 5, startColumnIndex: 1, endColumnIndex: 2 }] } } }],
                },
              },
              position: { overlayPosition: { anchorCell: { sheetId: 5, rowIndex: 0, columnIndex: 3 } } },
            },
          },
        },
      ],
    },
  });
  await api.spreadsheets.values.update({ spreadsheetId, range: "'汇总 Summary'!A1", valueInputOption: "RAW", requestBody: { values: [["组", 1]] } });
  const before = (await api.spreadsheets.get({ spreadsheetId, includeGridData: true })).data;
  await first.stop();

  const second = await startSheetsStandin({ dataFile });
  try {
    api = clientFor(second);
    const after = (await api.spreadsheets.get({ spreadsheetId, includeGridData: true })).data;
    expect({ ...after, spreadsheetUrl: undefined }).toEqual({ ...before, spreadsheetUrl: undefined });
    expect((await api.spreadsheets.values.get({ spreadsheetId, range: "'汇总 Summary'!A1:B1" })).data.values).toEqual([["组", "1"]]);
    expect(await (await fetch(second.url)).text()).toContain("重启之后 After restart");
  } finally {
    await second.stop();
  }
});
