import type { RollupView } from "@planops/shared/api";
import { describe, expect, it } from "vitest";
import { demoEmail } from "../../local/demo-org.js";
import { ITEMS, type ItemDoc } from "../../src/plans/store.js";
import { planItemsSource, ROLLUP_SOURCES } from "../../src/rollups/plan-items-source.js";
import { CountingReader } from "../../src/rollups/reads.js";
import { runRollup } from "../../src/rollups/run-rollup.js";
import { collectionSource } from "../../src/rollups/source.js";
import { entriesOf, partDocIds, ROLLUP_PARTS, ROLLUP_PENDING, type RollupState, readConsistent, readState } from "../../src/rollups/state.js";
import { useStack } from "../support/stack.js";
import { figures, monthlyTask, removeItems, rollupDeps, viewAs } from "./rollup-harness.js";

const stack = useStack();

const OWNERS = ["李明", "陈静", "杨强", "黄敏", "周杰", "马晓明"].map((n) => ({ email: demoEmail(n), name: n }));
const DEPARTMENTS = ["计划运营部", "销售部", "人力资源部"];
const MONTHS = ["2027-01", "2027-02", "2027-03", "2027-04"];
const VIEWERS = [demoEmail("孙丽"), demoEmail("张伟"), demoEmail("郑浩"), demoEmail("杨强")];
const PERIODS = [...MONTHS, "2027-Q1", "2027"];

/** A small deterministic generator, so a failing sequence can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  return { next, pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!, int: (n: number) => Math.floor(next() * n) };
}

/**
 * One clock for the records' updatedAt and the runs: each run is 7 minutes after the
 * previous step, so a run's overlap (5 minutes) does not reach back to the changes the
 * run before it already read, and incremental runs read only what changed since.
 */
let clock = Date.parse("2027-05-01T01:00:00Z");
const stamp = () => new Date(clock).toISOString();
/** Each run its own moment (a duplicate moment would be the same run). */
const nextMoment = () => new Date((clock += 7 * 60_000));
const deps = () => rollupDeps(stack, () => new Date(clock));
const run = (opts: Parameters<typeof runRollup>[3] = {}, moment = nextMoment()) => runRollup(deps(), moment, ROLLUP_SOURCES, opts);

async function views(): Promise<Record<string, Omit<RollupView, "generation" | "computedAt">>> {
  const out: Record<string, Omit<RollupView, "generation" | "computedAt">> = {};
  for (const who of VIEWERS) for (const p of PERIODS) out[`${who} ${p}`] = figures(await viewAs(stack, who, p));
  out.department = figures(await viewAs(stack, demoEmail("孙丽"), "2027-Q1", "销售部"));
  return out;
}

const quarterly = (id: string, department: string, over: Partial<ItemDoc> = {}): [string, ItemDoc] => [
  id,
  {
    ...monthlyTask({ due: "2027-03-20", planDepartment: department }),
    planId: `quarterly_2027-Q1_${department}`,
    kind: "quarterly-plan",
    period: "2027-Q1",
    status: null,
    percent: null,
    ...over,
  },
];

/** Writes an item as our code does: updatedAt is now. */
async function write(id: string, doc: ItemDoc) {
  await stack.db
    .collection(ITEMS)
    .doc(id)
    .set({ ...doc, updatedAt: stamp() });
}

