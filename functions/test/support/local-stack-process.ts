/**
 * `npm start` as a child process, for tests of the whole local stack: each on its own
 * free ports and data folder, stopped (SIGTERM) after each test, its folders removed
 * after the file. `killStack` is `kill -9` of the stack and the functions' process.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ENDPOINTS, type EndpointName, type ResponseOf } from "@planops/shared/api";
import { afterAll, afterEach } from "vitest";

/** The built entry `npm start` runs (npm test builds before testing). */
const START = fileURLToPath(new URL("../../lib/local/start.js", import.meta.url));
export const PORT_VARIABLES = ["PORT", "LOCAL_FIRESTORE_PORT", "LOCAL_IDENTITY_PORT", "LOCAL_SMTP_PORT", "LOCAL_MAIL_WEB_PORT", "LOCAL_SHEETS_PORT"] as const;
export type Ports = Record<(typeof PORT_VARIABLES)[number], number>;

export async function listenOn(port: number): Promise<Server> {
  const srv = createServer();
  await new Promise<void>((resolve, reject) => {
    srv.once("error", reject);
    srv.listen(port, "127.0.0.1", () => resolve());
  });
  return srv;
}

/** Listens on `port` as soon as whoever held it has let go (waits on the port's state, at most 15 s). */
export async function listenWhenFree(port: number): Promise<Server> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      return await listenOn(port);
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** Ports free right now (each held until all are picked, so they differ). */
export async function freePorts(): Promise<Ports> {
  const held = await Promise.all(PORT_VARIABLES.map(() => listenOn(0)));
  const ports = Object.fromEntries(PORT_VARIABLES.map((v, i) => [v, (held[i]!.address() as { port: number }).port])) as Ports;
  await Promise.all(held.map((s) => new Promise<void>((r) => s.close(() => r()))));
  return ports;
}

export interface Started {
  proc: ChildProcess;
  ports: Ports;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code once it has ended. */
  exited: Promise<number | null>;
  /** Started in a process group of its own (SpawnOptions). */
  ownProcessGroup: boolean;
}

export interface SpawnOptions {
  /**
   * Its own process group (stack and functions' process), so `killStack` can kill -9
   * them all at once. Off by default: then Ctrl+C on the test run reaches the stack too.
   */
  ownProcessGroup?: boolean;
}

export async function stop(s: Started): Promise<number | null> {
  if (s.proc.exitCode === null && s.proc.signalCode === null) s.proc.kill("SIGTERM");
  return s.exited;
}

/** `kill -9` of the whole stack — its process and the functions' — at once (it must run in its own process group). */
export async function killStack(s: Started): Promise<void> {
  if (!s.ownProcessGroup) throw new Error("killStack needs a stack started with { ownProcessGroup: true }");
  process.kill(-s.proc.pid!, "SIGKILL");
  await s.exited;
}

/** Starts and stops stacks for the calling test file (hooks registered here), each on a data folder of its own. */
export function useLocalStacks() {
  const dataDirs: string[] = [];
  const running = new Set<Started>();
  const occupied: Server[] = [];

  afterEach(async () => {
    await Promise.all([...running].map(stop));
    await Promise.all(occupied.splice(0).map((srv) => new Promise<void>((r) => srv.close(() => r()))));
  });
  afterAll(() => {
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });

  function spawnStack(dataDir: string, ports: Ports, opts: SpawnOptions = {}): Started {
    // The stack's own Firestore is under test here, even when the suite runs against an external emulator.
    const { FIRESTORE_EMULATOR_HOST: _external, ...inherited } = process.env;
    const env = { ...inherited, PLANOPS_DATA_DIR: dataDir, ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])) };
    const ownProcessGroup = opts.ownProcessGroup === true;
    const proc = spawn(process.execPath, [START], { env, stdio: ["ignore", "pipe", "pipe"], detached: ownProcessGroup });
    let out = "";
    proc.stdout!.on("data", (d: Buffer) => (out += d.toString()));
    proc.stderr!.on("data", (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
    const started: Started = { proc, ports, output: () => out, exited, ownProcessGroup };
    running.add(started);
    void exited.then(() => running.delete(started));
    return started;
  }

  return {
    newDataDir(): string {
      const dir = mkdtempSync(join(tmpdir(), "planops-start-"));
      dataDirs.push(dir);
      return dir;
    },
    spawnStack,
    /** Starts the stack; resolves once it has printed its guide, which it does only when the functions answer. */
    async start(dataDir: string, opts: SpawnOptions = {}): Promise<Started> {
      const s = spawnStack(dataDir, await freePorts(), opts);
      await new Promise<void>((resolve, reject) => {
        const onData = () => {
          if (s.output().includes("Press Ctrl+C to stop")) resolve();
        };
        s.proc.stdout!.on("data", onData);
        void s.exited.then((code) => reject(new Error(`the local stack exited (${code}) before it was up:\n${s.output()}`)));
      });
      return s;
    },
    /** Holds `port` until the test ends. */
    async occupy(port: number): Promise<void> {
      occupied.push(await listenOn(port));
    },
    /** Holds `port` until the test ends, as soon as whoever held it has let go. */
    async occupyWhenFree(port: number): Promise<void> {
      occupied.push(await listenWhenFree(port));
    },
  };
}

export function client(s: Started) {
  const token = async (email: string) => (await fetch(`http://127.0.0.1:${s.ports.LOCAL_IDENTITY_PORT}/token?email=${email}`)).text();
  return {
    token,
    async api(path: string, email: string, body?: unknown) {
      const res = await fetch(`http://127.0.0.1:${s.ports.PORT}/${path}`, {
        method: body ? "POST" : "GET",
        headers: { authorization: `Bearer ${await token(email)}`, ...(body ? { "content-type": "application/json" } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      return { status: res.status, json: (await res.json()) as Record<string, unknown> };
    },
    /** A function's answer as `email` (a token from the stack's sign-in), checked against the endpoint's response schema. */
    async call<N extends EndpointName>(name: N, email: string, input: Record<string, string> = {}): Promise<ResponseOf<N>> {
      const get = ENDPOINTS[name].method === "GET";
      const res = await fetch(`http://127.0.0.1:${s.ports.PORT}/${name}${get ? `?${new URLSearchParams(input)}` : ""}`, {
        method: ENDPOINTS[name].method,
        headers: { authorization: `Bearer ${await token(email)}`, ...(get ? {} : { "content-type": "application/json" }) },
        ...(get ? {} : { body: JSON.stringify(input) }),
      });
      const json: unknown = await res.json();
      if (res.status !== 200) throw new Error(`${name} answered ${res.status}: ${JSON.stringify(json)}`);
      return ENDPOINTS[name].response.parse(json) as ResponseOf<N>;
    },
    async inbox() {
      return (await (await fetch(`http://127.0.0.1:${s.ports.LOCAL_MAIL_WEB_PORT}/messages.json`)).json()) as { subject: string; to: string[] }[];
    },
  };
}
