import { join } from "node:path";
import { loadOrCreateKeyPair, LOCAL_AUDIENCE, mintIdToken, type MintOptions } from "./auth-keys.js";
import { startLocalFirestore } from "@planops/local-firestore";
import { startSheetsStandin } from "@planops/sheets-standin";
import { type MailReceiver, startMailReceiver } from "./mail-receiver.js";

export const LOCAL_PROJECT_ID = "planops-local";

export interface LocalServices {
  firestoreHost: string;
  mail: MailReceiver;
  /** The Sheets API stand-in's root (dashboards and reports); its pages show them at `<url>view/<id>`. */
  sheetsUrl: string;
  /** The environment the functions run with: the same variables a deployment sets, pointed at local services. */
  env: Record<string, string>;
  mintToken(email: string, extra?: Omit<MintOptions, "email">): string;
  stop(): Promise<void>;
}

/**
 * Everything the functions need that Google would otherwise provide: a Firestore,
 * an identity-token signer, and a mail receiver. With dataDir they persist there;
 * without, they live in memory (tests). An external FIRESTORE_EMULATOR_HOST wins.
 */
export async function startLocalServices(opts: {
  dataDir: string | null;
  keyDir: string;
  firestorePort?: number;
  smtpPort?: number;
  webPort?: number;
  sheetsPort?: number;
  externalFirestoreHost?: string | undefined;
  projectId?: string;
}): Promise<LocalServices> {
  const firestore = opts.externalFirestoreHost
    ? undefined
    : await startLocalFirestore({ port: opts.firestorePort ?? 0, dataDir: opts.dataDir ? join(opts.dataDir, "firestore") : null });
  const firestoreHost = opts.externalFirestoreHost ?? firestore!.host;
  let mail: MailReceiver;
  try {
    mail = await startMailReceiver({ smtpPort: opts.smtpPort ?? 0, webPort: opts.webPort ?? 0, dataDir: opts.dataDir ? join(opts.dataDir, "mail") : null });
  } catch (err) {
    // E.g. its port is taken: leave nothing running behind the error.
    await firestore?.stop();
    throw err;
  }
  let sheets: Awaited<ReturnType<typeof startSheetsStandin>>;
  try {
    sheets = await startSheetsStandin({ port: opts.sheetsPort ?? 0, ...(opts.dataDir ? { dataFile: join(opts.dataDir, "sheets.sqlite") } : {}) });
  } catch (err) {
    await mail.stop();
    await firestore?.stop();
    throw err;
  }
  const keys = loadOrCreateKeyPair(opts.keyDir);
  const env = {
    GOOGLE_CLOUD_PROJECT: opts.projectId ?? LOCAL_PROJECT_ID,
    FIRESTORE_EMULATOR_HOST: firestoreHost,
    AUTH_MODE: "local",
    AUTH_AUDIENCE: LOCAL_AUDIENCE,
    AUTH_LOCAL_PUBLIC_KEY: keys.publicKeyPem,
    SMTP_URL: mail.smtpUrl,
    MAIL_FROM: "计划运营部 <planops@localhost>",
    APP_TIME_ZONE: "Asia/Shanghai",
    SHEETS_API_ROOT: sheets.url,
    // The stand-in serves Drive's permissions on the same root: who may open each spreadsheet.
    DRIVE_API_ROOT: sheets.url,
    // Nothing here runs on Google Cloud: don't let the auth library probe for its metadata server.
    METADATA_SERVER_DETECTION: "none",
  };
  return {
    firestoreHost,
    mail,
    sheetsUrl: sheets.url,
    env,
    mintToken: (email, extra) => mintIdToken(keys.privateKeyPem, { email, ...extra }),
    async stop() {
      await sheets.stop();
      await mail.stop();
      await firestore?.stop();
    },
  };
}
