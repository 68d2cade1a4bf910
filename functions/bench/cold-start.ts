/**
 * Cold start: how long a freshly spawned functions-framework process takes to give its
 * first answer, started as Cloud Functions starts it (`node …/functions-framework/…/main.js
 * --target=… --source=…`), timed from spawn to the first 200, for
 *   - functions-framework's bare hello world (fixtures/hello-world.mjs): the yardstick;
 *   - the Firestore client alone, one query (fixtures/firestore-only.mjs, bundled like
 *     dist/): what any answer that loads the gRPC client pays;
 *   - the real bundle functions/dist/index.mjs (`npm run build`) against the local
 *     Firestore and local sign-in: the first authenticated GET /roster, which verifies
 *     the ID token, loads the caller and reads the roster over Firestore's REST API
 *     before anything else of the product is loaded;
 *   - the same bundle's first GET /pendingApprovals, which loads the rest (the Firestore
 *     client and every feature) on top.
 * Several rounds, all alternating, median of each; prints the ratios to hello world.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Firestore } from "@google-cloud/firestore";
import { bundle } from "../bundle.mjs";
import { DEMO_ROSTER, demoEmail } from "../local/demo-org.js";
import { seedRoster } from "../local/seed.js";
import { startLocalServices } from "../local/services.js";

const ROUNDS = Number(process.env.COLD_START_ROUNDS ?? 7);
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const dist = here("../dist/index.mjs");
if (!existsSync(dist)) throw new Error(`${dist} is missing: run npm run build first`);
const require = createRequire(import.meta.url);
const ffMain = join(dirname(require.resolve("@google-cloud/functions-framework")), "main.js");
// Inside the repository's node_modules, so the bundle resolves functions-framework as dist/ does.
const floorDir = here("../../node_modules/.cache/planops-bench/");
await bundle(here("fixtures/firestore-only.mjs"), floorDir);
const floor = join(floorDir, "firestore-only.mjs");

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

interface Subject {
  target: string;
  source: string;
  env: NodeJS.ProcessEnv;
  path: string;
  headers: Record<string, string>;
}

/** Spawns functions-framework; resolves with ms from spawn to the first 200 of `path`, sent as soon as it listens. */
async function coldStart(s: Subject): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [ffMain, `--target=${s.target}`, `--source=${s.source}`, `--port=${port}`], {
    env: { ...s.env, PORT: String(port) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    // functions-framework prints its URL once the server listens (outside NODE_ENV=production).
    await new Promise<void>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (d: Buffer) => {
        out += d.toString();
        if (out.includes("URL: http")) resolve();
      });
      child.once("exit", (code) => reject(new Error(`functions-framework exited (${code}) before listening:\n${out}`)));
    });
    const res = await fetch(`http://127.0.0.1:${port}${s.path}`, { headers: s.headers });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${s.target} ${s.path}: ${res.status} ${body}`);
    return performance.now() - started;
  } finally {
    child.kill("SIGTERM");
    await exited;
  }
}

const keyDir = mkdtempSync(join(tmpdir(), "planops-cold-"));
const services = await startLocalServices({ dataDir: null, keyDir });
const db = new Firestore({ projectId: services.env.GOOGLE_CLOUD_PROJECT, host: services.firestoreHost, ssl: false });
await seedRoster(db, DEMO_ROSTER);
await db.terminate();

const { NODE_ENV: _production, ...inherited } = process.env;
const env = { ...inherited, ...services.env };
const subjects = {
  hello: { target: "hello", source: here("fixtures/hello-world.mjs"), env: inherited, path: "/", headers: {} },
  floor: { target: "firestoreOnly", source: floor, env, path: "/", headers: {} },
  real: { target: "api", source: dist, env, path: "/roster", headers: { authorization: `Bearer ${services.mintToken(demoEmail("李明"))}` } },
  everything: {
    target: "api",
    source: dist,
    env,
    path: "/pendingApprovals",
    headers: { authorization: `Bearer ${services.mintToken(demoEmail("李明"))}` },
  },
} satisfies Record<string, Subject>;
const times: Record<keyof typeof subjects, number[]> = { hello: [], floor: [], real: [], everything: [] };
// Round 0 warms the disk cache for all three and is not counted.
for (let round = 0; round <= ROUNDS; round++) {
  for (const key of Object.keys(subjects) as (keyof typeof subjects)[]) {
    const ms = await coldStart(subjects[key]);
    if (round > 0) times[key].push(ms);
  }
}
await services.stop();
rmSync(keyDir, { recursive: true, force: true });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const hello = median(times.hello);
const row = (label: string, ms: number) => console.log(`  ${label.padEnd(62)} ${ms.toFixed(0).padStart(5)} ms  ${(ms / hello).toFixed(1)}×`);
console.log(`\nCold start, spawn → first answer (median of ${ROUNDS}, alternating):`);
row("functions-framework hello world", hello);
row("functions-framework + Firestore client, one query (the floor)", median(times.floor));
row("dist/index.mjs, first authenticated GET /roster", median(times.real));
row("dist/index.mjs, first GET /pendingApprovals (loads the Firestore client)", median(times.everything));
console.log(`cold start: first authenticated answer ${(median(times.real) / hello).toFixed(1)}× a bare hello world`);
