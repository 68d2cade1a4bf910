/** A submitted row as ID assignment sees it: its ID cell and its identity (title, owner, due). */
export interface Claim {
  row: number;
  itemId: string | null;
  key: string;
}

/**
 * Gives every submitted row its item ID. A row keeps the ID it carries; a row
 * without one takes the ID of an unclaimed existing item with the same identity
 * (its ID cell was cleared, or the write-back was interrupted); otherwise it is a
 * new item. Existing items no row claims were deleted from the sheet. `taken`
 * holds IDs of other plans' items with the same prefix (another kind of the same
 * period and department): a new ID skips them.
 */
export function assignItemIds(
  rows: readonly Claim[],
  existing: readonly { id: string; key: string }[],
  nextSeq: number,
  idPrefix: string,
  taken: ReadonlySet<string> = new Set(),
) {
  const byId = new Map(existing.map((e) => [e.id, e]));
  const claimed = new Set<string>();
  const unknownIdRows: Claim[] = [];
  for (const d of rows) {
    if (!d.itemId) continue;
    if (byId.has(d.itemId)) claimed.add(d.itemId);
    else unknownIdRows.push(d);
  }
  const unclaimedByKey = new Map<string, string>();
  for (const e of existing) if (!claimed.has(e.id) && !unclaimedByKey.has(e.key)) unclaimedByKey.set(e.key, e.id);

  let seq = nextSeq;
  const ids = new Map<number, string>();
  for (const d of rows) {
    if (d.itemId && byId.has(d.itemId)) {
      ids.set(d.row, d.itemId);
      continue;
    }
    const reused = unclaimedByKey.get(d.key);
    if (reused) {
      unclaimedByKey.delete(d.key);
      claimed.add(reused);
      ids.set(d.row, reused);
      continue;
    }
    const minted = (n: number) => `${idPrefix}-${String(n).padStart(3, "0")}`;
    while (taken.has(minted(seq))) seq++;
    ids.set(d.row, minted(seq));
    seq++;
  }
  const removed = existing.filter((e) => !claimed.has(e.id)).map((e) => e.id);
  return { ids, removed, nextSeq: seq, unknownIdRows };
}
