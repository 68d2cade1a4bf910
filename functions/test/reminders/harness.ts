import { DOCUMENT_KINDS, headerRow, MONTHLY_PLAN } from "@planops/shared";
import { afterAll, beforeAll, expect } from "vitest";
import { demoEmail } from "../../local/demo-org.js";
import type { MintOptions } from "../../local/auth-keys.js";
import { createFunctions } from "../../src/app.js";
import { smtpSender } from "../../src/notifications/mailer.js";
import type { OutboxDoc } from "../../src/notifications/outbox.js";
import { parseConfig } from "../../src/platform/config.js";
import type { ReminderRunResult } from "../../src/reminders/run.js";
import { call } from "../support/call.js";
import { planTable, type RowInput, task } from "../support/plan-sheet.js";
import type { Stack } from "../support/stack.js";
import { type ServedFunction, serveFunction } from "../support/serve.js";

/** Cloud Scheduler's service account and the function URL its OIDC tokens are minted for (signed locally by the stack's key). */
export const SCHEDULER_SA = "planops-scheduler@planops-test.iam.gserviceaccount.com";
export const SCHEDULER_AUDIENCE = "https://asia-east2-planops-test.cloudfunctions.net/runReminders";

export const PLANNER = demoEmail("李明");
export const MANAGER = demoEmail("张伟");

export interface RunAnswer {
  status: number;
  body: ReminderRunResult & { error?: { code: string; message: { zh: string; en: string } } };
}

export interface Reminders {
  url: string;
  /** One clock for the functions the stack serves (submission times) and for the reminder job (its "now"). */
  setNow(at: Date): void;
  /** A scheduler OIDC token: the service account for the function's URL unless told otherwise. */
  token(email?: string, extra?: Omit<MintOptions, "email">): string;
  /**
   * Calls runReminders as Cloud Scheduler does. `at` (ISO) also sets the clock to that
   * moment, so the request is "on time"; it goes in the body, or in the schedule-time header.
   */
  run(at?: string, opts?: { via?: "body" | "header"; token?: string | null; method?: string; body?: string }): Promise<RunAnswer>;
}

let counter = 0;

/**
 * Serves the stack's runReminders function on its own (as it is deployed: not
 * through `api`) over real HTTP, on the stack's Firestore, roster and mail receiver.
 * `env` adds configuration (e.g. REMINDER_SKIP_WEEKENDS=false).
 */
export function useReminders(stack: Stack, env: Record<string, string> = {}): Reminders {
  let served: ServedFunction | undefined;
  let url = "";
  let now = new Date();
  beforeAll(async () => {
    const config = parseConfig({ ...stack.env, SCHEDULER_SERVICE_ACCOUNT: SCHEDULER_SA, SCHEDULER_AUDIENCE, ...env });
    const deps = { db: stack.db, config, now: () => now, send: smtpSender(config.mail.smtpUrl, config.mail.from), kinds: DOCUMENT_KINDS };
    const name = `runReminders_${process.pid}_${++counter}`;
    served = await serveFunction(name, createFunctions(config, deps).runReminders);
    url = `${served.baseUrl}/`;
  });
  afterAll(async () => served?.close());
  const setNow = (at: Date) => {
    now = at;
    stack.setNow(at);
  };
  const token = (email = SCHEDULER_SA, extra: Omit<MintOptions, "email"> = {}) => stack.mintToken(email, { audience: SCHEDULER_AUDIENCE, ...extra });
  return {
    get url() {
      return url;
    },
    setNow,
    token,
    async run(at, opts = {}) {
      if (at) setNow(new Date(at));
      const headers: Record<string, string> = {};
      const bearer = opts.token === undefined ? token() : opts.token;
      if (bearer !== null) headers.authorization = `Bearer ${bearer}`;
      let body = opts.body;
      if (at && opts.via === "header") headers["x-cloudscheduler-scheduletime"] = at;
      else if (at && body === undefined) body = JSON.stringify({ at });
      if (body !== undefined) headers["content-type"] = "application/json";
      const res = await fetch(url, { method: opts.method ?? "POST", headers, ...(body !== undefined ? { body } : {}) });
      return { status: res.status, body: (await res.json()) as RunAnswer["body"] };
    },
  };
}

