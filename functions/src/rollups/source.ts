import type { DocumentData, Firestore } from "@google-cloud/firestore";
import type { CountingReader } from "./reads.js";

/**
 * A roll-up source: what the engine reads and how one record becomes a compact
 * fact in a partition. The engine knows nothing else about it; how facts become
 * figures is the view's business. A new capability (issue ledger, appraisal,
 * operations figures) adds a source; the engine does not change.
 */
export interface RollupSource {
  /** Stable id: names the source's index shards. */
  id: string;
  /** Every record changed since `since` (ISO; null: every record), with its partition and fact; partition null = not counted (or removed). */
  changes(reader: CountingReader, since: string | null): Promise<Map<string, Placement>>;
}

/** Where one record's fact lives now; partition null: nowhere (not counted, or removed). */
export interface Placement {
  partition: string | null;
  fact: unknown;
}

export interface CollectionSourceSpec {
  id: string;
  collection: string;
  /** The ISO-string field our code sets on every write of a record. */
  updatedField: string;
  /** Tombstones written in the transaction that deletes a record (a query on `updatedField` cannot see a deleted one). */
  removals?: { collection: string; field: string };
  /** The record's partition key and fact, or null when it is not counted. */
  place: (id: string, data: DocumentData) => Placement | null;
}

const NOWHERE: Placement = { partition: null, fact: null };

/** A source over one collection: records changed since the watermark, and its tombstones. */
export function collectionSource(spec: CollectionSourceSpec): RollupSource {
  return {
    id: spec.id,
    async changes(reader, since) {
      const db: Firestore = reader.db;
      const out = new Map<string, Placement>();
      const put = (id: string, data: DocumentData) => out.set(id, spec.place(id, data) ?? NOWHERE);
      const removed: string[] = [];
      const col = db.collection(spec.collection);
      const removals = spec.removals;
      await Promise.all([
        reader.forEach(since === null ? col : col.where(spec.updatedField, ">", since), (d) => put(d.id, d.data())),
        since !== null && removals
          ? reader.forEach(db.collection(removals.collection).where(removals.field, ">", since), (d) => removed.push(d.id))
          : undefined,
      ]);
      // A tombstone counts only when the record is really gone (its id was not seen alive).
      for (const id of removed) if (!out.has(id)) out.set(id, NOWHERE);
      return out;
    },
  };
}
