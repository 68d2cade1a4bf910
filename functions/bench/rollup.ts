/**
 * Roll-up benchmark: 100,000 monthly tasks of 1,000 people in 10 departments over
 * 24 months, seeded straight into a fresh local Firestore (not timed). Times a full
 * recompute, then an incremental run after 1 % of the tasks changed (status, % complete,
 * due date), with the documents each read. Fails unless the incremental run reads
 * under 5 % of the full one's documents and takes under 0.1× its time.
 */
import { DOCUMENT_KINDS } from "@planops/shared";
import { parseConfig } from "../src/platform/config.js";
import type { Deps } from "../src/platform/context.js";
import { ITEMS, type ItemDoc } from "../src/plans/store.js";
import { ROLLUP_SOURCES } from "../src/rollups/plan-items-source.js";
import { runRollup } from "../src/rollups/run-rollup.js";
import { startStack } from "../test/support/stack.js";

const TASKS = 100_000;
const PEOPLE = 1_000;
const DEPARTMENTS = Array.from({ length: 10 }, (_, i) => `部门${i + 1}`);
const MONTHS = Array.from({ length: 24 }, (_, i) => `${2025 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`);
const CHANGED = TASKS / 100;

const stack = await startStack({ seed: false });
let clock = Date.parse("2027-01-05T01:00:00Z");
const iso = () => new Date(clock).toISOString();
const deps: Deps = { db: stack.db, config: parseConfig(stack.env), now: () => new Date(clock), send: async () => {}, kinds: DOCUMENT_KINDS };

const day = (i: number) => String((i % 28) + 1).padStart(2, "0");
function taskDoc(i: number): ItemDoc {
  const department = DEPARTMENTS[i % DEPARTMENTS.length]!;
  const month = MONTHS[Math.floor(i / DEPARTMENTS.length) % MONTHS.length]!;
  const person = (i * 7) % PEOPLE;
  const done = i % 3 === 0;
  return {
    planId: `monthly_${month}_${department}`,
    kind: "monthly-plan",
    period: month,
    planDepartment: department,
    planStatus: "issued",
    fields: {},
    title: `任务 ${i}`,
    owner: { email: `p${person}@bench.planops.cn`, name: `员工${person}` },
    department,
    start: null,
    due: `${month}-${day(i)}`,
    weight: 1 + (i % 3),
    parentItem: null,
    parentPlanId: null,
    status: done ? "done" : "in_progress",
    percent: done ? 100 : (i * 13) % 100,
    actualFinish: done ? `${month}-${day(i + 2)}` : null,
    feedback: "",
    steps: [],
    updatedAt: iso(),
  };
}
const id = (i: number) => `T${String(i).padStart(6, "0")}`;

async function writeAll(docs: (i: number) => ItemDoc, indexes: readonly number[]) {
  const chunks: number[][] = [];
  for (let k = 0; k < indexes.length; k += 500) chunks.push(indexes.slice(k, k + 500));
  for (let k = 0; k < chunks.length; k += 4) {
    await Promise.all(
      chunks.slice(k, k + 4).map((chunk) => {
        const batch = stack.db.batch();
        for (const i of chunk) batch.set(stack.db.collection(ITEMS).doc(id(i)), docs(i));
        return batch.commit();
      }),
    );
  }
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, performance.now() - t0];
}

try {
  await writeAll(
    taskDoc,
    Array.from({ length: TASKS }, (_, i) => i),
  );

  clock += 10 * 60_000;
  const [full, tFull] = await timed(() => runRollup(deps, new Date(clock), ROLLUP_SOURCES));

  // 1 % of the tasks change: finished, progressed, or moved to another month.
  clock += 10 * 60_000;
  const changed = Array.from({ length: CHANGED }, (_, k) => (k * 97) % TASKS);
  await writeAll((i) => {
    const t = taskDoc(i);
    const kind = i % 3;
    if (kind === 0) return { ...t, status: "in_progress", percent: 50, actualFinish: null, updatedAt: iso() };
    if (kind === 1) return { ...t, status: "done", percent: 100, actualFinish: t.due, updatedAt: iso() };
    const month = MONTHS[(MONTHS.indexOf(t.period) + 1) % MONTHS.length]!;
    return { ...t, due: `${month}-${t.due!.slice(8)}`, updatedAt: iso() };
  }, changed);

  clock += 10 * 60_000;
  const [inc, tInc] = await timed(() => runRollup(deps, new Date(clock), ROLLUP_SOURCES));

  const readShare = inc.documentReads / full.documentReads;
  const timeShare = tInc / tFull;
  const n = (x: number) => x.toLocaleString("en-US");
  console.log(
    `roll-up incremental run: ${n(inc.documentReads)} document reads, ${(readShare * 100).toFixed(1)} % of a full recompute, ${timeShare.toFixed(2)}× its time ` +
      `(${(tInc / 1000).toFixed(2)} s for ${n(inc.changedRecords)} changed tasks; the full recompute of ${n(TASKS)} tasks of ${n(PEOPLE)} people, ` +
      `${DEPARTMENTS.length} departments and ${MONTHS.length} months: ${n(full.documentReads)} reads, ${(tFull / 1000).toFixed(1)} s)`,
  );
  if (inc.changedRecords !== CHANGED || readShare >= 0.05 || timeShare >= 0.1) {
    console.error(`roll-up incremental run is over its targets (< 5 % of the reads, < 0.1× the time, ${CHANGED} changed tasks read)`);
    process.exitCode = 1;
  }
} finally {
  await stack.stop();
}
