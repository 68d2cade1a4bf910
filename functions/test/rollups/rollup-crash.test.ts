/**
 * The roll-up under `kill -9` of the whole local stack (`npm start`: its process and
 * the functions'): killed while a run writes its parts, the stack keeps the previous
 * results and the next runs complete the work and delete the dead run's parts;
 * killed right after a run answered, that run's results are there.
 */
import { Firestore } from "@google-cloud/firestore";
import { monthsOf, period as parsePeriod } from "@planops/shared";
import type { RollupView } from "@planops/shared/api";
import { describe, expect, it, onTestFinished } from "vitest";
import { demoEmail } from "../../local/demo-org.js";
import { ITEMS, type ItemDoc } from "../../src/plans/store.js";
import { rateRow, tally } from "../../src/rollups/completion-rate.js";
import { partDocIds, ROLLUP_PARTS, ROLLUP_PENDING, ROLLUP_RUNS, type RollupState, stateRef } from "../../src/rollups/state.js";
import { call } from "../support/call.js";
import { openDataDir } from "../support/kept-data-dir.js";
import { client, killStack, type Started, useLocalStacks } from "../support/local-stack-process.js";
import type { Stack } from "../support/stack.js";
import { monthlyTask } from "./rollup-harness.js";

const { newDataDir, start, occupyWhenFree } = useLocalStacks();

const HR = demoEmail("孙丽");
const MANAGER = demoEmail("张伟");
const DEPARTMENTS = ["计划运营部", "销售部", "人力资源部", "财务部", "市场部", "生产部", "采购部", "质量部", "研发部", "信息技术部", "法务部", "行政部"];
const MONTHS = Array.from({ length: 24 }, (_, i) => `${2026 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`);
const OWNERS = ["李明", "陈静", "杨强", "黄敏", "周杰", "吴婷", "马晓明"].map((name) => ({ email: demoEmail(name), name }));
/** A month × department is one partition: 288 of them, each rewritten by a run that changes a task in every one. */
const TASKS = 20_000;
/** The batch changed between runs: every 7th task, some in every month and department. */
const isChanged = (i: number) => i % 7 === 0;
/** What HR sees (every department), and one department's cut. */
const VIEWS: { period: string; department?: string }[] = [
  { period: "2026" },
  { period: "2027" },
  { period: "2026-Q4" },
  { period: "2027-Q1" },
  { period: "2026-12" },
  { period: "2027-06" },
  { period: "2027-Q1", department: "销售部" },
];

const taskId = (i: number) => `T${String(i).padStart(5, "0")}`;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Task i of the approved monthly plans: done on time, done late, in progress, not started or blocked. */
function seededTask(i: number): ItemDoc {
  const month = MONTHS[Math.floor(i / DEPARTMENTS.length) % MONTHS.length]!;
  const due = `${month}-${String((i % 28) + 1).padStart(2, "0")}`;
  const state = [
    { status: "done", percent: 100, actualFinish: due },
    { status: "done", percent: 100, actualFinish: addDays(due, 3) },
    { status: "in_progress", percent: (i * 13) % 100, actualFinish: null },
    { status: "not_started", percent: 0, actualFinish: null },
    { status: "blocked", percent: (i * 7) % 100, actualFinish: null },
  ][i % 5]!;
  return monthlyTask({
    due,
    planDepartment: DEPARTMENTS[i % DEPARTMENTS.length]!,
    title: `任务 ${i}`,
    owner: OWNERS[i % OWNERS.length]!,
    weight: 1 + (i % 3),
    ...state,
  });
}

/** What the owners did to task i: finished it, cancelled it (an approved adjustment), postponed it within its month, or reopened it. */
function changedTask(i: number): ItemDoc {
  const t = seededTask(i);
  const change = [
    { status: "done", percent: 100, actualFinish: t.due },
    { status: "cancelled", actualFinish: null },
    { due: `${t.period}-28`, status: "in_progress", percent: 40, actualFinish: null },
    { status: "in_progress", percent: 61, actualFinish: null },
  ][Math.floor(i / 7) % 4]!;
  return { ...t, ...change };
}

/** The stack's Firestore, at the address its guide prints (the client is closed when the test ends). */
function firestoreOf(s: Started): Firestore {
  const printed = /FIRESTORE_EMULATOR_HOST=(\S+)\s+project (\S+)/.exec(s.output());
  if (!printed) throw new Error(`the guide names no Firestore:\n${s.output()}`);
  const db = new Firestore({ host: printed[1]!, projectId: printed[2]!, ssl: false });
  onTestFinished(() => db.terminate());
  return db;
}

