import type { ResourcePath } from "./paths.js";
import type { Database, DocumentState } from "./store.js";
import type { Micros } from "./time.js";
import type { Write, WriteResult } from "./types.js";
import { applyWrite, writeTarget } from "./writes.js";

/**
 * Applies writes all-or-nothing: every write is evaluated against the state left by the ones before
 * it, and the database changes only if all of them succeed. Runs synchronously, so no other request
 * can interleave.
 */
export function commitWrites(database: Database, writes: readonly Write[], commitTime: Micros): WriteResult[] {
  const pending = new Map<string, { path: ResourcePath; after: DocumentState | null; changed: boolean }>();
  const results = writes.map((write) => {
    const { name, path } = writeTarget(write, database.name);
    const staged = pending.get(name);
    const current = staged ? staged.after : database.get(path, commitTime);
    const applied = applyWrite(write, name, current, commitTime);
    pending.set(name, { path, after: applied.after, changed: (staged?.changed ?? false) || applied.changed });
    return applied.result;
  });
  database.apply(
    [...pending.values()].filter((p) => p.changed),
    commitTime,
  );
  return results;
}
