import { existsSync, mkdirSync, readFileSync, renameSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { DatabaseSync, StatementSync } from "node:sqlite";
import type { Change, Database, Store } from "./store.js";
import { type Clock, fromIso, type Micros } from "./time.js";
import type { Fields } from "./types.js";

/** The SQLite database a data folder holds (plus its `-wal` file while the server runs); deleting the folder resets the local database. */
export const DATA_FILE = "firestore.sqlite";
/** The whole-store snapshot earlier versions saved every 5 s; imported once, then renamed to `firestore.json.imported`. */
export const LEGACY_FILE = "firestore.json";
const SCHEMA_VERSION = 1;

/** JSON has no NaN, ±Infinity or -0; doubles that need them are stored as strings. */
function encodeDoubles(key: string, value: unknown): unknown {
  if (key === "doubleValue" && typeof value === "number" && (!Number.isFinite(value) || Object.is(value, -0))) {
    return Object.is(value, -0) ? "-0" : String(value);
  }
  return value;
}

function decodeDoubles(key: string, value: unknown): unknown {
  return key === "doubleValue" && typeof value === "string" ? Number(value) : value;
}

/** A reviver slows JSON.parse several times over; only the rare documents holding such doubles need one. */
function parseFields(text: string): Fields {
  return (text.includes('"doubleValue":"') ? JSON.parse(text, decodeDoubles) : JSON.parse(text)) as Fields;
}

/**
 * `node:sqlite` is stable enough for a development server but still flagged experimental in Node 22,
 * which prints a warning on every start; only that one warning is dropped, while the module loads.
 */
function loadSqlite(): typeof import("node:sqlite") {
  const emitWarning = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const message = typeof warning === "string" ? warning : warning.message;
    if (message.startsWith("SQLite is an experimental feature")) return;
    (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    return createRequire(import.meta.url)("node:sqlite") as typeof import("node:sqlite");
  } finally {
    process.emitWarning = emitWarning;
  }
}

function isBusy(error: unknown): boolean {
  return (error as { errcode?: number }).errcode === 5; // SQLITE_BUSY
}

/**
 * A data folder: every document's latest state in one SQLite table, written commit by commit.
 *
 * Durability: each Firestore commit is one SQLite transaction, written synchronously (before the
 * server answers) to the write-ahead log. `synchronous = NORMAL` in WAL mode hands every commit to
 * the operating system at COMMIT without waiting for fsync: a crash of the process (kill -9, an
 * exception) loses nothing acknowledged, a power loss or OS crash may lose the last commits but never
 * leaves a partial one. `FULL` would add an fsync per commit (≈0.25 ms median, several ms at p99
 * here) to protect against power loss, which a local development server does not need.
 */
export class DataFolder {
  private readonly upsert: StatementSync;
  private readonly remove: StatementSync;

  private constructor(
    private readonly db: DatabaseSync,
    readonly dir: string,
  ) {
    this.upsert = db.prepare(
      `INSERT INTO documents (database, path, create_time, update_time, fields) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (database, path) DO UPDATE SET create_time = excluded.create_time, update_time = excluded.update_time, fields = excluded.fields`,
    );
    this.remove = db.prepare("DELETE FROM documents WHERE database = ? AND path = ?");
  }

  /**
   * Opens (creating it if needed) the folder's database and locks it for this process: a second
   * server on the same folder fails to start instead of silently overwriting the first one's data.
   */
  static open(dir: string): DataFolder {
    mkdirSync(dir, { recursive: true });
    const { DatabaseSync } = loadSqlite();
    const db = new DatabaseSync(path.join(dir, DATA_FILE));
    try {
      // Exclusive locking before WAL: the WAL index lives in process memory (no -shm file) and the lock is held until close.
      db.exec("PRAGMA locking_mode = EXCLUSIVE");
      db.exec("PRAGMA journal_mode = WAL");
      db.exec("PRAGMA synchronous = NORMAL");
      db.exec("PRAGMA journal_size_limit = 33554432");
      db.exec("BEGIN EXCLUSIVE");
      const version = (db.prepare("PRAGMA user_version").get() as { user_version: number }).user_version;
      if (version > SCHEMA_VERSION) throw new Error(`${path.join(dir, DATA_FILE)} was written by a newer local Firestore (format ${version}).`);
      db.exec(`CREATE TABLE IF NOT EXISTS documents (
        database TEXT NOT NULL,
        path TEXT NOT NULL,
        create_time INTEGER NOT NULL,
        update_time INTEGER NOT NULL,
        fields TEXT NOT NULL,
        PRIMARY KEY (database, path)
      )`);
      db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
      db.exec("COMMIT");
    } catch (error) {
      db.close();
      if (isBusy(error)) throw new Error(`The data folder ${dir} is in use by another local Firestore.`, { cause: error });
      throw error;
    }
    const folder = new DataFolder(db, dir);
    folder.importLegacyFile();
    return folder;
  }

  /** Loads every saved document into `store` (the one full read, at start). Returns how many. */
  load(store: Store, clock: Clock): number {
    const rows = this.db.prepare("SELECT database, path, create_time, update_time, fields FROM documents");
    rows.setReadBigInts(true);
    rows.setReturnArrays(true);
    let count = 0;
    let latest: Micros = 0n;
    let database: Database | undefined;
    for (const [name, docPath, createTime, updateTime, fields] of rows.iterate() as Iterable<[string, string, bigint, bigint, string]>) {
      if (database?.name !== name) database = store.database(name);
      database.restore(docPath.split("/"), { fields: parseFields(fields), createTime, updateTime });
      if (updateTime > latest) latest = updateTime;
      count++;
    }
    clock.advanceTo(latest);
    return count;
  }

  /** Writes one commit's changes as one SQLite transaction: on disk too, a commit is all there or absent. */
  write(database: string, changes: readonly Change[]): void {
    this.transaction(() => this.writeRows(database, changes));
  }

  private writeRows(database: string, changes: readonly Change[]): void {
    for (const { path: docPath, after } of changes) {
      const key = docPath.join("/");
      if (after) this.upsert.run(database, key, after.createTime, after.updateTime, JSON.stringify(after.fields, encodeDoubles));
      else this.remove.run(database, key);
    }
  }

  private transaction(work: () => void): void {
    this.db.exec("BEGIN");
    try {
      work();
      this.db.exec("COMMIT");
    } catch (error) {
      if (this.db.isTransaction) this.db.exec("ROLLBACK");
      throw error;
    }
  }

  /** Moves the write-ahead log into the database file (not needed for durability). */
  checkpoint(): void {
    this.db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  }

  /** Checkpoints, removes the WAL file and releases the folder. */
  close(): void {
    if (this.db.isOpen) this.db.close();
  }

  /**
   * Imports the `firestore.json` snapshot of earlier versions into an empty database, in one
   * transaction (a crash midway imports nothing), then renames it so it is never imported again.
   */
  private importLegacyFile(): void {
    const legacy = path.join(this.dir, LEGACY_FILE);
    if (!existsSync(legacy)) return;
    const empty = this.db.prepare("SELECT 1 FROM documents LIMIT 1").get() === undefined;
    if (empty) {
      const file = JSON.parse(readFileSync(legacy, "utf8"), decodeDoubles) as LegacyFile;
      if (file.format !== "planops-local-firestore" || file.version !== 1) throw new Error(`${legacy} is not a local Firestore data file.`);
      this.transaction(() => {
        for (const [database, docs] of Object.entries(file.databases)) {
          this.writeRows(
            database,
            docs.map((doc) => ({
              path: doc.path.split("/"),
              after: { fields: doc.fields, createTime: fromIso(doc.createTime), updateTime: fromIso(doc.updateTime) },
            })),
          );
        }
      });
    }
    renameSync(legacy, `${legacy}.imported`);
  }
}

interface LegacyFile {
  format: string;
  version: number;
  /** Latest state of every document, by database name (`projects/P/databases/D`). */
  databases: Record<string, { path: string; createTime: string; updateTime: string; fields: Fields }[]>;
}
