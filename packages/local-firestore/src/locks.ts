import { aborted } from "./errors.js";

interface Waiter<Owner> {
  owner: Owner;
  key: string;
  grant: () => void;
  fail: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * Exclusive per-document locks with FIFO queues. Contending transactions wait their turn instead of
 * failing and retrying, so hundreds of concurrent read-modify-write transactions on one document all
 * succeed on their first attempt. A wait that would close a cycle is refused at once (deadlock), and
 * a wait that outlasts `timeoutMs` fails; both surface as ABORTED, which clients retry.
 */
export class LockTable<Owner> {
  private readonly holders = new Map<string, Owner>();
  private readonly queues = new Map<string, Waiter<Owner>[]>();
  private readonly held = new Map<Owner, Set<string>>();
  private readonly waiting = new Map<Owner, Waiter<Owner>>();

  constructor(private readonly timeoutMs: number) {}

  acquire(key: string, owner: Owner): Promise<void> {
    const holder = this.holders.get(key);
    if (holder === undefined) {
      this.grant(key, owner);
      return Promise.resolve();
    }
    if (holder === owner) return Promise.resolve();
    const queue = this.queues.get(key) ?? [];
    if (this.reaches([holder, ...queue.map((w) => w.owner)], owner)) {
      return Promise.reject(aborted("Transaction aborted to resolve a lock deadlock with another transaction."));
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter<Owner> = {
        owner,
        key,
        grant: resolve,
        fail: reject,
        timer: setTimeout(() => {
          this.dequeue(waiter);
          reject(aborted(`Transaction lock timeout: waited ${this.timeoutMs} ms for a document another transaction holds.`));
        }, this.timeoutMs).unref(),
      };
      queue.push(waiter);
      this.queues.set(key, queue);
      this.waiting.set(owner, waiter);
    });
  }

  /** Releases everything `owner` holds and fails its pending wait, if any. */
  release(owner: Owner, reason?: Error): void {
    const waiter = this.waiting.get(owner);
    if (waiter) {
      this.dequeue(waiter);
      waiter.fail(reason ?? aborted("Transaction ended while waiting for a lock."));
    }
    for (const key of this.held.get(owner) ?? []) {
      this.holders.delete(key);
      const next = this.queues.get(key)?.shift();
      if (next) {
        clearTimeout(next.timer);
        this.waiting.delete(next.owner);
        this.grant(key, next.owner);
        next.grant();
      }
      if (this.queues.get(key)?.length === 0) this.queues.delete(key);
    }
    this.held.delete(owner);
  }

  private grant(key: string, owner: Owner): void {
    this.holders.set(key, owner);
    let keys = this.held.get(owner);
    if (!keys) {
      keys = new Set();
      this.held.set(owner, keys);
    }
    keys.add(key);
  }

  private dequeue(waiter: Waiter<Owner>): void {
    clearTimeout(waiter.timer);
    this.waiting.delete(waiter.owner);
    const queue = this.queues.get(waiter.key);
    if (!queue) return;
    const index = queue.indexOf(waiter);
    if (index !== -1) queue.splice(index, 1);
    if (queue.length === 0) this.queues.delete(waiter.key);
  }

  /** Whether `target` is among `start` or anything they transitively wait for (holder and earlier waiters). */
  private reaches(start: Owner[], target: Owner): boolean {
    const seen = new Set<Owner>();
    const stack = [...start];
    while (stack.length > 0) {
      const owner = stack.pop() as Owner;
      if (owner === target) return true;
      if (seen.has(owner)) continue;
      seen.add(owner);
      const waiter = this.waiting.get(owner);
      if (!waiter) continue;
      const holder = this.holders.get(waiter.key);
      if (holder !== undefined) stack.push(holder);
      const queue = this.queues.get(waiter.key) ?? [];
      for (const earlier of queue) {
        if (earlier === waiter) break;
        stack.push(earlier.owner);
      }
    }
    return false;
  }
}