describe("the incremental roll-up equals a full recompute", () => {
  it("when random changes (moves across months and departments, removals by a new revision, status changes, approvals and returns) follow each other, then after each round the incremental run's view equals a full recompute's", async () => {
    const rnd = random(20270501);
    const live = new Map<string, ItemDoc>();
    const qs = DEPARTMENTS.flatMap((d, i) => [quarterly(`Q-${i}-a`, d, { weight: 2 }), quarterly(`Q-${i}-b`, d)]);
    for (const [id, doc] of qs) await write(id, doc);
    let seq = 0;
    const newTask = () => {
      const department = rnd.pick(DEPARTMENTS);
      const due = `${rnd.pick(MONTHS)}-${String(1 + rnd.int(28)).padStart(2, "0")}`;
      const q = rnd.pick(qs.filter(([, d]) => d.planDepartment === department));
      return [
        `T-${++seq}`,
        monthlyTask({ due, planDepartment: department, owner: rnd.pick(OWNERS), weight: 1 + rnd.int(3), parentItem: q[0], title: `任务 ${seq}` }),
      ] as const;
    };
    for (let i = 0; i < 60; i++) {
      const [id, doc] = newTask();
      live.set(id, doc);
      await write(id, doc);
    }
    expect((await run()).status).toBe("done");

    for (let round = 0; round < 6; round++) {
      clock += 20 * 60_000;
      const now = stamp;
      for (let change = 0; change < 12; change++) {
        const ids = [...live.keys()];
        const id = rnd.pick(ids);
        const doc = live.get(id)!;
        const what = rnd.int(7);
        if (what === 0) {
          // removed by a new revision: the item and its tombstone together
          live.delete(id);
          await removeItems(stack, [id], now());
          continue;
        }
        let next: ItemDoc;
        if (what === 1) next = { ...doc, due: `${rnd.pick(MONTHS)}-${doc.due!.slice(8)}` };
        else if (what === 2) next = { ...doc, planDepartment: rnd.pick(DEPARTMENTS) };
        else if (what === 3) next = { ...doc, status: "done", percent: 100, actualFinish: `${rnd.pick(MONTHS)}-${String(1 + rnd.int(28)).padStart(2, "0")}` };
        else if (what === 4) next = { ...doc, status: rnd.pick(["in_progress", "blocked", "cancelled"]), percent: rnd.int(100), actualFinish: null };
        else if (what === 5) next = { ...doc, planStatus: doc.planStatus === "approved" ? "pending_approval" : "approved" };
        else {
          const [nid, ndoc] = newTask();
          live.set(nid, ndoc);
          await write(nid, ndoc);
          continue;
        }
        live.set(id, next);
        await write(id, next);
      }
      const q = rnd.pick(qs);
      await write(q[0], { ...q[1], percent: rnd.int(100), weight: 1 + rnd.int(3) });

      const incremental = await run();
      expect(incremental.status).toBe("done");
      const afterIncremental = await views();
      const full = await run({ full: true });
      // the full recompute reads every item; the incremental run only the round's changes
      expect(full.changedRecords).toBe((await stack.db.collection(ITEMS).count().get()).data().count);
      expect(incremental.changedRecords).toBeLessThan(full.changedRecords / 2);
      expect(afterIncremental, `round ${round}`).toEqual(await views());
    }
  });

  it("when nothing changed since the last run, then a run reads no record and keeps every part as it was", async () => {
    await run();
    const before = await readState(new CountingReader(stack.db));
    const again = await run();
    expect(again).toMatchObject({ status: "done", changedRecords: 0 });
    const after = await readState(new CountingReader(stack.db));
    expect(after.generation).toBe(before.generation + 1);
    expect(after.parts).toEqual(before.parts);
  });
});

