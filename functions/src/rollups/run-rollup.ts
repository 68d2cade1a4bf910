/**
 * The roll-up run (汇总): reads only what changed since the previous run, moves each
 * changed record's fact into its partition (out of its old one, found through the
 * index shards), writes the changed parts under new document ids and flips the one
 * state document. A partition holds facts, never running sums, so applying a change
 * twice, or re-reading an unchanged record, changes nothing. The full recompute is
 * the same code from an empty state.
 */
import { randomBytes } from "node:crypto";
import type { RunRollupResponse } from "@planops/shared/api";
import { type Deps, today } from "../platform/context.js";
import { CountingReader } from "./reads.js";
import type { RollupSource } from "./source.js";
import {
  EMPTY_STATE,
  type Facts,
  factKey,
  factLine,
  factOf,
  encodePieces,
  type PartDoc,
  type PartVersion,
  partDocIds,
  ROLLUP_PARTS,
  ROLLUP_PENDING,
  ROLLUP_RUNS,
  type RollupState,
  readParts,
  readState,
  stateRef,
} from "./state.js";

/** A transaction may commit after a later one: records updated this long before the watermark are read again (harmless: applying is idempotent). */
export const OVERLAP_MS = 5 * 60_000;
/** Index shards per source: a handful of changes touch a handful of shards; 100,000 records make ~70 KB shards. */
export const INDEX_SHARDS = 64;
/** A finished moment is remembered past the 48 hours a scheduler's retry may come late (a TTL policy on `expireAt` removes it after). */
const KEEP_RUN_MS = 7 * 86_400_000;
/** Each loss means another run just finished: a handful covers several people asking at once. */
const MAX_ATTEMPTS = 5;
/** Part documents per commit (pieces of up to ~700 KB: under Firestore's 10 MiB per commit), and commits side by side. */
const DOCS_PER_BATCH = 8;
const PARALLEL_BATCHES = 4;

export interface RunOptions {
  /** Recompute everything from an empty state (the records all read again). */
  full?: boolean;
  /** Called after the parts are written and before the flip (tests inject a crash here). */
  beforeFlip?: () => Promise<void>;
}

const indexKey = (source: string, id: string) => {
  // FNV-1a: a stable, even spread of ids over the shards.
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return `index~${source}~${(h >>> 0) % INDEX_SHARDS}`;
};

/** rollupRuns/<moment>: the run that finished the moment (and `expireAt`, for a TTL policy). */
interface FinishedRun {
  generation: number;
  computedAt: string;
}

type Attempt = RunRollupResponse | { lost: true; documentReads: number; changedRecords: number };

/**
 * Runs the roll-up for one moment (a scheduler's schedule time, or now on demand).
 * A moment already finished answers "already-done"; of concurrent runs for one
 * moment exactly one flips. A run that lost its flip to a run for another moment
 * (several people asking at once) is done if that run began after its moment, and
 * otherwise tries again from the new state, a few times.
 */
export async function runRollup(deps: Deps, moment: Date, sources: readonly RollupSource[], opts: RunOptions = {}): Promise<RunRollupResponse> {
  let reads = 0;
  let changed = 0;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const r = await attemptRun(deps, moment, sources, opts);
    reads += r.documentReads;
    changed += r.changedRecords;
    if (!("lost" in r)) return { ...r, documentReads: reads, changedRecords: changed };
    // The run that won started after this moment, so its results hold everything this run would: people asking at once share it.
    const reader = new CountingReader(deps.db);
    const state = await readState(reader);
    reads += reader.documentReads;
    if (!opts.full && state.computedAt !== null && state.watermark !== null && state.watermark >= moment.toISOString()) {
      return {
        runFor: moment.toISOString(),
        status: "already-done",
        generation: state.generation,
        changedRecords: changed,
        documentReads: reads,
        computedAt: state.computedAt,
      };
    }
  }
  throw new Error(`roll-up for ${moment.toISOString()} lost its flip ${MAX_ATTEMPTS} times to other runs; the next trigger redoes it`);
}

