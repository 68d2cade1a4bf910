import { join } from "node:path";
import { Firestore } from "@google-cloud/firestore";
import { LOCAL_PROJECT_ID, startLocalServices } from "../../local/services.js";
import { type Stack, serveStack } from "./stack.js";

let counter = 0;

/**
 * The functions alone, over real HTTP in this process, on a data folder `npm start`
 * left behind (its Firestore, its sign-in keys, its project): no scheduler and no
 * start-up roll-up, so what a test reads is exactly what the folder holds — e.g.
 * right after the stack was killed. Stop it before starting the stack on the folder again.
 */
export async function openDataDir(dataDir: string): Promise<Stack> {
  const services = await startLocalServices({ dataDir, keyDir: join(dataDir, "auth") });
  const db = new Firestore({ projectId: LOCAL_PROJECT_ID, host: services.firestoreHost, ssl: false });
  return serveStack(services, db, { name: `api_kept_${process.pid}_${++counter}` });
}
