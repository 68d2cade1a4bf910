import { deflateRawSync, inflateRawSync } from "node:zlib";
import type { DocumentReference, Firestore } from "@google-cloud/firestore";
import type { CountingReader } from "./reads.js";

/**
 * Where the roll-up keeps its results. Partitions and index shards are "parts": record
 * id → fact (in an index shard, → partition key). A run never changes a part in place:
 * it writes the parts it changed under new document ids and then flips
 * `rollupState/current`, which names the version of every live part. Readers read the
 * state, then exactly the versions it names.
 */
export const ROLLUP_STATE = "rollupState";
export const ROLLUP_PARTS = "rollupParts";
/** One document per finished moment: a duplicate trigger for it does nothing. */
export const ROLLUP_RUNS = "rollupRuns";
/** A run's part documents, listed before it writes them: a run that dies before its flip leaves them to a later run to delete. */
export const ROLLUP_PENDING = "rollupPending";

/**
 * A part's facts as stored: JSON-quoted record id → its line (`"<id>"<tab><fact JSON>`).
 * The engine moves lines without parsing them; a view reads them with `entriesOf`.
 */
export type Facts = Map<string, string>;

/**
 * A part document: its lines, deflated, in one bytes field. Stored as a map, every
 * field of every fact would be an index entry (thousands per document; Firestore
 * allows 40,000) and be decoded on every read; as lines, a run reads and rewrites a
 * part without parsing a single fact.
 */
export interface PartDoc {
  facts: Buffer;
}

export const factKey = (id: string) => JSON.stringify(id);
// JSON escapes tabs and newlines inside the id and the fact, so they separate fields and lines safely.
export const factLine = (id: string, fact: unknown) => `${factKey(id)}\t${JSON.stringify(fact)}`;

/** One record's fact (JSON), if the part holds it. */
export function factOf(facts: Facts, id: string): string | undefined {
  const key = factKey(id);
  return facts.get(key)?.slice(key.length + 1);
}

/** Record id and fact (JSON) of every line. */
export function* entriesOf(facts: Facts): Generator<[string, string]> {
  for (const [key, line] of facts) yield [JSON.parse(key) as string, line.slice(key.length + 1)];
}

/** A live part: the version (`<generation>-<run token>`) and how many pieces its facts are split into. */
export interface PartVersion {
  v: string;
  n: number;
}

export interface RollupState {
  generation: number;
  /** Records changed after this instant (less the overlap) are read by the next run; null: never ran. */
  watermark: string | null;
  /** The run's date in the department's time zone: figures are as of this day. */
  asOf: string | null;
  computedAt: string | null;
  /** The moment the last run was for. */
  moment: string | null;
  parts: Record<string, PartVersion>;
  /** Documents the last flip superseded: kept one generation for readers in flight, deleted at the next flip. */
  retired: string[];
}

export const EMPTY_STATE: RollupState = { generation: 0, watermark: null, asOf: null, computedAt: null, moment: null, parts: {}, retired: [] };

export const stateRef = (db: Firestore) => db.collection(ROLLUP_STATE).doc("current");

/** The document ids of one part version: `<key>@<version>.<piece>` (the key encoded: a department name may hold "/"). */
export const partDocIds = (key: string, p: PartVersion) => Array.from({ length: p.n }, (_, i) => `${encodeURIComponent(key)}@${p.v}.${i}`);

/** A line's UTF-8 bytes are at most 3 per UTF-16 unit: a piece stays far below Firestore's 1 MiB per document even before deflating. */
const MAX_PIECE_BYTES = 700_000;

// The fastest level: parts are rewritten every run; a few more bytes cost less than the time.
const encode = (lines: readonly string[]): PartDoc => ({ facts: deflateRawSync(lines.join("\n"), { level: 1 }) });

function decodeInto(doc: PartDoc, facts: Facts): void {
  for (const line of inflateRawSync(doc.facts).toString("utf8").split("\n")) {
    const tab = line.indexOf("\t");
    if (tab > 0) facts.set(line.slice(0, tab), line);
  }
}

/** Facts as part documents: one, or pieces of at most ~700 KB each when a part grows that large. */
export function encodePieces(facts: Facts): PartDoc[] {
  const pieces: string[][] = [[]];
  let size = 0;
  for (const line of facts.values()) {
    const bytes = line.length * 3 + 1;
    if (size + bytes > MAX_PIECE_BYTES && size > 0) {
      pieces.push([]);
      size = 0;
    }
    pieces[pieces.length - 1]!.push(line);
    size += bytes;
  }
  return pieces.map(encode);
}

export async function readState(reader: CountingReader): Promise<RollupState> {
  const snap = await reader.get(stateRef(reader.db));
  return snap.exists ? (snap.data() as RollupState) : EMPTY_STATE;
}

/** The facts of the named parts as `state` names them; undefined when a document is gone (the state was superseded twice meanwhile). */
export async function readParts(reader: CountingReader, state: RollupState, keys: readonly string[]): Promise<Map<string, Facts> | undefined> {
  const wanted = keys.filter((k) => state.parts[k] !== undefined);
  const refs: { key: string; ref: DocumentReference }[] = wanted.flatMap((key) =>
    partDocIds(key, state.parts[key]!).map((id) => ({ key, ref: reader.db.collection(ROLLUP_PARTS).doc(id) })),
  );
  const snaps = await reader.getAll(refs.map((r) => r.ref));
  const out = new Map<string, Facts>();
  for (let i = 0; i < snaps.length; i++) {
    const snap = snaps[i]!;
    if (!snap.exists) return undefined;
    const key = refs[i]!.key;
    const facts = out.get(key) ?? new Map<string, string>();
    decodeInto(snap.data() as PartDoc, facts);
    out.set(key, facts);
  }
  return out;
}

/**
 * A consistent read: the state, then the parts it names. Should a document be gone
 * (two runs flipped since the state was read), the state is read again: the figures
 * come from one generation, never a mix.
 */
export async function readConsistent(
  reader: CountingReader,
  keysOf: (state: RollupState) => readonly string[],
): Promise<{ state: RollupState; parts: Map<string, Facts> }> {
  for (let attempt = 0; ; attempt++) {
    const state = await readState(reader);
    const parts = await readParts(reader, state, keysOf(state));
    if (parts) return { state, parts };
    if (attempt === 4) throw new Error("roll-up parts kept disappearing while being read");
  }
}
