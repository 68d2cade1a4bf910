/**
 * Local Firestore benchmark: `node --import tsx packages/local-firestore/bench/firestore.ts`.
 * Client and server share this process, so times include the client's own serialisation work.
 */
import { performance } from "node:perf_hooks";
import { Firestore } from "@google-cloud/firestore";
import { startLocalFirestore } from "../src/index.js";

const DOCS = 10_000;
const BATCH = 500;
const TRANSACTIONS = 300;
const QUERY_RUNS = 5;

const rows: [string, string][] = [];
const record = (label: string, value: string) => {
  rows.push([label, value]);
  console.log(`  ${label}: ${value}`);
};
const ms = (n: number) => `${n.toFixed(1)} ms`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

/** Median of several runs; the first run (connection and JIT warm-up) is discarded. */
async function median(work: () => Promise<unknown>): Promise<number> {
  await work();
  const times: number[] = [];
  for (let i = 0; i < QUERY_RUNS; i++) times.push((await timed(work))[1]);
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? 0;
}

console.log("Local Firestore benchmark");
const [server, startup] = await timed(() => startLocalFirestore({ port: 0 }));
record("server startup", ms(startup));

const db = new Firestore({ projectId: "bench", host: server.host, ssl: false });
const [, firstRequest] = await timed(() => db.doc("warmup/doc").set({ ready: true }));
record("first request (client connect)", ms(firstRequest));
const rssBefore = process.memoryUsage().rss;

const items = db.collection("items");
const [, writing] = await timed(async () => {
  for (let start = 0; start < DOCS; start += BATCH) {
    const batch = db.batch();
    for (let i = start; i < start + BATCH; i++) {
      batch.set(items.doc(`item-${String(i).padStart(5, "0")}`), {
        n: i,
        group: i % 20,
        status: i % 3 === 0 ? "approved" : "pending_approval",
        department: `dept-${i % 7}`,
        title: `计划 ${i}`,
        tags: [`t${i % 5}`, `t${i % 11}`],
        submittedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
      });
    }
    await batch.commit();
  }
});
record(`write ${DOCS} docs in batches of ${BATCH}`, `${ms(writing)} (${Math.round(DOCS / (writing / 1000))} docs/s)`);

const filtered = items.where("status", "==", "pending_approval").where("department", "==", "dept-3").orderBy("submittedAt");
const matches = (await filtered.get()).size;
record(`filtered query (${matches} of ${DOCS} match), median`, ms(await median(() => filtered.get())));
record(`filtered query with limit(20), median`, ms(await median(() => filtered.limit(20).get())));
record(`count() over ${DOCS}, median`, ms(await median(() => items.count().get())));
record(`filtered count(), median`, ms(await median(() => filtered.count().get())));

const counter = db.doc("bench/counter");
await counter.set({ n: 0 });
let attempts = 0;
const [, contention] = await timed(() =>
  Promise.all(
    Array.from({ length: TRANSACTIONS }, () =>
      db.runTransaction(async (tx) => {
        attempts++;
        const n = (await tx.get(counter)).get("n") as number;
        tx.update(counter, { n: n + 1 });
      }),
    ),
  ),
);
const final = (await counter.get()).get("n") as number;
record(`${TRANSACTIONS} concurrent transactions on one doc`, `${ms(contention)} (${attempts} attempts, final ${final})`);

record("RSS after connect / after all work", `${mib(rssBefore)} / ${mib(process.memoryUsage().rss)}`);

await db.terminate();
await server.stop();

const width = Math.max(...rows.map(([label]) => label.length));
console.log(`\n${"measure".padEnd(width)} | result\n${"-".repeat(width)}-|-${"-".repeat(40)}`);
for (const [label, value] of rows) console.log(`${label.padEnd(width)} | ${value}`);
