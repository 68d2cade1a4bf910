/**
 * Durability: the server (the CLI, as a child process, with --data) is killed with SIGKILL while and
 * right after acknowledged writes, restarted on the same folder, and must hold every acknowledged
 * write and no partial commit. The writes come from crash-client.ts, in a process of its own, which
 * kills the server inside the callback of the acknowledgement it was waiting for. The phases share
 * one data folder and run in order; each restart checks everything acknowledged in this phase and
 * all phases before.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type DocumentData, Firestore } from "@google-cloud/firestore";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCOUNTS, type Ack, BATCH_SIZE, CUT_AFTER_ROWS, OPENING_BALANCE, type Phase, PROJECT, RESET_PROJECT } from "./crash-client.js";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const HERE = path.relative(REPO_ROOT, path.dirname(fileURLToPath(import.meta.url)));

interface Running {
  host: string;
  child: ChildProcess;
  exited: Promise<NodeJS.Signals | null>;
  output(): string;
}

let dataDir: string;
let server: Running | undefined;
/** Ports used so far, so nothing aimed at a killed server can ever reach its successor. */
const usedPorts = new Set<number>();

/** Every document write acknowledged: path → data. */
const acknowledged = new Map<string, DocumentData>();
/** Batches sent: whole when acknowledged, absent when cut inside their disk transaction, else whole or absent. */
const batches = new Map<string, "acknowledged" | "in flight" | "cut">();
/** Transfer transactions acknowledged (their `transfers/` document ids). */
const transfers = new Set<string>();
let resetAcknowledged = false;

async function unusedPort(): Promise<number> {
  for (;;) {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as { port: number };
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    if (!usedPorts.has(port)) {
      usedPorts.add(port);
      return port;
    }
  }
}

/**
 * Starts the CLI on the shared folder and waits for the line it prints once it serves.
 * `killAfterRows` preloads kill-mid-commit.ts, which kills the server inside a commit.
 */
