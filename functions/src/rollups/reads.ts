import type { DocumentReference, DocumentSnapshot, Firestore, Query, QueryDocumentSnapshot } from "@google-cloud/firestore";

/**
 * Every Firestore read of a roll-up run goes through here, so the run can say how
 * many documents it read (Firestore bills an empty query or a missing document as one read).
 */
export class CountingReader {
  documentReads = 0;
  constructor(readonly db: Firestore) {}

  async get(ref: DocumentReference): Promise<DocumentSnapshot> {
    this.documentReads++;
    return ref.get();
  }

  async getAll(refs: readonly DocumentReference[]): Promise<DocumentSnapshot[]> {
    if (refs.length === 0) return [];
    this.documentReads += refs.length;
    return this.db.getAll(...refs);
  }

  /** Streams a query's documents to `each` as they arrive, so a full scan never holds every document at once. */
  async forEach(query: Query, each: (doc: QueryDocumentSnapshot) => void): Promise<void> {
    let n = 0;
    for await (const doc of query.stream() as AsyncIterable<QueryDocumentSnapshot>) {
      n++;
      each(doc);
    }
    this.documentReads += Math.max(n, 1);
  }
}