/** Writes items as the plan workflow leaves them, updatedAt now (500 a batch, four batches at a time). */
async function writeItems(db: Firestore, indexes: readonly number[], docOf: (i: number) => ItemDoc): Promise<void> {
  const updatedAt = new Date().toISOString();
  const chunks: number[][] = [];
  for (let k = 0; k < indexes.length; k += 500) chunks.push(indexes.slice(k, k + 500));
  for (let k = 0; k < chunks.length; k += 4) {
    await Promise.all(
      chunks.slice(k, k + 4).map((chunk) => {
        const batch = db.batch();
        for (const i of chunk) batch.set(db.collection(ITEMS).doc(taskId(i)), { ...docOf(i), updatedAt });
        return batch.commit();
      }),
    );
  }
}

const readState = async (db: Firestore) => (await stateRef(db).get()).data() as RollupState | undefined;

/** Polls Firestore until `probe` gives a value: the test waits on state, never for a fixed time. */
async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const generationReached = (db: Firestore, generation: number) =>
  until(`roll-up generation ${generation}`, async () => {
    const state = await readState(db);
    return state && state.generation >= generation ? state : undefined;
  });

const inputOf = (v: { period: string; department?: string | undefined }): Record<string, string> => ({
  period: v.period,
  ...(v.department ? { department: v.department } : {}),
});

/** HR's views over HTTP from the running stack. */
const viewsOf = (s: Started) => Promise.all(VIEWS.map((v) => client(s).call("rollupView", HR, inputOf(v))));

async function viewsOfKept(kept: Stack): Promise<RollupView[]> {
  return Promise.all(
    VIEWS.map(async (v) => {
      const r = await call(kept, HR, "rollupView", inputOf(v));
      expect(r.status, JSON.stringify(r.error)).toBe(200);
      return r.body;
    }),
  );
}

/** The summary row HR's view must show, computed from the tasks as written (the rate's one definition: tally, rateRow). */
function expectedSummary(tasks: readonly ItemDoc[], view: RollupView) {
  const p = parsePeriod(view.period);
  const months = new Set(monthsOf(p).map((m) => m.id));
  const counted = tasks.filter((t) => months.has(t.due!.slice(0, 7)) && (view.department === null || t.planDepartment === view.department));
  const facts = counted.map((t) => ({ due: t.due!, status: t.status!, actualFinish: t.actualFinish, weight: t.weight }));
  return rateRow(view.department ?? "company", view.department ?? "全公司", tally(facts, p, view.asOf));
}

/** Each view's figures are the tasks' as written: the summary recomputed here, the tables as the live full scan (completionRates) gives them. */
async function expectFiguresOf(views: readonly RollupView[], tasks: readonly ItemDoc[], rates: (period: string, asOf: string) => Promise<unknown>) {
  for (const view of views) {
    expect(view.summary, `${view.period} ${view.department ?? ""}`).toEqual(expectedSummary(tasks, view));
    if (view.department !== null) continue;
    const { people, groups, departments, items } = view;
    expect({ period: view.period, asOf: view.asOf, people, groups, departments, items }).toEqual(await rates(view.period, view.asOf));
  }
}

