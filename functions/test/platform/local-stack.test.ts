import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { planTable, task } from "../support/plan-sheet.js";

/** The built entry `npm start` runs (npm test builds before testing). */
const START = fileURLToPath(new URL("../../lib/local/start.js", import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), "planops-start-"));

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

const ports = { PORT: 0, LOCAL_FIRESTORE_PORT: 0, LOCAL_SMTP_PORT: 0, LOCAL_MAIL_WEB_PORT: 0, LOCAL_IDENTITY_PORT: 0 };
let child: ChildProcess | undefined;

async function start(): Promise<string> {
  for (const k of Object.keys(ports) as (keyof typeof ports)[]) if (!ports[k]) ports[k] = await freePort();
  // The stack's own Firestore is under test here, even when the suite runs against an external emulator.
  const { FIRESTORE_EMULATOR_HOST: _external, ...inherited } = process.env;
  const env = { ...inherited, PLANOPS_DATA_DIR: dataDir, ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])) };
  const proc = spawn(process.execPath, [START], { env, stdio: ["ignore", "pipe", "pipe"] });
  child = proc;
  let out = "";
  proc.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  proc.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`http://127.0.0.1:${ports.PORT}/openapi.json`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return out;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`local stack did not come up:\n${out}`);
}

async function stop(): Promise<void> {
  const proc = child;
  if (!proc || proc.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    proc.once("exit", () => resolve());
    proc.kill("SIGTERM");
  });
}

afterAll(async () => {
  await stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const token = async (email: string) => (await fetch(`http://127.0.0.1:${ports.LOCAL_IDENTITY_PORT}/token?email=${email}`)).text();
async function api(path: string, email: string, body?: unknown) {
  const res = await fetch(`http://127.0.0.1:${ports.PORT}/${path}`, {
    method: body ? "POST" : "GET",
    headers: { authorization: `Bearer ${await token(email)}`, ...(body ? { "content-type": "application/json" } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe("npm start: the embedded local stack", () => {
  it("when started on an empty data folder, then it seeds the demo roster, prints the guide and serves every function and /openapi.json", async () => {
    const out = await start();
    expect(out).toContain("Try / 试一试");
    expect(out).toContain(`FIRESTORE_EMULATOR_HOST=127.0.0.1:${ports.LOCAL_FIRESTORE_PORT}`);
    const openapi = (await (await fetch(`http://127.0.0.1:${ports.PORT}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(openapi.paths)).toContain("/submit");
    const roster = await api("roster", "liming@demo.planops.cn");
    expect(roster.status).toBe(200);
    // Unparsable JSON is refused by functions-framework's body parser before our code runs: a bare 400, no internals.
    const garbled = await fetch(`http://127.0.0.1:${ports.PORT}/submit`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(garbled.status).toBe(400);
    expect(await garbled.text()).not.toMatch(/node_modules|at [A-Za-z]+ \(/);
    const submitted = await api("submit", "liming@demo.planops.cn", planTable([task()]));
    expect(submitted.status).toBe(200);
    // the manager's notification reaches the local inbox
    const deadline = Date.now() + 10_000;
    let inbox: { subject: string; to: string[] }[] = [];
    while (Date.now() < deadline && inbox.length === 0) {
      inbox = (await (await fetch(`http://127.0.0.1:${ports.LOCAL_MAIL_WEB_PORT}/messages.json`)).json()) as typeof inbox;
      if (inbox.length === 0) await new Promise((r) => setTimeout(r, 200));
    }
    expect(inbox.some((m) => m.to.includes("zhangwei@demo.planops.cn") && m.subject.includes("待审批"))).toBe(true);
  });

  it("when restarted, then its data is still there: the pending plan awaits the manager, the inbox keeps its mail", async () => {
    await stop();
    const out = await start();
    expect(out).toContain("kept from last run");
    const pending = await api("pendingApprovals", "zhangwei@demo.planops.cn");
    expect(pending.status).toBe(200);
    expect((pending.json.items as { period: string }[]).map((i) => i.period)).toEqual(["2026-12"]);
    const inbox = (await (await fetch(`http://127.0.0.1:${ports.LOCAL_MAIL_WEB_PORT}/messages.json`)).json()) as unknown[];
    expect(inbox.length).toBeGreaterThan(0);
  });
});