describe("a run is never half-applied, and a moment runs once", () => {
  it("when the same moment is triggered again, then nothing is done", async () => {
    const moment = nextMoment();
    const first = await run({}, moment);
    expect(first.status).toBe("done");
    const second = await run({}, moment);
    expect(second).toMatchObject({ status: "already-done", generation: first.generation, changedRecords: 0, runFor: moment.toISOString() });
    expect((await readState(new CountingReader(stack.db))).generation).toBe(first.generation);
  });

  it("when five runs for one moment start at once, then exactly one flips and the others say already-done", async () => {
    await write("T-concurrent", monthlyTask({ due: "2027-02-14", planDepartment: "计划运营部", owner: OWNERS[0]! }));
    const before = (await readState(new CountingReader(stack.db))).generation;
    const moment = nextMoment();
    const results = await Promise.all(Array.from({ length: 5 }, () => run({}, moment)));
    expect(results.map((r) => r.status).sort()).toEqual(["already-done", "already-done", "already-done", "already-done", "done"]);
    expect(new Set(results.map((r) => r.generation))).toEqual(new Set([before + 1]));
    expect((await readState(new CountingReader(stack.db))).generation).toBe(before + 1);
    // the losers removed what they had written
    expect((await stack.db.collection(ROLLUP_PENDING).get()).size).toBe(0);
  });

  it("when a run dies between writing its parts and flipping, then the previous view stays readable and unchanged, and the next run completes the work", async () => {
    await run();
    const before = await views();
    const generation = (await readState(new CountingReader(stack.db))).generation;
    await write("T-crash", monthlyTask({ due: "2027-01-05", planDepartment: "销售部", owner: OWNERS[5]! }));

    await expect(
      run({
        beforeFlip: async () => {
          throw new Error("killed before the flip");
        },
      }),
    ).rejects.toThrow("killed before the flip");
    expect(await views()).toEqual(before);
    expect((await readState(new CountingReader(stack.db))).generation).toBe(generation);
    const [dead] = (await stack.db.collection(ROLLUP_PENDING).get()).docs.map((d) => d.id);
    expect(dead).toBeDefined();

    const next = await run();
    expect(next).toMatchObject({ status: "done", generation: generation + 1 });
    const after = await viewAs(stack, demoEmail("孙丽"), "2027-01");
    expect(after.people.find((p) => p.key === OWNERS[5]!.email)?.inScope).toBe(
      (before[`${demoEmail("孙丽")} 2027-01`]!.people.find((p) => p.key === OWNERS[5]!.email)?.inScope ?? 0) + 1,
    );

    // The dead run's documents are deleted a few flips later; the live ones and the one generation kept for readers stay.
    for (let i = 0; i < 3; i++) await run();
    const docs = (await stack.db.collection(ROLLUP_PARTS).select().get()).docs.map((d) => d.id);
    expect(docs.filter((id) => id.includes(`@${dead}.`))).toEqual([]);
    const state = (await stack.db.collection("rollupState").doc("current").get()).data() as RollupState;
    const named = Object.entries(state.parts).flatMap(([key, pv]) => partDocIds(key, pv));
    expect(docs.sort()).toEqual([...named, ...state.retired].sort());
  });

  it("when views are read while a run flips, then each is the old generation's or the new one's, never a mix", async () => {
    await run();
    const old = await viewAs(stack, demoEmail("孙丽"), "2027-Q1");
    const rnd = random(7);
    for (let i = 0; i < 15; i++) {
      const doc = monthlyTask({ due: `2027-0${1 + rnd.int(3)}-1${rnd.int(9)}`, planDepartment: rnd.pick(DEPARTMENTS), owner: rnd.pick(OWNERS) });
      await write(`T-race-${i}`, { ...doc, status: "done", actualFinish: doc.due });
    }
    // One read inside the run, after its parts are written and before the flip: the old generation.
    let during: RollupView | undefined;
    const running = run({ beforeFlip: async () => void (during = await viewAs(stack, demoEmail("孙丽"), "2027-Q1")) });
    const seen: RollupView[] = [];
    let done = false;
    void running.finally(() => (done = true));
    while (!done) seen.push(await viewAs(stack, demoEmail("孙丽"), "2027-Q1"));
    const result = await running;
    const fresh = await viewAs(stack, demoEmail("孙丽"), "2027-Q1");
    expect(figures(during!)).toEqual(figures(old));
    expect(fresh.generation).toBe(result.generation);
    expect(fresh.summary.inScope).toBeGreaterThan(old.summary.inScope);
    for (const v of seen) expect(figures(v)).toEqual(figures(v.generation === old.generation ? old : fresh));
  });
});

