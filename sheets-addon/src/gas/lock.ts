import type { DocumentLock } from "../addon-context.js";

/** Long enough to wait out another user's submission (one HTTP round trip), short of Apps Script's patience. */
const LOCK_WAIT_MS = 30_000;

export function documentLock(): DocumentLock {
  return {
    run(work) {
      const lock = LockService.getDocumentLock();
      if (!lock.tryLock(LOCK_WAIT_MS)) return false;
      try {
        work();
      } finally {
        lock.releaseLock();
      }
      return true;
    },
  };
}
