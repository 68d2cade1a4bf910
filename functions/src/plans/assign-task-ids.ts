import { type DraftTask, sameTaskKey } from "./read-monthly-plan.js";

interface Existing {
  id: string;
  content: string;
  owner: { email: string };
  due: string;
}

/**
 * Gives every submitted row its task ID. A row keeps the ID it carries; a row
 * without one takes the ID of an unclaimed existing task with the same content,
 * owner and due date (its ID cell was cleared, or the write-back was interrupted);
 * otherwise it is a new task. Existing tasks no row claims were deleted from the sheet.
 */
export function assignTaskIds(drafts: readonly DraftTask[], existing: readonly Existing[], nextSeq: number, idPrefix: string) {
  const byId = new Map(existing.map((e) => [e.id, e]));
  const claimed = new Set<string>();
  const unknownIdRows: DraftTask[] = [];
  for (const d of drafts) {
    if (!d.taskId) continue;
    if (byId.has(d.taskId)) claimed.add(d.taskId);
    else unknownIdRows.push(d);
  }
  const unclaimedByKey = new Map<string, string>();
  for (const e of existing) if (!claimed.has(e.id) && !unclaimedByKey.has(sameTaskKey(e))) unclaimedByKey.set(sameTaskKey(e), e.id);

  let seq = nextSeq;
  const ids = new Map<number, string>();
  for (const d of drafts) {
    if (d.taskId && byId.has(d.taskId)) {
      ids.set(d.row, d.taskId);
      continue;
    }
    const key = sameTaskKey(d);
    const reused = unclaimedByKey.get(key);
    if (reused) {
      unclaimedByKey.delete(key);
      claimed.add(reused);
      ids.set(d.row, reused);
      continue;
    }
    ids.set(d.row, `${idPrefix}-${String(seq).padStart(3, "0")}`);
    seq++;
  }
  const removed = existing.filter((e) => !claimed.has(e.id)).map((e) => e.id);
  return { ids, removed, nextSeq: seq, unknownIdRows };
}
