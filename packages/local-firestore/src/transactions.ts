import { randomBytes } from "node:crypto";
import { aborted, invalidArgument } from "./errors.js";
import { LockTable } from "./locks.js";
import type { ResourcePath } from "./paths.js";
import type { Database, DocumentState } from "./store.js";
import type { Micros } from "./time.js";
import type { TransactionOptions } from "./types.js";

/** Firestore expires transactions idle for 60 s, and any transaction after 270 s. */
const IDLE_LIMIT_MS = 60_000;
const LIFETIME_LIMIT_MS = 270_000;
const LOCK_TIMEOUT_MS = 20_000;

export class Transaction {
  readonly id = randomBytes(16).toString("base64");
  readonly startedAt = Date.now();
  lastActiveAt = Date.now();
  /** Update time (null: missing) of every document read, checked again at commit. */
  readonly documentReads = new Map<string, { path: ResourcePath; version: Micros | null }>();
  /** Re-runs each query read and reports whether its result is still what the transaction saw. */
  readonly queryReads: ((at: Micros) => boolean)[] = [];
  abortedBecause: Error | undefined;

  constructor(
    readonly database: Database,
    /** Snapshot time of a read-only transaction; read-write transactions read the latest data. */
    readonly readOnlyAt: Micros | undefined,
  ) {}

  get readOnly(): boolean {
    return this.readOnlyAt !== undefined;
  }
}

/**
 * Read-write transactions are serializable: documents they read stay locked against other
 * transactions until they finish, and at commit every document and query they read must be
 * unchanged (a non-transactional write or a phantom insert in between aborts them, and clients
 * retry ABORTED).
 */
export class Transactions {
  private readonly live = new Map<string, Transaction>();
  private readonly locks = new LockTable<Transaction>(LOCK_TIMEOUT_MS);

  /** `snapshot` is the read time of a read-only transaction (its requested one, or now). */
  begin(database: Database, options: TransactionOptions | undefined, snapshot: Micros): Transaction {
    const txn = new Transaction(database, options?.readOnly ? snapshot : undefined);
    this.live.set(txn.id, txn);
    return txn;
  }

  get(database: Database, id: string): Transaction {
    const txn = this.live.get(id);
    if (!txn || txn.database !== database) {
      throw invalidArgument("The referenced transaction has expired or is no longer valid.");
    }
    if (txn.abortedBecause) {
      this.end(txn);
      throw txn.abortedBecause;
    }
    txn.lastActiveAt = Date.now();
    return txn;
  }

  /** Locks documents for a read-write transaction, in name order so concurrent batch reads cannot deadlock. */
  async lock(txn: Transaction, names: readonly string[]): Promise<void> {
    for (const name of [...new Set(names)].sort()) {
      try {
        await this.locks.acquire(`${txn.database.name}|${name}`, txn);
      } catch (error) {
        this.abort(txn, error as Error);
        throw error;
      }
    }
    txn.lastActiveAt = Date.now();
  }

  recordDocument(txn: Transaction, name: string, path: ResourcePath, state: DocumentState | null): void {
    if (!txn.documentReads.has(name)) txn.documentReads.set(name, { path, version: state?.updateTime ?? null });
  }

  recordQuery(txn: Transaction, stillSame: (at: Micros) => boolean): void {
    txn.queryReads.push(stillSame);
  }

  /** Throws ABORTED if anything the transaction read has changed by `at`. */
  validate(txn: Transaction, at: Micros): void {
    for (const [name, read] of txn.documentReads) {
      const version = txn.database.get(read.path, at)?.updateTime ?? null;
      if (version !== read.version) throw aborted(`Transaction aborted: ${name} changed after the transaction read it.`);
    }
    if (!txn.queryReads.every((stillSame) => stillSame(at))) {
      throw aborted("Transaction aborted: the result of a query it ran changed before it committed.");
    }
  }

  end(txn: Transaction): void {
    this.live.delete(txn.id);
    this.locks.release(txn);
  }

  private abort(txn: Transaction, reason: Error): void {
    txn.abortedBecause = reason;
    this.locks.release(txn, reason);
  }

  /** Expires idle and overlong transactions, releasing their locks. */
  expire(nowMs: number): void {
    for (const txn of this.live.values()) {
      if (nowMs - txn.lastActiveAt > IDLE_LIMIT_MS || nowMs - txn.startedAt > LIFETIME_LIMIT_MS) this.end(txn);
    }
  }

  endAll(): void {
    for (const txn of this.live.values()) this.end(txn);
  }
}
