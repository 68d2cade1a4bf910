/**
 * The writing side of crash.test.ts: `node --import tsx crash-client.ts PHASE HOST SERVER_PID`.
 * It runs in its own process so that writes still in flight when the server dies die with it (the
 * Firestore client would retry them for minutes). Every acknowledgement is printed as one JSON line,
 * synchronously, the moment it arrives; at the phase's kill point it SIGKILLs the server right there,
 * inside the acknowledgement's callback, and exits.
 */
import { writeSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type DocumentData, Firestore } from "@google-cloud/firestore";

export const PROJECT = "crash";
export const RESET_PROJECT = "crash-reset";
export const BATCH_SIZE = 2_000;
export const ACCOUNTS = 5;
export const OPENING_BALANCE = 100;
/** The server is killed inside the disk transaction of the "cut" batch after this many rows. */
export const CUT_AFTER_ROWS = BATCH_SIZE / 2;

/** What the client reports: only what the server acknowledged, plus the batches it sent. */
export type Ack = { doc: string; data: DocumentData } | { batch: string; acknowledged: boolean } | { transfer: string } | { reset: string };

export const PHASES = ["singles", "batch", "batches-in-flight", "cut", "transactions", "bulk", "reset"] as const;
export type Phase = (typeof PHASES)[number];

function report(ack: Ack): void {
  writeSync(1, `${JSON.stringify(ack)}\n`);
}

function batchOf(db: Firestore, id: string, padding = 0) {
  const batch = db.batch();
  for (let i = 0; i < BATCH_SIZE; i++) {
    batch.set(db.doc(`batches/${id}/docs/d${String(i).padStart(4, "0")}`), { batch: id, i, title: `计划 ${i}`, padding: "x".repeat(padding) });
  }
  report({ batch: id, acknowledged: false });
  return batch;
}

async function run(phase: Phase, host: string, killServer: () => never): Promise<void> {
  const db = new Firestore({ projectId: PROJECT, host, ssl: false });
  switch (phase) {
    case "singles": {
      // 16 writers at once; killed right after the 150th acknowledgement, with others in flight.
      let next = 0;
      let acked = 0;
      const writer = async () => {
        for (let i = next++; i < 400; i = next++) {
          const data = { i, text: `单条 ${i}`, nested: { at: i * 2 } };
          await db.doc(`singles/s${i}`).set(data);
          report({ doc: `singles/s${i}`, data });
          if (++acked === 150) killServer();
        }
      };
      await Promise.all(Array.from({ length: 16 }, writer));
      break;
    }
    case "batch":
      await batchOf(db, "acked").commit();
      report({ batch: "acked", acknowledged: true });
      killServer();
      break;
    case "batches-in-flight":
      // Four 2,000-document batches sent at once; killed when the first is acknowledged.
      await Promise.race(
        ["f1", "f2", "f3", "f4"].map(async (id) => {
          const batch = batchOf(db, id);
          await batch.commit();
          report({ batch: id, acknowledged: true });
          killServer();
        }),
      );
      break;
    case "cut":
      // 2 KB per document (4 MB in all): more than SQLite's page cache, so uncommitted pages reach the WAL before the kill.
      await batchOf(db, "cut", 2_000).commit();
      break;
    case "transactions": {
      const opening = db.batch();
      for (let a = 0; a < ACCOUNTS; a++) opening.set(db.doc(`accounts/a${a}`), { balance: OPENING_BALANCE });
      opening.set(db.doc("ledger/counter"), { n: 0 });
      await opening.commit();
      // Four workers move money between accounts, count transfers and record each; killed right after the 40th.
      let acked = 0;
      const worker = async (w: number) => {
        for (let i = 0; ; i++) {
          const id = `t-${w}-${i}`;
          await db.runTransaction(async (tx) => {
            const from = db.doc(`accounts/a${(w + i) % ACCOUNTS}`);
            const to = db.doc(`accounts/a${(w + i + 1) % ACCOUNTS}`);
            const counter = db.doc("ledger/counter");
            const [fromSnap, toSnap, counterSnap] = await tx.getAll(from, to, counter);
            const n = (counterSnap?.get("n") as number) + 1;
            tx.update(from, { balance: (fromSnap?.get("balance") as number) - 7 });
            tx.update(to, { balance: (toSnap?.get("balance") as number) + 7 });
            tx.update(counter, { n });
            tx.create(db.doc(`transfers/${id}`), { w, i, seq: n });
          });
          report({ transfer: id });
          if (++acked === 40) killServer();
        }
      };
      await Promise.all(Array.from({ length: 4 }, (_, w) => worker(w)));
      break;
    }
    case "bulk": {
      // BulkWriter (the BatchWrite RPC): each write is acknowledged on its own; killed after the 300th.
      const writer = db.bulkWriter();
      let acked = 0;
      for (let i = 0; i < 1_000; i++) {
        const data = { i, via: "bulk" };
        void writer.set(db.doc(`bulk/b${i}`), data).then(() => {
          report({ doc: `bulk/b${i}`, data });
          if (++acked === 300) killServer();
        });
      }
      await writer.close();
      break;
    }
    case "reset": {
      const other = new Firestore({ projectId: RESET_PROJECT, host, ssl: false });
      const batch = other.batch();
      for (let i = 0; i < 50; i++) batch.set(other.doc(`reset/r${i}`), { i });
      await batch.commit();
      const response = await fetch(`http://${host}/emulator/v1/projects/${RESET_PROJECT}/databases/(default)/documents`, { method: "DELETE" });
      if (response.status !== 200) throw new Error(`reset answered ${response.status}`);
      report({ reset: RESET_PROJECT });
      killServer();
    }
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [phase, host, pid] = process.argv.slice(2);
  if (!PHASES.includes(phase as Phase) || !host || !pid) throw new Error("Usage: crash-client.ts PHASE HOST SERVER_PID");
  const killServer = (): never => {
    process.kill(Number(pid), "SIGKILL");
    process.exit(0);
  };
  // Reaching the end without the kill (or failing) is an error the test reports; the "cut" server kills itself.
  await run(phase as Phase, host, killServer);
  process.exit(3);
}