describe("sources", () => {
  it("when a second source is registered, then its records are rolled up beside the tasks, incrementally, without touching the engine", async () => {
    const ISSUES = "rollupTestIssues";
    // A tiny issue ledger: open issues counted per department.
    const issues = collectionSource({
      id: "issues",
      collection: ISSUES,
      updatedField: "updatedAt",
      place: (_id, d) => (d.state === "open" ? { partition: `issues~${d.department}`, fact: { s: d.severity } } : null),
    });
    const at = stamp;
    await stack.db.collection(ISSUES).doc("I-1").set({ department: "销售部", state: "open", severity: "high", updatedAt: at() });
    await stack.db.collection(ISSUES).doc("I-2").set({ department: "销售部", state: "open", severity: "low", updatedAt: at() });
    await stack.db.collection(ISSUES).doc("I-3").set({ department: "计划运营部", state: "closed", severity: "low", updatedAt: at() });
    const sources = [planItemsSource, issues];
    const openIssues = async () => {
      const { parts } = await readConsistent(new CountingReader(stack.db), (s) => Object.keys(s.parts).filter((k) => k.startsWith("issues~")));
      return Object.fromEntries([...parts].map(([k, facts]) => [k, Object.fromEntries([...entriesOf(facts)].map(([id, json]) => [id, JSON.parse(json)]))]));
    };

    const first = await runRollup(deps(), nextMoment(), sources);
    expect(first.status).toBe("done");
    expect(await openIssues()).toEqual({ "issues~销售部": { "I-1": { s: "high" }, "I-2": { s: "low" } } });

    // moved to another department, one closed, one reopened
    await stack.db.collection(ISSUES).doc("I-1").update({ department: "计划运营部", updatedAt: at() });
    await stack.db.collection(ISSUES).doc("I-2").update({ state: "closed", updatedAt: at() });
    await stack.db.collection(ISSUES).doc("I-3").update({ state: "open", updatedAt: at() });
    const second = await runRollup(deps(), nextMoment(), sources);
    expect(second.changedRecords).toBe(3);
    expect(await openIssues()).toEqual({ "issues~计划运营部": { "I-1": { s: "high" }, "I-3": { s: "low" } } });
    // the tasks' figures are still there
    expect((await viewAs(stack, demoEmail("孙丽"), "2027")).summary.inScope).toBeGreaterThan(0);
  });

  it("when a partition outgrows ~700 KB, then it is stored in numbered pieces and read back whole", async () => {
    const NOTES = "rollupTestNotes";
    const notes = collectionSource({
      id: "notes",
      collection: NOTES,
      updatedField: "updatedAt",
      place: (_id, d) => ({ partition: "notes~all", fact: { x: d.text } }),
    });
    const text = "计划完成率".repeat(40); // 200 characters, up to 600 bytes
    for (let b = 0; b < 3; b++) {
      const batch = stack.db.batch();
      for (let i = b * 500; i < (b + 1) * 500; i++) batch.set(stack.db.collection(NOTES).doc(`N-${i}`), { text: `${i} ${text}`, updatedAt: stamp() });
      await batch.commit();
    }
    const sources = [planItemsSource, notes];
    const read = async () => {
      const { state, parts } = await readConsistent(new CountingReader(stack.db), () => ["notes~all"]);
      return { pieces: state.parts["notes~all"]?.n, facts: new Map(entriesOf(parts.get("notes~all")!)) };
    };
    expect((await runRollup(deps(), nextMoment(), sources)).status).toBe("done");
    const first = await read();
    expect(first.pieces).toBeGreaterThan(1);
    expect(first.facts.size).toBe(1500);
    expect(JSON.parse(first.facts.get("N-1499")!)).toEqual({ x: `1499 ${text}` });

    await stack.db.collection(NOTES).doc("N-7").update({ text: "改了", updatedAt: stamp() });
    const second = await runRollup(deps(), nextMoment(), sources);
    expect(second.changedRecords).toBe(1);
    const after = await read();
    expect(after.facts.size).toBe(1500);
    expect(JSON.parse(after.facts.get("N-7")!)).toEqual({ x: "改了" });
  });
});
