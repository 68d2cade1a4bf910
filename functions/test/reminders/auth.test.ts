import { DOCUMENT_KINDS } from "@planops/shared";
import { describe, expect, it } from "vitest";
import { demoEmail } from "../../local/demo-org.js";
import { createFunctions } from "../../src/app.js";
import { parseConfig } from "../../src/platform/config.js";
import { REMINDER_RUNS } from "../../src/reminders/run.js";
import { useStack } from "../support/stack.js";
import { nineAm, SCHEDULER_AUDIENCE, SCHEDULER_SA, useReminders } from "./harness.js";
import { serveFunction } from "../support/serve.js";

const stack = useStack();
const reminders = useReminders(stack);

const MOMENT = nineAm("2027-12-01");
const ranOn = async (day: string) => (await stack.db.collection(REMINDER_RUNS).doc(day).get()).exists;

describe("only Cloud Scheduler's service account, with a token for this function, runs the reminders", () => {
  it.each<[string, number, string, () => string | null]>([
    ["no token", 401, "UNAUTHENTICATED", () => null],
    ["a person's ID token for the add-on (another audience)", 401, "UNAUTHENTICATED", () => stack.mintToken(demoEmail("李明"))],
    [
      "the service account's token for another audience",
      401,
      "UNAUTHENTICATED",
      () => stack.mintToken(SCHEDULER_SA, { audience: "https://example.com/other" }),
    ],
    // (ten minutes past its expiry: the verifier allows Google's five minutes of clock skew)
    ["the service account's expired token", 401, "UNAUTHENTICATED", () => reminders.token(SCHEDULER_SA, { ttlSeconds: -600 })],
    ["an unverified email", 401, "UNAUTHENTICATED", () => reminders.token(SCHEDULER_SA, { emailVerified: false })],
    ["a token for this function, of a person (the wrong service account)", 403, "FORBIDDEN", () => reminders.token(demoEmail("张伟"))],
    ["a token for this function, of another service account", 403, "FORBIDDEN", () => reminders.token("someone@planops-test.iam.gserviceaccount.com")],
  ])("when it is called with %s, then it answers %i %s and runs nothing", async (_what, status, code, token) => {
    const r = await reminders.run(MOMENT, { token: token() });
    expect(r.status).toBe(status);
    expect(r.body.error?.code).toBe(code);
    expect(await ranOn("2027-12-01")).toBe(false);
  });

  it("when the scheduler's service account calls it, then it runs (and the service account's email is matched in any case)", async () => {
    const r = await reminders.run(MOMENT, { token: reminders.token(SCHEDULER_SA.toUpperCase()) });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ at: MOMENT, date: "2027-12-01", skipped: null, failed: 0 });
    expect(await ranOn("2027-12-01")).toBe(true);
  });

  it("when the request is not a POST, then 405 with Allow: POST", async () => {
    const res = await fetch(reminders.url, { method: "GET", headers: { authorization: `Bearer ${reminders.token()}` } });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
  });

  it.each<[string, { body?: string; header?: string }]>([
    ["a body that is not JSON", { body: "at=now" }],
    ["an `at` that is not an instant", { body: JSON.stringify({ at: "next Monday" }) }],
    ["an `at` a day in the future", { body: JSON.stringify({ at: "2027-12-02T09:00:00Z" }) }],
    ["an `at` a week ago", { body: JSON.stringify({ at: "2027-11-24T09:00:00Z" }) }],
    ["a schedule-time header that is not an instant", { header: "yesterday" }],
  ])("when the scheduler sends %s, then 400 BAD_REQUEST", async (_what, { body, header }) => {
    reminders.setNow(new Date(MOMENT));
    const headers: Record<string, string> = { authorization: `Bearer ${reminders.token()}`, "content-type": "application/json" };
    if (header) headers["x-cloudscheduler-scheduletime"] = header;
    const res = await fetch(reminders.url, { method: "POST", headers, ...(body !== undefined ? { body } : {}) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("BAD_REQUEST");
  });

  it("when no moment is given, then the run is for now, in the department's time zone", async () => {
    reminders.setNow(new Date("2027-12-02T17:00:00Z")); // 01:00 on the 3rd in Shanghai
    const r = await reminders.run(undefined);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ at: "2027-12-02T17:00:00.000Z", date: "2027-12-03" });
  });

  it("when it is asked for through the public api, then it is not there", async () => {
    const res = await fetch(`${stack.baseUrl}/runReminders`, { method: "POST", headers: { authorization: `Bearer ${reminders.token()}` } });
    expect(res.status).toBe(404);
  });

  it("when the deployment does not name the scheduler's service account, then it runs for no one (500, logged)", async () => {
    const config = parseConfig(stack.env);
    expect(config.scheduler).toEqual({ serviceAccount: undefined, audience: undefined });
    const served = await serveFunction(
      "runReminders_unconfigured",
      createFunctions(config, { db: stack.db, config, now: () => new Date(MOMENT), send: async () => {}, kinds: DOCUMENT_KINDS }).runReminders,
    );
    try {
      const res = await fetch(`${served.baseUrl}/`, {
        method: "POST",
        headers: { authorization: `Bearer ${stack.mintToken(SCHEDULER_SA, { audience: SCHEDULER_AUDIENCE })}` },
      });
      expect(res.status).toBe(500);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("INTERNAL");
    } finally {
      await served.close();
    }
  });
});
