import { randomUUID } from "node:crypto";
import { Firestore } from "@google-cloud/firestore";
import { afterAll, beforeAll } from "vitest";
import { startLocalFirestore } from "../src/index.js";

export interface FirestoreConnection {
  db: Firestore;
  /** Terminates the client, and stops the local server if this call started one. */
  close(): Promise<void>;
}

/**
 * A Firestore client on a fresh project id, so test files never see each other's data. Talks to
 * FIRESTORE_EMULATOR_HOST when set (official emulator, or anything speaking the protocol);
 * otherwise starts an in-memory local server just for this connection.
 */
export async function connectFirestore(): Promise<FirestoreConnection> {
  const projectId = `test-${randomUUID().slice(0, 8)}`;
  if (process.env.FIRESTORE_EMULATOR_HOST) {
    const db = new Firestore({ projectId });
    return { db, close: () => db.terminate() };
  }
  const server = await startLocalFirestore({ port: 0 });
  const db = new Firestore({ projectId, host: server.host, ssl: false });
  return {
    db,
    close: async () => {
      await db.terminate();
      await server.stop();
    },
  };
}

/**
 * One connection for the calling test file: connects in beforeAll, closes in
 * afterAll, and returns a Firestore that forwards to it.
 */
export function useFirestore(): Firestore {
  let conn: FirestoreConnection | undefined;
  beforeAll(async () => {
    conn = await connectFirestore();
  });
  afterAll(() => conn?.close());
  return new Proxy({} as Firestore, {
    get(_target, key) {
      if (!conn) throw new Error("Firestore is used outside a test (it connects in beforeAll)");
      const value: unknown = Reflect.get(conn.db, key, conn.db);
      return typeof value === "function" ? value.bind(conn.db) : value;
    },
  });
}