describe("the roll-up under kill -9 of the whole local stack", () => {
  it("when the stack is killed while a run writes its parts, then after a restart the last complete view is served unchanged, the next run completes the work and the dead run's parts are deleted", async () => {
    const dataDir = newDataDir();
    const all = Array.from({ length: TASKS }, (_, i) => i);
    const seeded = all.map(seededTask);
    const changed = all.map((i) => (isChanged(i) ? changedTask(i) : seededTask(i)));

    // A first start: its start-up run done, 20,000 tasks written, a run that counts them all.
    const first = await start(dataDir, { ownProcessGroup: true });
    const db = firestoreOf(first);
    await generationReached(db, 1);
    await writeItems(db, all, seededTask);
    const complete = await client(first).call("runRollup", MANAGER);
    expect(complete).toMatchObject({ status: "done", changedRecords: TASKS });
    const before = await viewsOf(first);
    await expectFiguresOf(before, seeded, (period, asOf) => client(first).call("completionRates", HR, { period, asOf }));
    expect(before.map((v) => v.generation)).toEqual(VIEWS.map(() => complete.generation));

    // A batch of tasks changes; a run starts and is killed once its first new parts are written, before its flip.
    await writeItems(db, all.filter(isChanged), changedTask);
    const killedRun = client(first)
      .call("runRollup", MANAGER)
      .then(
        () => "answered",
        () => "cut off",
      );
    const dead = await until("the run to write its first parts", async () => {
      const [state, pending] = await Promise.all([readState(db), db.collection(ROLLUP_PENDING).get()]);
      expect(state?.generation, "the run flipped before it could be killed").toBe(complete.generation);
      const run = pending.docs.find((d) => d.id.startsWith(`${complete.generation + 1}-`) && !d.id.endsWith("-garbage"));
      if (!run) return undefined;
      const docs = (run.data() as { docs: string[] }).docs;
      // Parts go out in rounds of 32 (4 batches of 8): the first round shows the writing has begun.
      const firstRound = await db.getAll(...docs.slice(0, 32).map((id) => db.collection(ROLLUP_PARTS).doc(id)));
      return firstRound.some((snap) => snap.exists) ? { version: run.id, docs } : undefined;
    });
    await killStack(first);
    expect(await killedRun).toBe("cut off");
    // The functions' process died with it: its port can be taken again.
    await occupyWhenFree(first.ports.PORT);

    // What the folder holds after the kill, served by the functions alone (no start-up run): the last complete view, unchanged.
    const kept = await openDataDir(dataDir);
    try {
      const held = await kept.db.getAll(...dead.docs.map((id) => kept.db.collection(ROLLUP_PARTS).doc(id)));
      expect(held.filter((snap) => snap.exists).length, "parts the killed run wrote").toBeGreaterThan(0);
      expect((await readState(kept.db))?.generation).toBe(complete.generation);
      expect(await viewsOfKept(kept)).toEqual(before);
    } finally {
      await kept.stop();
    }

    // Started again: its start-up run and one more complete the work; the views are the changed tasks'.
    const second = await start(dataDir, { ownProcessGroup: true });
    const db2 = firestoreOf(second);
    await generationReached(db2, complete.generation + 1);
    const next = await client(second).call("runRollup", MANAGER);
    expect(next.status).toBe("done");
    const after = await viewsOf(second);
    expect(after.map((v) => v.generation)).toEqual(VIEWS.map(() => next.generation));
    await expectFiguresOf(after, changed, (period, asOf) => client(second).call("completionRates", HR, { period, asOf }));
    for (const [i, view] of after.entries()) expect(view.summary, view.period).not.toEqual(before[i]!.summary);

    // A few runs later the dead run's parts and its record are gone: what is stored is what the state names, and the generation kept for readers.
    let latest = next.generation;
    while (latest < complete.generation + 3) latest = (await client(second).call("runRollup", MANAGER)).generation;
    const stored = (await db2.collection(ROLLUP_PARTS).select().get()).docs.map((d) => d.id);
    expect(stored.filter((id) => id.includes(`@${dead.version}.`))).toEqual([]);
    expect((await db2.collection(ROLLUP_PENDING).doc(dead.version).get()).exists).toBe(false);
    const state = (await readState(db2))!;
    const named = Object.entries(state.parts).flatMap(([key, pv]) => partDocIds(key, pv));
    expect(stored.sort()).toEqual([...named, ...state.retired].sort());
  }, 180_000);

  it("when the stack is killed right after a run answered, then after a restart the view is that run's: nothing acknowledged is lost", async () => {
    const dataDir = newDataDir();
    const some = Array.from({ length: 600 }, (_, i) => i);
    const s = await start(dataDir, { ownProcessGroup: true });
    const db = firestoreOf(s);
    await generationReached(db, 1);
    await writeItems(db, some, seededTask);
    const answered = await client(s).call("runRollup", MANAGER);
    await killStack(s);
    expect(answered.status).toBe("done");

    const kept = await openDataDir(dataDir);
    try {
      expect((await readState(kept.db))?.generation).toBe(answered.generation);
      expect((await kept.db.collection(ROLLUP_RUNS).doc(answered.runFor).get()).data()).toMatchObject({ generation: answered.generation });
      const views = await viewsOfKept(kept);
      expect(views.map((v) => v.generation)).toEqual(VIEWS.map(() => answered.generation));
      await expectFiguresOf(views, some.map(seededTask), async (period, asOf) => (await call(kept, HR, "completionRates", { period, asOf })).body);
    } finally {
      await kept.stop();
    }
  }, 120_000);
});
