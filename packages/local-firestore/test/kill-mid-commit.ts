/**
 * Fault injection for crash.test.ts, preloaded into the server process with `--import`: the process
 * SIGKILLs itself after writing KILL_AFTER_DOCUMENT_ROWS document rows, i.e. inside a commit's SQLite
 * transaction, before it commits. Not part of the server.
 */
import { createRequire } from "node:module";

const limit = Number(process.env.KILL_AFTER_DOCUMENT_ROWS);
if (!Number.isInteger(limit) || limit <= 0) throw new Error("kill-mid-commit: set KILL_AFTER_DOCUMENT_ROWS to a positive integer.");

const { StatementSync } = createRequire(import.meta.url)("node:sqlite") as typeof import("node:sqlite");
type Statement = import("node:sqlite").StatementSync;
const run = StatementSync.prototype.run as (this: Statement, ...args: unknown[]) => ReturnType<Statement["run"]>;
let rows = 0;
StatementSync.prototype.run = function (this: Statement, ...args: unknown[]) {
  const result = run.apply(this, args);
  if (/^\s*INSERT INTO documents/i.test(this.sourceSQL) && ++rows === limit) process.kill(process.pid, "SIGKILL");
  return result;
} as Statement["run"];
