import type { Firestore, Transaction } from "@google-cloud/firestore";

/** Tombstones of deleted plan items: the roll-up's incremental read cannot see a deleted item otherwise. */
export const ITEM_REMOVALS = "itemRemovals";

/** Long after every roll-up run has read it (a TTL policy on `expireAt` removes it then). */
const KEEP_MS = 90 * 86_400_000;

/** Records, in the transaction that deletes the item, that it was removed at `at` (ISO). */
export function recordItemRemoval(tx: Transaction, db: Firestore, itemId: string, at: string): void {
  tx.set(db.collection(ITEM_REMOVALS).doc(itemId), { removedAt: at, expireAt: new Date(new Date(at).getTime() + KEEP_MS) });
}
