import { mkdtempSync, rmSync } from "node:fs";
import { afterAll, beforeAll } from "vitest";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Firestore } from "@google-cloud/firestore";
import { DOCUMENT_KINDS, type DocumentKind } from "@planops/shared";
import { createFunctions } from "../../src/app.js";
import { smtpSender } from "../../src/notifications/mailer.js";
import { parseConfig } from "../../src/platform/config.js";
import type { Deps } from "../../src/platform/context.js";
import { DEMO_ROSTER } from "../../local/demo-org.js";
import type { MailReceiver } from "../../local/mail-receiver.js";
import { seedRoster } from "../../local/seed.js";
import { type LocalServices, startLocalServices } from "../../local/services.js";
import { serveFunction } from "./serve.js";
import type { MintOptions } from "../../local/auth-keys.js";

export interface Stack {
  baseUrl: string;
  db: Firestore;
  mail: MailReceiver;
  mintToken(email: string, extra?: Omit<MintOptions, "email">): string;
  /** Moves the functions' clock (e.g. to the plan month); `undefined` returns to real time. */
  setNow(at: Date | undefined): void;
  /** The functions' environment, for tests that build their own config. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

let counter = 0;

export interface StackOptions {
  /** Seed the demo roster (default true). */
  seed?: boolean;
  /** The document kinds the functions know: the product's registry by default; a test may extend it. */
  kinds?: readonly DocumentKind[];
}

/**
 * The real backend for tests: the local Firestore (or FIRESTORE_EMULATOR_HOST),
 * the mail receiver, the seeded demo roster, and every function served over real
 * HTTP by functions-framework's server, on a random port. `kinds` replaces the
 * document-kind registry the functions are built with (e.g. the product's plus one).
 */
export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const keyDir = mkdtempSync(join(tmpdir(), "planops-keys-"));
  const projectId = `planops-test-${process.pid}-${++counter}`;
  const services = await startLocalServices({ dataDir: null, keyDir, externalFirestoreHost: process.env.FIRESTORE_EMULATOR_HOST, projectId });
  const db = new Firestore({ projectId, host: services.firestoreHost, ssl: false });
  if (opts.seed !== false) await seedRoster(db, DEMO_ROSTER);
  return serveStack(services, db, { name: `api_${projectId}`, kinds: opts.kinds, cleanup: () => rmSync(keyDir, { recursive: true, force: true }) });
}

/**
 * Every function served over real HTTP on local services and a Firestore client of
 * theirs, with a clock a test may move; stop() ends all of it, then `cleanup`.
 */
export async function serveStack(
  services: LocalServices,
  db: Firestore,
  opts: { name: string; kinds?: readonly DocumentKind[] | undefined; cleanup?: () => void },
): Promise<Stack> {
  const config = parseConfig(services.env);
  let fixedNow: Date | undefined;
  const deps: Deps = {
    db,
    config,
    now: () => fixedNow ?? new Date(),
    send: smtpSender(config.mail.smtpUrl, config.mail.from),
    kinds: opts.kinds ?? DOCUMENT_KINDS,
  };
  const served = await serveFunction(opts.name, createFunctions(config, deps).api);
  return {
    baseUrl: served.baseUrl,
    db,
    mail: services.mail,
    mintToken: services.mintToken,
    setNow: (at) => {
      fixedNow = at;
    },
    env: services.env,
    async stop() {
      await served.close();
      await db.terminate();
      await services.stop();
      opts.cleanup?.();
    },
  };
}

/**
 * Starts one stack for the calling test file (beforeAll) and stops it (afterAll).
 * The returned object forwards to it, so tests use it like the Stack itself.
 */
export function useStack(opts: StackOptions = {}): Stack {
  let current: Stack | undefined;
  beforeAll(async () => {
    current = await startStack(opts);
  });
  afterAll(async () => current?.stop());
  return new Proxy({} as Stack, {
    get(_target, key) {
      if (!current) throw new Error("the stack is used outside a test (it starts in beforeAll)");
      return current[key as keyof Stack];
    },
  });
}
