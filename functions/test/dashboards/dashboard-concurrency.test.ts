import { describe, expect, it } from "vitest";
import { demoEmail } from "../../local/demo-org.js";
import { sheetsApi } from "../../src/platform/sheets-client.js";
import { driveApi } from "../../src/platform/drive-client.js";
import { call } from "../support/call.js";
import { useStack } from "../support/stack.js";

const stack = useStack();
const manager = demoEmail("张伟");
const management = demoEmail("刘洋");

const api = () => sheetsApi({ sheets: { apiRoot: stack.env.SHEETS_API_ROOT } });
const chartCount = async (spreadsheetId: string) =>
  ((await (await api()).spreadsheets.get({ spreadsheetId, fields: "sheets(charts(chartId))" })).data.sheets ?? []).reduce(
    (n, s) => n + (s.charts?.length ?? 0),
    0,
  );

describe("dashboards refreshed by several people at once", () => {
  it("when ten refreshes of one dashboard run at once, then all answer 200 and the spreadsheet has one set of charts", async () => {
    const first = await call(stack, manager, "refreshDashboard");
    expect(first.status, JSON.stringify(first.error)).toBe(200);
    const charts = await chartCount(first.body.spreadsheetId);
    expect(charts).toBeGreaterThan(0);

    const askers = Array.from({ length: 10 }, (_, i) => (i % 2 ? management : manager));
    const results = await Promise.all(askers.map((as) => call(stack, as, "refreshDashboard", as === management ? { department: "计划运营部" } : {})));
    for (const r of results) {
      expect(r.status, JSON.stringify(r.error)).toBe(200);
      expect(r.body.spreadsheetId).toBe(first.body.spreadsheetId);
    }
    expect(await chartCount(first.body.spreadsheetId)).toBe(charts);
  });

  it("when a dashboard's first refresh is asked for five times at once, then every answer names the one spreadsheet the record keeps", async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => call(stack, management, "refreshDashboard", { department: "销售部" })));
    for (const r of results) expect(r.status, JSON.stringify(r.error)).toBe(200);
    const kept = await call(stack, management, "dashboard", { department: "销售部" });
    expect(results.map((r) => r.body.spreadsheetId)).toEqual(Array(5).fill(kept.body.spreadsheetId));
    // The spreadsheets the other four made are deleted: every file left in the service's Drive is a recorded dashboard.
    const recorded = (await stack.db.collection("dashboards").get()).docs.map((d) => String(d.data().spreadsheetId));
    const drive = await driveApi({ drive: { apiRoot: stack.env.DRIVE_API_ROOT } });
    const files = (await drive.files.list({ pageSize: 1000 })).data.files?.map((f) => String(f.id)) ?? [];
    expect(files.sort()).toEqual(recorded.sort());
  });
});
