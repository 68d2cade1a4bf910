import { DOCUMENT_KINDS, ROSTER } from "@planops/shared";
import { describe, expect, it } from "vitest";
import { DEMO_ROSTER, type DemoPerson, demoEmail, personCells, rosterTable } from "../../local/demo-org.js";
import { refreshDashboards } from "../../src/dashboards/refresh.js";
import { smtpSender } from "../../src/notifications/mailer.js";
import { parseConfig } from "../../src/platform/config.js";
import type { Deps } from "../../src/platform/context.js";
import { call } from "../support/call.js";
import { useStack } from "../support/stack.js";
import { recordingDrive, sharedWith } from "./drive-calls.js";

const stack = useStack();
const OWNER = "planops-functions@local";
const management = demoEmail("刘洋");
const hr = demoEmail("孙丽");
const reader = "reader";

/** The scheduled job's dependencies, as runScheduledRollup has them; `env` overrides the stack's settings. */
function scheduledDeps(env: Record<string, string> = {}): Deps {
  const config = parseConfig({ ...stack.env, ...env });
  return { db: stack.db, config, now: () => new Date(), send: smtpSender(config.mail.smtpUrl, config.mail.from), kinds: DOCUMENT_KINDS };
}

const drive = () => recordingDrive(stack.env.DRIVE_API_ROOT as string);
const dashboardFile = async (key: string) => (await stack.db.collection("dashboards").doc(key).get()).data()?.spreadsheetId as string;

/** HR submits the roster sheet: the demo organisation with `edit` applied (people left out are deactivated). */
async function submitRoster(edit: (people: DemoPerson[]) => DemoPerson[]) {
  const r = await call(stack, hr, "submit", {
    ...rosterTable(edit([...DEMO_ROSTER]).map((p) => personCells(p))),
    template: { id: ROSTER.id, version: ROSTER.version },
    period: "",
    spreadsheet: { id: "sheet-roster", sheetId: 3, sheetName: "人员名册" },
  });
  expect(r.status, JSON.stringify(r.error)).toBe(200);
}

describe("who may open each dashboard (Drive sharing)", () => {
  it("when the dashboards are refreshed on demand, then each is shared, as reader, with exactly who may see it in the demo roster", async () => {
    const run = await call(stack, management, "runRollup");
    expect(run.status, JSON.stringify(run.error)).toBe(200);
    const ours = await call(stack, demoEmail("李明"), "refreshDashboard");
    expect(ours.status, JSON.stringify(ours.error)).toBe(200);
    const sales = await call(stack, hr, "refreshDashboard", { department: "销售部" });
    expect(sales.status, JSON.stringify(sales.error)).toBe(200);
    const company = await call(stack, management, "refreshDashboard");
    expect(company.status, JSON.stringify(company.error)).toBe(200);

    const { api } = drive();
    // Manager, both deputies and the planning group of 计划运营部; HR and management, who may open every dashboard.
    expect(await sharedWith(api, ours.body.spreadsheetId)).toEqual({
      [OWNER]: "owner",
      [demoEmail("张伟")]: reader,
      [demoEmail("王芳")]: reader,
      [demoEmail("赵磊")]: reader,
      [demoEmail("李明")]: reader,
      [demoEmail("陈静")]: reader,
      [hr]: reader,
      [management]: reader,
    });
    expect(await sharedWith(api, sales.body.spreadsheetId)).toEqual({ [OWNER]: "owner", [demoEmail("郑浩")]: reader, [hr]: reader, [management]: reader });
    expect(await sharedWith(api, company.body.spreadsheetId)).toEqual({ [OWNER]: "owner", [hr]: reader, [management]: reader });

    // The page of the dashboard says so too.
    const page = await (await fetch(ours.body.url)).text();
    expect(page).toContain(`${demoEmail("陈静")}（查看者 reader）`);
    expect(page).not.toContain(demoEmail("杨强"));
  });

  it("when someone leaves the planning group and another leaves the roster, then the next scheduled refresh takes their access away", async () => {
    await submitRoster((people) => people.filter((p) => p.name !== "李明").map((p) => (p.name === "陈静" ? { ...p, group: "运营组" } : p)));
    const { api } = drive();
    const before = await sharedWith(api, await dashboardFile("计划运营部"));
    expect(before).toHaveProperty([demoEmail("陈静")], reader);

    const result = await refreshDashboards(scheduledDeps());
    expect(result).toEqual({ refreshed: ["company", "计划运营部", "销售部"], failed: [] });
    const after = await sharedWith(api, await dashboardFile("计划运营部"));
    expect(after).not.toHaveProperty([demoEmail("陈静")]);
    expect(after).not.toHaveProperty([demoEmail("李明")]);
    expect(Object.keys(after).sort()).toEqual([OWNER, demoEmail("张伟"), demoEmail("王芳"), demoEmail("赵磊"), hr, management].sort());
  });

  it("when sharing fails, then the refresh fails; the retried trigger, with the dashboards already written, shares them", async () => {
    // 王芳 is no longer a deputy.
    await submitRoster((people) => people.filter((p) => p.name !== "李明").map(({ actsFor: _, ...p }) => (p.name === "王芳" ? { ...p, roles: ["staff"] } : p)));
    // Drive cannot be reached (nothing listens on port 1): the spreadsheets are written, their sharing is not.
    const broken = await refreshDashboards(scheduledDeps({ DRIVE_API_ROOT: "http://127.0.0.1:1/" }));
    expect(broken).toEqual({ refreshed: [], failed: ["company", "计划运营部", "销售部"] });
    const { api } = drive();
    expect(await sharedWith(api, await dashboardFile("计划运营部"))).toHaveProperty([demoEmail("王芳")], reader);

    const retried = await refreshDashboards(scheduledDeps(), { onlyIfBehind: true });
    expect(retried).toEqual({ refreshed: [], failed: [] });
    expect(await sharedWith(api, await dashboardFile("计划运营部"))).not.toHaveProperty([demoEmail("王芳")]);
  });
});
