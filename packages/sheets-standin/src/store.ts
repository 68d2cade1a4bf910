import { createRequire } from "node:module";
import type { DatabaseSync, StatementSync } from "node:sqlite";
import { ownerPermission } from "./drive.js";
import type { SpreadsheetState } from "./model.js";

/**
 * `node:sqlite` is still flagged experimental in Node 22 and warns on load; only that one warning
 * is dropped, while the module loads.
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

/**
 * Every spreadsheet's state, in memory and (with a data file) in SQLite: one row of JSON per
 * spreadsheet, written in a transaction before the request is answered, so a restart keeps it.
 */
export class SpreadsheetStore {
  private readonly byId = new Map<string, SpreadsheetState>();
  private readonly db: DatabaseSync | null;
  private readonly upsert: StatementSync | null;

  constructor(dataFile?: string) {
    if (!dataFile) {
      this.db = null;
      this.upsert = null;
      return;
    }
    const { DatabaseSync } = loadSqlite();
    this.db = new DatabaseSync(dataFile);
    this.db.exec(`PRAGMA journal_mode = WAL;
      CREATE TABLE IF NOT EXISTS spreadsheets (id TEXT PRIMARY KEY, created INTEGER NOT NULL, state TEXT NOT NULL)`);
    this.upsert = this.db.prepare("INSERT INTO spreadsheets (id, created, state) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET state = excluded.state");
    for (const row of this.db.prepare("SELECT state FROM spreadsheets ORDER BY created, id").all()) {
      const state = JSON.parse(String(row.state)) as SpreadsheetState;
      // Spreadsheets stored before the stand-in kept Drive permissions: owned by the service, shared with nobody.
      state.permissions ??= [ownerPermission()];
      this.byId.set(state.spreadsheetId, state);
    }
  }

  get(id: string): SpreadsheetState | undefined {
    return this.byId.get(id);
  }

  /** Oldest first. */
  list(): SpreadsheetState[] {
    return [...this.byId.values()];
  }

  save(state: SpreadsheetState): void {
    if (this.db && this.upsert) {
      this.db.exec("BEGIN IMMEDIATE");
      try {
        this.upsert.run(state.spreadsheetId, Date.now(), JSON.stringify(state));
        this.db.exec("COMMIT");
      } catch (error) {
        this.db.exec("ROLLBACK");
        throw error;
      }
    }
    this.byId.set(state.spreadsheetId, state);
  }

  /** Drive's files.delete: gone for good (no trash), as for a file the service deletes with its own credentials. */
  delete(id: string): void {
    this.db?.prepare("DELETE FROM spreadsheets WHERE id = ?").run(id);
    this.byId.delete(id);
  }

  close(): void {
    this.db?.close();
  }
}
