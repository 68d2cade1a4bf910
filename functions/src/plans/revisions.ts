import type { Firestore, Transaction } from "@google-cloud/firestore";
import type { ItemView } from "@planops/shared/api";
import { type Person, planRef } from "./store.js";

/** Keeps each chunk well under Firestore's 1 MiB document limit, whatever the templates allow in a cell. */
const CHUNK_BYTES = 400_000;

export interface RevisionDoc {
  revision: number;
  contentHash: string;
  submittedBy: Person;
  submittedAt: string;
  itemCount: number;
  chunks: number;
}

const revisionRef = (db: Firestore, planId: string, revision: number) => planRef(db, planId).collection("revisions").doc(String(revision));

function chunked(items: readonly ItemView[]): ItemView[][] {
  const chunks: ItemView[][] = [[]];
  let size = 0;
  for (const item of items) {
    const bytes = Buffer.byteLength(JSON.stringify(item));
    if (size + bytes > CHUNK_BYTES && chunks[chunks.length - 1]!.length > 0) {
      chunks.push([]);
      size = 0;
    }
    chunks[chunks.length - 1]!.push(item);
    size += bytes;
  }
  return chunks;
}

/**
 * Stores a submitted revision whole, in the submission's transaction. `create`
 * refuses to overwrite: a revision, once written, never changes, so what was
 * approved can always be read back as it was.
 */
export function writeRevision(
  tx: Transaction,
  db: Firestore,
  planId: string,
  meta: Omit<RevisionDoc, "chunks" | "itemCount">,
  items: readonly ItemView[],
): void {
  const ref = revisionRef(db, planId, meta.revision);
  const chunks = chunked(items);
  tx.create(ref, { ...meta, itemCount: items.length, chunks: chunks.length } satisfies RevisionDoc);
  chunks.forEach((chunk, i) => tx.create(ref.collection("chunks").doc(String(i)), { items: chunk }));
}

/** A stored revision's items, or undefined if there is no such revision. */
export async function readRevision(db: Firestore, planId: string, revision: number): Promise<{ meta: RevisionDoc; items: ItemView[] } | undefined> {
  const ref = revisionRef(db, planId, revision);
  const [meta, chunks] = await Promise.all([ref.get(), ref.collection("chunks").get()]);
  if (!meta.exists) return undefined;
  const ordered = chunks.docs.sort((a, b) => Number(a.id) - Number(b.id));
  return { meta: meta.data() as RevisionDoc, items: ordered.flatMap((d) => (d.data() as { items: ItemView[] }).items) };
}
