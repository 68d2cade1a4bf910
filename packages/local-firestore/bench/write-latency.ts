/**
 * Single-document write latency with persistence (`node --conditions=source --import tsx
 * packages/local-firestore/bench/write-latency.ts`, also run by `npm run bench`): 500 sequential
 * `set()`s, each acknowledged only once it is on disk, into an empty store and into one already
 * holding 50,000 documents (≈1 KB each). The two should match: a commit writes only what it changes.
 * Client and server share this process, so times include the client's own work.
 */
import { statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Firestore } from "@google-cloud/firestore";
import { DATA_FILE, startLocalFirestore } from "../src/index.js";
import { DataFolder } from "../src/persistence.js";

const WRITES = 500;
const WARMUP = 100;
const LARGE_STORE = 50_000;
const FILL_BATCH = 500;

const rows: [string, string][] = [];
const record = (label: string, value: string) => {
  rows.push([label, value]);
  console.log(`  ${label}: ${value}`);
};
const ms = (n: number) => `${n.toFixed(2)} ms`;
const us = (n: number) => `${(n * 1000).toFixed(0)} µs`;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;

/** p50 and p99 of WRITES sequential single-document writes, after WARMUP discarded ones. */
async function writeLatency(host: string): Promise<{ p50: number; p99: number }> {
  const db = new Firestore({ projectId: "bench", host, ssl: false });
  const doc = (i: number) => db.doc(`latency/w${String(i).padStart(4, "0")}`);
  const data = (i: number) => ({ n: i, status: "pending_approval", title: `计划 ${i}`, at: new Date() });
  for (let i = 0; i < WARMUP; i++) await doc(i).set(data(i));
  const times: number[] = [];
  for (let i = 0; i < WRITES; i++) {
    const start = performance.now();
    await doc(i).set(data(i));
    times.push(performance.now() - start);
  }
  await db.terminate();
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

/** The disk part alone: WRITES one-document commits straight into a data folder's SQLite file (the server stopped). */
function diskWriteLatency(dir: string): { p50: number; p99: number } {
  const folder = DataFolder.open(dir);
  const times: number[] = [];
  try {
    for (let i = 0; i < WARMUP + WRITES; i++) {
      const fields = { n: { integerValue: String(i) }, title: { stringValue: `计划 ${i}` } };
      const at = BigInt(Date.now()) * 1000n + BigInt(i);
      const start = performance.now();
      folder.write("projects/bench/databases/(default)", [{ path: ["disk", `w${i}`], after: { fields, createTime: at, updateTime: at } }]);
      if (i >= WARMUP) times.push(performance.now() - start);
    }
  } finally {
    folder.close();
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

async function fill(host: string): Promise<void> {
  const db = new Firestore({ projectId: "bench", host, ssl: false });
  const items = db.collection("items");
  for (let start = 0; start < LARGE_STORE; start += FILL_BATCH) {
    const batch = db.batch();
    for (let i = start; i < start + FILL_BATCH; i++) {
      batch.set(items.doc(`item-${String(i).padStart(6, "0")}`), {
        n: i,
        status: i % 3 === 0 ? "approved" : "pending_approval",
        department: `dept-${i % 7}`,
        title: `计划 ${i}`,
        description: `第 ${i} 项任务的说明。`.repeat(30),
        tags: [`t${i % 5}`, `t${i % 11}`],
        submittedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
      });
    }
    await batch.commit();
  }
  await db.terminate();
}

console.log("Local Firestore write latency (persistent: every write on disk before it is acknowledged)");
const root = await mkdtemp(path.join(tmpdir(), "local-firestore-bench-"));
try {
  const memory = await startLocalFirestore({ port: 0 });
  const inMemory = await writeLatency(memory.host);
  await memory.stop();
  record(`${WRITES} sequential writes, in memory (no disk), p50 / p99`, `${ms(inMemory.p50)} / ${ms(inMemory.p99)}`);

  const empty = await startLocalFirestore({ port: 0, dataDir: path.join(root, "empty") });
  const small = await writeLatency(empty.host);
  await empty.stop();
  record(`${WRITES} sequential writes, persistent, empty store, p50 / p99`, `${ms(small.p50)} / ${ms(small.p99)}`);

  const largeDir = path.join(root, "large");
  const filling = await startLocalFirestore({ port: 0, dataDir: largeDir });
  const fillStart = performance.now();
  await fill(filling.host);
  const fillMs = performance.now() - fillStart;
  await filling.stop();
  const megabytes = statSync(path.join(largeDir, DATA_FILE)).size / 1024 / 1024;
  record(
    `fill: ${LARGE_STORE.toLocaleString("en-US")} docs in batches of ${FILL_BATCH}`,
    `${(fillMs / 1000).toFixed(1)} s, ${megabytes.toFixed(0)} MB on disk`,
  );

  const loadStart = performance.now();
  const large = await startLocalFirestore({ port: 0, dataDir: largeDir });
  record(`startup loading ${LARGE_STORE.toLocaleString("en-US")} docs`, ms(performance.now() - loadStart));
  const big = await writeLatency(large.host);
  await large.stop();
  record(`${WRITES} sequential writes, persistent, ${LARGE_STORE.toLocaleString("en-US")}-doc store, p50 / p99`, `${ms(big.p50)} / ${ms(big.p99)}`);
  record("large store / empty store, p50 / p99", `${(big.p50 / small.p50).toFixed(2)}× / ${(big.p99 / small.p99).toFixed(2)}×`);

  const diskEmpty = diskWriteLatency(path.join(root, "empty"));
  const diskLarge = diskWriteLatency(largeDir);
  record("of which the disk write (one SQLite commit), empty store, p50 / p99", `${us(diskEmpty.p50)} / ${us(diskEmpty.p99)}`);
  record(`of which the disk write, ${LARGE_STORE.toLocaleString("en-US")}-doc store, p50 / p99`, `${us(diskLarge.p50)} / ${us(diskLarge.p99)}`);
} finally {
  await rm(root, { recursive: true, force: true });
}

const width = Math.max(...rows.map(([label]) => label.length));
console.log(`\n${"measure".padEnd(width)} | result\n${"-".repeat(width)}-|-${"-".repeat(30)}`);
for (const [label, value] of rows) console.log(`${label.padEnd(width)} | ${value}`);
