import { createHash } from "node:crypto";
import type { DocumentReference, DocumentSnapshot, Firestore, Transaction } from "@google-cloud/firestore";
import type { ItemView } from "@planops/shared/api";
import { type Person, planRef } from "./store.js";

/** Keeps each chunk well under Firestore's 1 MiB document limit, whatever the templates allow in a cell. */
const CHUNK_BYTES = 400_000;

/**
 * What one submission's commit may carry. Firestore refuses a request over 10 MiB
 * (the local server enforces the same; native-mode Firestore no longer limits the
 * number of writes in a transaction, only its size). A plan is stored about twice
 * (its live items and its revision), and stored values can be larger than the
 * request that carried them (a name resolved from an email, a title kept beside the
 * template's own column), so a request under the API's 2 MB limit can still make a
 * commit over 10 MiB. The estimate below is the JSON size of what is written, which
 * is at least its size on the wire; the margin covers document names and the
 * plan, approval and outbox documents.
 */
export const COMMIT_BUDGET_BYTES = 7 * 1024 * 1024;

/** A staging write (outside the transaction) stays within the same budget. */
const STAGING_BATCH_BYTES = COMMIT_BUDGET_BYTES;

/**
 * plans/{planId}/revisions/{revision}: one submitted revision, stored whole and never
 * changed. Its items are in content-addressed chunks, plans/{planId}/revisionChunks/{id},
 * listed in order by `chunkIds` (revisions stored before chunks were shared kept them
 * in revisions/{revision}/chunks/{0,1,…}, counted by `chunks`).
 */
export interface RevisionDoc {
  revision: number;
  contentHash: string;
  submittedBy: Person;
  submittedAt: string;
  itemCount: number;
  chunks: number;
  chunkIds?: string[];
}

interface Chunk {
  id: string;
  items: ItemView[];
  bytes: number;
}

const revisionRef = (db: Firestore, planId: string, revision: number) => planRef(db, planId).collection("revisions").doc(String(revision));
const chunkRef = (db: Firestore, planId: string, id: string) => planRef(db, planId).collection("revisionChunks").doc(id);

/** The size a document adds to a commit, estimated from its JSON (never less than its encoded size). */
export const estimatedBytes = (ref: DocumentReference, data: unknown) => Buffer.byteLength(ref.path) + Buffer.byteLength(JSON.stringify(data));

function chunked(items: readonly ItemView[]): Chunk[] {
  const groups: { items: ItemView[]; bytes: number }[] = [{ items: [], bytes: 0 }];
  for (const item of items) {
    const bytes = Buffer.byteLength(JSON.stringify(item));
    let last = groups[groups.length - 1]!;
    if (last.bytes + bytes > CHUNK_BYTES && last.items.length > 0) {
      last = { items: [], bytes: 0 };
      groups.push(last);
    }
    last.items.push(item);
    last.bytes += bytes;
  }
  // Content-addressed: a chunk's ID is the hash of its items, so writing it again writes the same document.
  return groups.map((g) => ({ id: createHash("sha256").update(JSON.stringify(g.items)).digest("hex").slice(0, 40), ...g }));
}

/**
 * Thrown from inside a submission's transaction when its revision's chunks do not
 * fit in the commit beside the plan's items: the caller writes them first
 * (stageRevisionChunks), outside the transaction, and runs the transaction again.
 */
export class RevisionTooLargeForCommit extends Error {
  constructor(
    readonly planId: string,
    readonly chunks: readonly Chunk[],
  ) {
    super(`revision chunks of ${planId} must be staged before the commit`);
  }
}

/** Writes chunks outside any transaction, in batches within the commit budget. Idempotent: chunks are content-addressed. */
export async function stageRevisionChunks(db: Firestore, e: RevisionTooLargeForCommit): Promise<void> {
  let batch = db.batch();
  let size = 0;
  for (const chunk of e.chunks) {
    const ref = chunkRef(db, e.planId, chunk.id);
    const bytes = estimatedBytes(ref, chunk.items);
    if (size > 0 && size + bytes > STAGING_BATCH_BYTES) {
      await batch.commit();
      batch = db.batch();
      size = 0;
    }
    batch.set(ref, { items: chunk.items });
    size += bytes;
  }
  if (size > 0) await batch.commit();
}

/**
 * Stores a submitted revision whole, in the submission's transaction. The
 * revision document is created (never overwritten): once written, a revision
 * never changes, so what was approved can always be read back as it was.
 *
 * Its chunks are read first (a transaction reads before it writes): chunks
 * already stored are not written again; the missing ones are written in the
 * transaction when they fit within the commit budget beside `otherBytes` (the
 * rest of the commit), else RevisionTooLargeForCommit asks the caller to stage
 * them and retry. Staged chunks no revision names (a submission that then failed)
 * are never read: getPlan reads only the chunks a revision lists.
 */
export async function prepareRevision(
  tx: Transaction,
  db: Firestore,
  planId: string,
  meta: Omit<RevisionDoc, "chunks" | "itemCount" | "chunkIds">,
  items: readonly ItemView[],
  otherBytes: number,
): Promise<() => void> {
  const chunks = chunked(items);
  const refs = chunks.map((c) => chunkRef(db, planId, c.id));
  const stored = refs.length > 0 ? await tx.getAll(...refs) : [];
  const missing = chunks.filter((_, i) => !stored[i]?.exists);
  const missingBytes = missing.reduce((sum, c) => sum + c.bytes, 0);
  if (missing.length > 0 && otherBytes + missingBytes > COMMIT_BUDGET_BYTES) throw new RevisionTooLargeForCommit(planId, missing);
  return () => {
    tx.create(revisionRef(db, planId, meta.revision), {
      ...meta,
      itemCount: items.length,
      chunks: chunks.length,
      chunkIds: chunks.map((c) => c.id),
    } satisfies RevisionDoc);
    for (const c of missing) tx.set(chunkRef(db, planId, c.id), { items: c.items });
  };
}

/** A stored revision's items, or undefined if there is no such revision. */
export async function readRevision(db: Firestore, planId: string, revision: number): Promise<{ meta: RevisionDoc; items: ItemView[] } | undefined> {
  const ref = revisionRef(db, planId, revision);
  const meta = await ref.get();
  if (!meta.exists) return undefined;
  const doc = meta.data() as RevisionDoc;
  const itemsOf = (d: DocumentSnapshot) => (d.data() as { items: ItemView[] } | undefined)?.items ?? [];
  if (doc.chunkIds) {
    const chunks = doc.chunkIds.length > 0 ? await db.getAll(...doc.chunkIds.map((id) => chunkRef(db, planId, id))) : [];
    const lost = chunks.filter((c) => !c.exists).map((c) => c.id);
    if (lost.length > 0) throw new Error(`revision ${revision} of ${planId} names missing chunks ${lost.join(", ")}`);
    return { meta: doc, items: chunks.flatMap(itemsOf) };
  }
  const legacy = await ref.collection("chunks").get();
  return { meta: doc, items: legacy.docs.sort((a, b) => Number(a.id) - Number(b.id)).flatMap(itemsOf) };
}
