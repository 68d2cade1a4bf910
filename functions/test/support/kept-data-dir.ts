import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { Firestore } from "@google-cloud/firestore";
import { http } from "@google-cloud/functions-framework";
import { getTestServer } from "@google-cloud/functions-framework/testing";
import { DOCUMENT_KINDS } from "@planops/shared";
import { LOCAL_PROJECT_ID, startLocalServices } from "../../local/services.js";
import { createFunctions } from "../../src/app.js";
import { smtpSender } from "../../src/notifications/mailer.js";
import { parseConfig } from "../../src/platform/config.js";
import type { Deps } from "../../src/platform/context.js";
import type { Stack } from "./stack.js";

let counter = 0;

/**
 * The functions alone, over real HTTP in this process, on a data folder `npm start`
 * left behind (its Firestore, its sign-in keys, its project): no scheduler and no
 * start-up roll-up, so what a test reads is exactly what the folder holds — e.g.
 * right after the stack was killed. Stop it before starting the stack on the folder again.
 */
export async function openDataDir(dataDir: string): Promise<Stack> {
  const services = await startLocalServices({ dataDir, keyDir: join(dataDir, "auth") });
  const config = parseConfig(services.env);
  let fixedNow: Date | undefined;
  const db = new Firestore({ projectId: LOCAL_PROJECT_ID, host: services.firestoreHost, ssl: false });
  const deps: Deps = { db, config, now: () => fixedNow ?? new Date(), send: smtpSender(config.mail.smtpUrl, config.mail.from), kinds: DOCUMENT_KINDS };
  const name = `api_kept_${process.pid}_${++counter}`;
  http(name, createFunctions(config, deps).api);
  const server = getTestServer(name);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    db,
    mail: services.mail,
    mintToken: services.mintToken,
    setNow: (at) => {
      fixedNow = at;
    },
    env: services.env,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.terminate();
      await services.stop();
    },
  };
}