async function attemptRun(deps: Deps, moment: Date, sources: readonly RollupSource[], opts: RunOptions): Promise<Attempt> {
  const { db } = deps;
  const reader = new CountingReader(db);
  const runFor = moment.toISOString();
  const runRef = db.collection(ROLLUP_RUNS).doc(runFor);
  const [runSnap, current] = await Promise.all([reader.get(runRef), readState(reader)]);
  // What the run that finished this moment recorded: the generation it flipped to and when.
  const alreadyDone = (done: FinishedRun): RunRollupResponse => ({
    runFor,
    status: "already-done",
    generation: done.generation,
    changedRecords: 0,
    documentReads: reader.documentReads,
    computedAt: done.computedAt,
  });
  if (runSnap.exists) return alreadyDone(runSnap.data() as FinishedRun);

  const base: RollupState = opts.full ? { ...EMPTY_STATE, generation: current.generation } : current;
  // The new watermark is taken before anything is read: whatever commits later is read by the next run.
  const watermark = deps.now().toISOString();
  const since = base.watermark === null ? null : new Date(new Date(base.watermark).getTime() - OVERLAP_MS).toISOString();

  // 1. What changed, per source.
  const changes = await Promise.all(sources.map(async (s) => ({ source: s.id, placed: await s.changes(reader, since) })));
  const changedRecords = changes.reduce((n, c) => n + c.placed.size, 0);

  // 2. Where each changed record was: its index shard names its old partition.
  const shardKeys = new Set(changes.flatMap((c) => [...c.placed.keys()].map((id) => indexKey(c.source, id))));
  const shards = await readParts(reader, base, [...shardKeys]);
  // A part gone means two runs flipped since this one read the state: its flip would fail, so it starts over.
  if (!shards) return { lost: true, documentReads: reader.documentReads, changedRecords };
  const oldPartition = (source: string, id: string) => {
    const shard = shards.get(indexKey(source, id));
    const json = shard && factOf(shard, id);
    return json === undefined ? undefined : (JSON.parse(json) as string);
  };

  // 3. The partitions the changes touch, old and new.
  const partitionKeys = new Set<string>();
  for (const c of changes) {
    for (const [id, p] of c.placed) {
      const old = oldPartition(c.source, id);
      if (old) partitionKeys.add(old);
      if (p.partition) partitionKeys.add(p.partition);
    }
  }
  const partitions = await readParts(reader, base, [...partitionKeys]);
  if (!partitions) return { lost: true, documentReads: reader.documentReads, changedRecords };

  // 4. Apply: take each record's fact out of its old partition and set it in its new one; a part is dirty only when a fact really changed.
  // The parts read are this run's own copies: edited in place.
  const working = new Map<string, Facts>();
  const dirty = new Set<string>();
  const edit = (from: Map<string, Facts>, key: string) => {
    let facts = working.get(key);
    if (!facts) working.set(key, (facts = from.get(key) ?? new Map<string, string>()));
    return facts;
  };
  const set = (from: Map<string, Facts>, key: string, id: string, value: unknown) => {
    const facts = edit(from, key);
    const line = factLine(id, value);
    if (facts.get(factKey(id)) === line) return;
    facts.set(factKey(id), line);
    dirty.add(key);
  };
  const remove = (from: Map<string, Facts>, key: string, id: string) => {
    if (edit(from, key).delete(factKey(id))) dirty.add(key);
  };
  for (const c of changes) {
    for (const [id, p] of c.placed) {
      const old = oldPartition(c.source, id);
      if (old && old !== p.partition) remove(partitions, old, id);
      if (p.partition) set(partitions, p.partition, id, p.fact);
      if (p.partition) set(shards, indexKey(c.source, id), id, p.partition);
      else remove(shards, indexKey(c.source, id), id);
    }
  }

  // 5. Only parts whose facts changed get a new version.
  const generation = current.generation + 1;
  const version = `${generation}-${randomBytes(4).toString("hex")}`;
  const parts: Record<string, PartVersion> = { ...base.parts };
  const writes: { id: string; doc: PartDoc }[] = [];
  for (const key of dirty) {
    const facts = working.get(key)!;
    if (facts.size === 0) {
      delete parts[key];
      continue;
    }
    const pieces = encodePieces(facts);
    const pv = { v: version, n: pieces.length };
    parts[key] = pv;
    partDocIds(key, pv).forEach((id, i) => writes.push({ id, doc: pieces[i]! }));
  }
  const retired = Object.entries(current.parts).flatMap(([key, pv]) => (parts[key]?.v === pv.v ? [] : partDocIds(key, pv)));

  // 6. Write the new versions (invisible until the flip); the pending record lets a later run delete them should this one die.
  const pendingRef = db.collection(ROLLUP_PENDING).doc(version);
  const garbageRef = db.collection(ROLLUP_PENDING).doc(`${version}-garbage`);
  const written = writes.map((w) => w.id);
  await pendingRef.set({ base: current.generation, docs: written });
  const batches: { id: string; doc: PartDoc }[][] = [];
  for (let i = 0; i < writes.length; i += DOCS_PER_BATCH) batches.push(writes.slice(i, i + DOCS_PER_BATCH));
  for (let i = 0; i < batches.length; i += PARALLEL_BATCHES) {
    await Promise.all(
      batches.slice(i, i + PARALLEL_BATCHES).map((docs) => {
        const batch = db.batch();
        for (const w of docs) batch.set(db.collection(ROLLUP_PARTS).doc(w.id), w.doc);
        return batch.commit();
      }),
    );
  }
  await opts.beforeFlip?.();

  // 7. The flip: one transaction, only if no other run flipped since this one read the state.
  const computedAt = deps.now().toISOString();
  const next: RollupState = {
    generation,
    watermark,
    asOf: today({ config: deps.config, now: () => moment }),
    computedAt,
    moment: runFor,
    parts,
    retired,
  };
  const flipped = await db.runTransaction(async (tx) => {
    const [stateSnap, ranSnap] = await Promise.all([tx.get(stateRef(db)), tx.get(runRef)]);
    const now = stateSnap.exists ? (stateSnap.data() as RollupState).generation : 0;
    if (now !== current.generation || ranSnap.exists) return false;
    tx.set(stateRef(db), next);
    const finished: FinishedRun = { generation, computedAt };
    tx.create(runRef, { ...finished, expireAt: new Date(moment.getTime() + KEEP_RUN_MS) });
    tx.delete(pendingRef);
    // What this flip makes garbage is listed like a pending run's, so a crash before it is deleted still gets it deleted later.
    tx.set(garbageRef, { base: generation, docs: current.retired });
    return true;
  });
  reader.documentReads += 2;

  if (!flipped) {
    // Another run flipped first: this run's versions are nobody's; a duplicate for this moment is already done.
    await deleteDocs(deps, [...written, `${ROLLUP_PENDING}/${version}`]);
    const ran = await reader.get(runRef);
    if (ran.exists) return alreadyDone(ran.data() as FinishedRun);
    return { lost: true, documentReads: reader.documentReads, changedRecords };
  }
  await collectGarbage(deps, [...current.retired, `${ROLLUP_PENDING}/${garbageRef.id}`], generation);
  return { runFor, status: "done", generation, changedRecords, documentReads: reader.documentReads, computedAt };
}

/**
 * After a flip to `generation`: the documents the previous flip superseded (readers
 * of the generation before it have had a whole run to finish), and the versions of
 * runs that died or lost two generations ago.
 */
async function collectGarbage(deps: Deps, superseded: readonly string[], generation: number): Promise<void> {
  try {
    const stale = await deps.db
      .collection(ROLLUP_PENDING)
      .where("base", "<", generation - 2)
      .get();
    const orphans = stale.docs.flatMap((d) => [...(d.data() as { docs: string[] }).docs, `${ROLLUP_PENDING}/${d.id}`]);
    await deleteDocs(deps, [...superseded, ...orphans]);
  } catch (err) {
    // Garbage waits for the next flip; the results are complete either way.
    console.warn(JSON.stringify({ severity: "WARNING", message: "roll-up garbage collection failed", error: String(err) }));
  }
}

/** Deletes part documents (bare ids) or other documents (collection/id). */
async function deleteDocs(deps: Deps, ids: readonly string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 400) {
    const batch = deps.db.batch();
    for (const id of ids.slice(i, i + 400)) batch.delete(id.includes("/") ? deps.db.doc(id) : deps.db.collection(ROLLUP_PARTS).doc(id));
    await batch.commit();
  }
}
