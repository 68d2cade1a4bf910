import { DOCUMENT_KINDS } from "@planops/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoEmail } from "../../local/demo-org.js";
import { createFunctions } from "../../src/app.js";
import { parseConfig } from "../../src/platform/config.js";
import { ROLLUP_RUNS } from "../../src/rollups/state.js";
import { monthlyPlan, SCHEDULER_AUDIENCE, SCHEDULER_SA } from "../reminders/harness.js";
import { call } from "../support/call.js";
import { planTable, progressRow } from "../support/plan-sheet.js";
import { type ServedFunction, serveFunction } from "../support/serve.js";
import { useStack } from "../support/stack.js";

const stack = useStack();
const served: ServedFunction[] = [];
let url = "";
let brokenUrl = "";

/** runScheduledRollup served on its own, as it is deployed (not through `api`), for the scheduler's account and audience. */
async function serveScheduled(name: string, env: Record<string, string>): Promise<string> {
  const config = parseConfig({ ...stack.env, ...env, SCHEDULER_SERVICE_ACCOUNT: SCHEDULER_SA, SCHEDULER_AUDIENCE });
  const s = await serveFunction(
    name,
    createFunctions(config, { db: stack.db, config, now: () => new Date(), send: async () => {}, kinds: DOCUMENT_KINDS }).runScheduledRollup,
  );
  served.push(s);
  return `${s.baseUrl}/`;
}

beforeAll(async () => {
  url = await serveScheduled("runScheduledRollup_test", {});
  // The same function while the Sheets API cannot be reached (nothing listens on port 1).
  brokenUrl = await serveScheduled("runScheduledRollup_noSheets", { SHEETS_API_ROOT: "http://127.0.0.1:1/" });
});
afterAll(async () => {
  for (const s of served) await s.close();
});

interface JobBody {
  rollup?: { status: string; generation: number; runFor: string };
  dashboards?: { refreshed: string[]; failed: string[] };
  error?: { code: string };
}

async function trigger(token: string | null, scheduleTime?: string, target = url) {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (scheduleTime) headers["x-cloudscheduler-scheduletime"] = scheduleTime;
  const res = await fetch(target, { method: "POST", headers });
  return { status: res.status, body: (await res.json()) as JobBody };
}
const schedulerToken = (email = SCHEDULER_SA) => stack.mintToken(email, { audience: SCHEDULER_AUDIENCE });

describe("runScheduledRollup: only Cloud Scheduler's service account runs it, once per scheduled moment", () => {
  it("when it is called without a token, then 401 and nothing runs", async () => {
    const r = await trigger(null);
    expect(r.status).toBe(401);
    expect(r.body.error?.code).toBe("UNAUTHENTICATED");
    expect((await stack.db.collection(ROLLUP_RUNS).get()).size).toBe(0);
  });

  it("when it is called with a token of another account for this function, then 403 and nothing runs", async () => {
    for (const email of [demoEmail("张伟"), "someone@planops-test.iam.gserviceaccount.com"]) {
      const r = await trigger(schedulerToken(email));
      expect(r.status).toBe(403);
      expect(r.body.error?.code).toBe("FORBIDDEN");
    }
    expect((await stack.db.collection(ROLLUP_RUNS).get()).size).toBe(0);
  });

  it("when the scheduler's account calls it, then it runs for the schedule time and writes the dashboards; the same schedule time again does nothing", async () => {
    const at = new Date(Date.now() - 60_000).toISOString();
    const first = await trigger(schedulerToken(), at);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.rollup).toMatchObject({ status: "done", runFor: at });
    expect(first.body.dashboards?.refreshed).toContain("company");
    const again = await trigger(schedulerToken(), at);
    expect(again.status).toBe(200);
    expect(again.body.rollup).toMatchObject({ status: "already-done", runFor: at, generation: first.body.rollup?.generation });
    expect(again.body.dashboards).toEqual({ refreshed: [], failed: [] });
  });

  it("when the dashboards cannot be written, then the answer is an error (Cloud Scheduler retries) and the retry writes only them", async () => {
    // Something changed since the last run, so this run makes a new generation the dashboards are behind.
    await stack.db.collection("items").doc("trigger-probe").set({ updatedAt: new Date().toISOString(), planStatus: "draft" });
    const at = new Date(Date.now() - 30_000).toISOString();
    const failed = await trigger(schedulerToken(), at, brokenUrl);
    expect(failed.status).toBe(500);
    const retried = await trigger(schedulerToken(), at);
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    expect(retried.body.rollup?.status).toBe("already-done");
    expect(retried.body.dashboards?.refreshed).toContain("company");
    expect(retried.body.dashboards?.failed).toEqual([]);
  });

  it("when it is asked for through the public api, then it is not there", async () => {
    const res = await fetch(`${stack.baseUrl}/runScheduledRollup`, { method: "POST", headers: { authorization: `Bearer ${schedulerToken()}` } });
    expect(res.status).toBe(404);
  });
});

describe("a run racing progress updates loses none of them", () => {
  it("when owners update progress while runs go on, then after the next run every update is in the view", async () => {
    // A past month, so every finish date lies before today.
    const period = "2026-11";
    const names = ["李明", "陈静", "杨强", "黄敏", "周杰", "吴婷", "李明", "杨强"];
    const { planId, ids } = await monthlyPlan(
      stack,
      period,
      names.map((owner, i) => ({ content: `任务 ${i + 1}`, owner, due: `${period}-${String(10 + i).padStart(2, "0")}` })),
    );
    const planner = demoEmail("李明");
    expect((await call(stack, planner, "runRollup", {})).status).toBe(200);

    const headers = planTable([]).headers;
    const update = (i: number) =>
      call(stack, planner, "updateProgress", {
        planId,
        headers,
        rows: [progressRow(2, ids[i]!, { status: "已完成", actualFinish: `${period}-0${1 + (i % 9)}` })],
      });
    const runs = () => call(stack, demoEmail("张伟"), "runRollup", {});
    const results = await Promise.all([...ids.map((_, i) => update(i)), runs(), runs(), runs()]);
    for (const r of results) expect(r.status, JSON.stringify(r.error)).toBe(200);

    expect((await runs()).status).toBe(200);
    const view = await call(stack, demoEmail("张伟"), "rollupView", { period });
    expect(view.status).toBe(200);
    expect(view.body.summary).toMatchObject({ inScope: 8, doneByEnd: 8, doneOnTime: 8 });
    const live = await call(stack, demoEmail("张伟"), "completionRates", { period, asOf: view.body.asOf });
    expect(view.body.people).toEqual(live.body.people);
  });
});