async function start(killAfterRows?: number): Promise<Running> {
  const port = await unusedPort();
  const hook = killAfterRows ? ["--import", `./${HERE}/kill-mid-commit.ts`] : [];
  const child = spawn(process.execPath, ["--import", "tsx", ...hook, "packages/local-firestore/src/cli.ts", "--port", String(port), "--data", dataDir], {
    cwd: REPO_ROOT,
    env: killAfterRows ? { ...process.env, KILL_AFTER_DOCUMENT_ROWS: String(killAfterRows) } : process.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once("exit", (_code, signal) => resolve(signal)));
  const host = await new Promise<string>((resolve, reject) => {
    child.stdout?.on("data", () => {
      const match = /^FIRESTORE_EMULATOR_HOST=(\S+)$/m.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    void exited.then(() => reject(new Error(`the server exited before serving:\n${output}`)));
  });
  server = { host, child, exited, output: () => output };
  return server;
}

/** Checks everything acknowledged so far, and that no commit is partial. */
async function verify(host: string): Promise<void> {
  const db = new Firestore({ projectId: PROJECT, host, ssl: false });
  try {
    const paths = [...acknowledged.keys()];
    for (let i = 0; i < paths.length; i += 500) {
      const snaps = await db.getAll(...paths.slice(i, i + 500).map((p) => db.doc(p)));
      for (const snap of snaps) {
        expect(snap.exists, `acknowledged ${snap.ref.path} is missing`).toBe(true);
        expect(snap.data()).toEqual(acknowledged.get(snap.ref.path));
      }
    }

    for (const [id, state] of batches) {
      const count = (await db.collection(`batches/${id}/docs`).count().get()).data().count;
      if (state === "acknowledged") expect(count, `acknowledged batch ${id}`).toBe(BATCH_SIZE);
      else if (state === "cut") expect(count, `batch ${id}, cut inside its disk transaction`).toBe(0);
      else expect([0, BATCH_SIZE], `batch ${id} is partial`).toContain(count);
    }

    const accounts = await db.collection("accounts").get();
    if (!accounts.empty) {
      const total = accounts.docs.reduce((sum, doc) => sum + (doc.get("balance") as number), 0);
      expect(total, "money created or lost: a partial transaction").toBe(ACCOUNTS * OPENING_BALANCE);
      const recorded = await db.collection("transfers").get();
      const counter = (await db.doc("ledger/counter").get()).get("n") as number;
      expect(counter, "counter and transfer records disagree: a partial transaction").toBe(recorded.size);
      const found = new Set(recorded.docs.map((d) => d.id));
      for (const id of transfers) expect(found.has(id), `acknowledged transfer ${id} is missing`).toBe(true);
    }

    if (resetAcknowledged) {
      const other = new Firestore({ projectId: RESET_PROJECT, host, ssl: false });
      expect((await other.collection("reset").get()).size, "the acknowledged reset was undone").toBe(0);
      await other.terminate();
    }
  } finally {
    await db.terminate();
  }
}

/** Stops the running server cleanly (SIGTERM), if there is one. */
async function stop(): Promise<void> {
  if (!server) return;
  const running = server;
  server = undefined;
  running.child.kill("SIGTERM");
  expect(await running.exited).toBeNull();
  expect(running.child.exitCode).toBe(0);
}

/**
 * Runs one phase of crash-client.ts against the running server (started if needed; with
 * `killAfterRows`, restarted with the hook that kills it inside a commit) and waits until the server
 * is gone — killed by the client right after an acknowledgement, or by itself. Records what the
 * client saw acknowledged, then restarts the server on the same folder and verifies everything.
 */
async function crashDuring(phase: Phase, killAfterRows?: number): Promise<void> {
  if (killAfterRows) await stop();
  const running = server ?? (await start(killAfterRows));
  const client = spawn(process.execPath, ["--import", "tsx", `${HERE}/crash-client.ts`, phase, running.host, String(running.child.pid)], {
    cwd: REPO_ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let lines = "";
  let errors = "";
  client.stdout?.on("data", (chunk: Buffer) => (lines += chunk.toString()));
  client.stderr?.on("data", (chunk: Buffer) => (errors += chunk.toString()));
  // "close": after the client's output has been read to the end.
  const clientClosed = new Promise<number | null>((resolve) => client.once("close", (code) => resolve(code)));
  const failed = clientClosed.then((code) => {
    if (code !== 0) throw new Error(`crash-client ${phase} exited with ${code} before the kill:\n${errors}\nserver:\n${running.output()}`);
    return running.exited;
  });
  try {
    expect(await Promise.race([running.exited, failed])).toBe("SIGKILL");
  } finally {
    if (running.child.exitCode === null && running.child.signalCode === null) running.child.kill("SIGKILL");
    await running.exited;
    server = undefined;
    // The client exits by itself after killing; when the server killed itself, its writes are still retrying.
    if (client.exitCode === null && client.signalCode === null) client.kill("SIGKILL");
    await clientClosed;
  }

  for (const line of lines.split("\n").filter(Boolean)) {
    const ack = JSON.parse(line) as Ack;
    if ("doc" in ack) acknowledged.set(ack.doc, ack.data);
    else if ("batch" in ack) batches.set(ack.batch, ack.acknowledged ? "acknowledged" : killAfterRows ? "cut" : "in flight");
    else if ("transfer" in ack) transfers.add(ack.transfer);
    else resetAcknowledged = true;
  }

  await verify((await start()).host);
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "local-firestore-crash-"));
});
afterAll(async () => {
  if (server) {
    server.child.kill("SIGKILL");
    await server.exited;
  }
  await rm(dataDir, { recursive: true, force: true });
});

describe("a server killed with SIGKILL keeps every acknowledged write", { timeout: 60_000 }, () => {
  it("when killed right after the 150th of many concurrent single writes is acknowledged, then all acknowledged writes are there", async () => {
    await crashDuring("singles");
    expect(acknowledged.size).toBeGreaterThanOrEqual(150);
  });

  it("when killed the moment a 2,000-document batch is acknowledged, then the whole batch is there", async () => {
    await crashDuring("batch");
    expect(batches.get("acked")).toBe("acknowledged");
  });

  it("when killed while four 2,000-document batches are in flight, then each is there whole or not at all", async () => {
    await crashDuring("batches-in-flight");
    const inFlight = ["f1", "f2", "f3", "f4"].map((id) => batches.get(id));
    expect(inFlight).not.toContain(undefined);
    expect(inFlight).toContain("acknowledged");
  });

  it("when killed inside a commit's disk transaction (half of a 4 MB batch written), then none of the batch is there", async () => {
    await crashDuring("cut", CUT_AFTER_ROWS);
    expect(batches.get("cut")).toBe("cut");
  });

  it("when killed right after a transaction is acknowledged, with others running, then no transaction is lost or half-applied", async () => {
    await crashDuring("transactions");
    expect(transfers.size).toBeGreaterThanOrEqual(40);
  });

  it("when killed during a BulkWriter run (BatchWrite), then every write it acknowledged is there", async () => {
    const before = acknowledged.size;
    await crashDuring("bulk");
    expect(acknowledged.size - before).toBeGreaterThanOrEqual(300);
  });

  it("when killed the moment the REST reset is acknowledged, then the project stays empty", async () => {
    await crashDuring("reset");
    expect(resetAcknowledged).toBe(true);
  });

  it("when stopped with SIGTERM after all of that and restarted, then everything is still there and nothing was logged as an error", async () => {
    const output = server?.output() ?? "";
    await stop();
    expect(output).not.toMatch(/internal error|ExperimentalWarning/);
    await verify((await start()).host);
    await stop();
  });
});