/** 09:00 in Shanghai on `day`, as an ISO instant: the time the daily job is scheduled for. */
export const nineAm = (day: string) => `${day}T01:00:00.000Z`;

/** Runs the job at 09:00 Shanghai on `day` and expects it to succeed. */
export async function runOn(reminders: Reminders, day: string): Promise<ReminderRunResult> {
  const r = await reminders.run(nineAm(day));
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  expect(r.body.date).toBe(day);
  return r.body;
}

export interface StoredMessage extends OutboxDoc {
  id: string;
}

/** The outbox messages whose id contains `part` (a task or approval id), by id. */
export async function outboxAbout(stack: Stack, part: string): Promise<StoredMessage[]> {
  const snap = await stack.db.collection("outbox").get();
  return snap.docs
    .filter((d) => d.id.includes(part))
    .map((d) => ({ id: d.id, ...(d.data() as OutboxDoc) }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** Outbox ids about `part`, shortened to "<kind>:…:<stage?>:<recipient>" without the subject id, for readable expectations. */
export async function noticesAbout(stack: Stack, part: string): Promise<string[]> {
  return (await outboxAbout(stack, part)).map((m) => m.id.replace(`:${part}`, ""));
}

/**
 * A monthly plan of `period` for 计划运营部, submitted by the planning group (李明)
 * and approved by the manager (张伟); issued to its owners unless `issue` is false.
 */
export async function monthlyPlan(
  stack: Stack,
  period: string,
  rows: readonly RowInput[],
  opts: { issue?: boolean } = {},
): Promise<{ planId: string; ids: string[] }> {
  const sub = await call(
    stack,
    PLANNER,
    "submit",
    planTable(
      rows.map((r) => task({ start: `${period}-01`, ...r })),
      { period },
    ),
  );
  expect(sub.status, JSON.stringify(sub.error)).toBe(200);
  const planId = sub.body.documentId;
  const ids = sub.body.rows.map((r) => r.itemId ?? "");
  const decided = await call(stack, MANAGER, "decide", { planId, revision: 1, decision: "approve" });
  expect(decided.status, JSON.stringify(decided.error)).toBe(200);
  if (opts.issue !== false) {
    const issued = await call(stack, PLANNER, "issuePlan", { planId });
    expect(issued.status, JSON.stringify(issued.error)).toBe(200);
  }
  return { planId, ids };
}

/** A monthly plan submitted for approval and left waiting. */
export async function submittedPlan(stack: Stack, period: string, rows: readonly RowInput[]): Promise<{ planId: string; approvalId: string }> {
  const sub = await call(
    stack,
    PLANNER,
    "submit",
    planTable(
      rows.map((r) => task({ start: `${period}-01`, ...r })),
      { period },
    ),
  );
  expect(sub.status, JSON.stringify(sub.error)).toBe(200);
  return { planId: sub.body.documentId, approvalId: `${sub.body.documentId}~r1` };
}

const HEADERS = headerRow(MONTHLY_PLAN, "zh");

/** The owner marks a task done (状态 已完成, 实际完成时间) through updateProgress, as the add-on does. */
export async function finish(stack: Stack, owner: string, planId: string, taskId: string, on: string): Promise<void> {
  const cells = HEADERS.map((h) => ({ 任务编号: taskId, 状态: "已完成", 完成百分比: 100, 实际完成时间: on })[h as "任务编号"] ?? null);
  const r = await call(stack, owner, "updateProgress", { planId, headers: HEADERS, rows: [{ row: 2, cells }] });
  expect(r.status, JSON.stringify(r.error)).toBe(200);
}
