/**
 * The embedded local stack `npm start` runs (start.ts checks the ports first). Local
 * Firestore (unless FIRESTORE_EMULATOR_HOST points elsewhere), every HTTP function on
 * one port through the real functions-framework, the demo organisation (loaded on
 * first start through the roster submission), a mail receiver for notifications,
 * data in .data/.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { get, createServer, type Server } from "node:http";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { Firestore } from "@google-cloud/firestore";
import { DOCUMENT_KINDS } from "@planops/shared";
import { smtpSender } from "../src/notifications/mailer.js";
import { deliverOutbox } from "../src/notifications/outbox.js";
import { runReminders } from "../src/reminders/run.js";
import { rollupJob } from "../src/schedule/rollup-job.js";
import { parseConfig } from "../src/platform/config.js";
import { DEMO_ROSTER } from "./demo-org.js";
import { describeListenError, type StackPorts } from "./ports.js";
import { seedRoster } from "./seed.js";
import { type LocalServices, startLocalServices } from "./services.js";

const here = dirname(fileURLToPath(import.meta.url));
const functionsDir = resolve(here, "../..");
const repoRoot = resolve(functionsDir, "..");

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolvePromise();
    });
  });
}

/** How long the functions may take to give their first answer before the start is given up. */
const FUNCTIONS_READY_MS = 60_000;

/** Resolves true once the functions answer `url` with 200, false when their process ends first or the time is up. */
async function functionsAnswer(url: string, child: ChildProcess): Promise<boolean> {
  const ended = () => child.exitCode !== null || child.signalCode !== null;
  const exited = new Promise<false>((resolvePromise) => child.once("exit", () => resolvePromise(false)));
  const ok = () =>
    new Promise<boolean>((resolvePromise) => {
      get(url, { agent: false }, (res) => {
        res.resume();
        resolvePromise(res.statusCode === 200);
      }).once("error", () => resolvePromise(false));
    });
  const deadline = Date.now() + FUNCTIONS_READY_MS;
  while (!ended() && Date.now() < deadline) {
    if (await Promise.race([ok(), exited])) return true;
    // Not listening yet: functions-framework is still loading the bundle.
    await Promise.race([sleep(25), exited]);
  }
  return false;
}

/** Starts the stack and prints the guide; resolves once it is up. It stops on Ctrl+C / SIGTERM or when the functions exit. */
export async function runLocalStack(ports: StackPorts): Promise<void> {
  const dataDir = resolve(process.env.PLANOPS_DATA_DIR ?? join(repoRoot, ".data"));
  const port = ports.functions.port;
  const identityPort = ports.identity.port;
  let services: LocalServices | undefined;
  // Stands in for Google sign-in: mints an ID token for a roster email, for curl and manual tests (listens once services are up).
  const identity = createServer((req, res) => {
    const email = new URL(req.url ?? "/", "http://x").searchParams.get("email");
    if (!email || !services) res.writeHead(400).end("?email=<roster email> required\n");
    else res.writeHead(200, { "content-type": "text/plain" }).end(services.mintToken(email));
  });
  try {
    services = await startLocalServices({
      dataDir,
      keyDir: join(dataDir, "auth"),
      firestorePort: ports.firestore?.port ?? 0,
      smtpPort: ports.smtp.port,
      webPort: ports.mailWeb.port,
      sheetsPort: ports.sheets.port,
      externalFirestoreHost: process.env.FIRESTORE_EMULATOR_HOST,
    });
    await listen(identity, identityPort, "127.0.0.1");
  } catch (err) {
    // Taken between the check and here: the same one line, not a stack trace.
    const line = describeListenError(ports, err);
    if (!line) throw err;
    console.error(line);
    await services?.stop();
    process.exitCode = 1;
    return;
  }
  const local = services;
  // NODE_ENV=production as on Cloud Functions: the framework's own errors (e.g. unparsable JSON) then carry no stack trace.
  const env = { ...process.env, ...local.env, PORT: String(port), NODE_ENV: "production" };
  const projectId = local.env.GOOGLE_CLOUD_PROJECT;

  process.env.METADATA_SERVER_DETECTION ??= local.env.METADATA_SERVER_DETECTION;
  const db = new Firestore({ projectId, host: local.firestoreHost, ssl: false });
  // The demo organisation goes in on first start (empty roster) as a roster sheet, through the same path as HR's submission.
  const withDemo = process.env.PLANOPS_DEMO !== "0" && !process.argv.includes("--no-demo");
  const rosterEmpty = (await db.collection("roster").limit(1).get()).empty;
  if (withDemo && rosterEmpty) await seedRoster(db, DEMO_ROSTER);
  const manager = DEMO_ROSTER.find((p) => p.roles.includes("manager"));
  const clerk = DEMO_ROSTER.find((p) => p.group === "计划组");
  // Name demo people only when they are really there (a kept roster may be a real one).
  const demoPresent = withDemo && manager !== undefined && clerk !== undefined && (await db.collection("roster").doc(clerk.email).get()).exists;
  const rosterCount = (await db.collection("roster").select().get()).size;
  await db.terminate();

  // stdin is a pipe the child watches: if this process dies (even kill -9), the functions end too and free their port.
  const child = spawn(
    process.execPath,
    [join(here, "functions-child.js"), "--target=api", `--source=${join(functionsDir, "dist/index.mjs")}`, `--port=${port}`],
    {
      env,
      stdio: ["pipe", "inherit", "inherit"],
    },
  );

  // What Cloud Scheduler does through dispatchOutbox, every 10 s: deliver what the request path could not.
  const config = parseConfig(env);
  const outboxDb = new Firestore({ projectId, host: local.firestoreHost, ssl: false });
  const send = smtpSender(config.mail.smtpUrl, config.mail.from);
  const dispatcher = setInterval(() => {
    deliverOutbox(outboxDb, send, { now: () => new Date(), maxAttempts: config.mail.maxAttempts }).catch((err: unknown) => console.error("outbox:", err));
  }, 10_000);

  // What Cloud Scheduler does through runReminders, every minute here: due-date, overdue and approval reminders (each sent once, however often it runs).
  const reminderDeps = { db: outboxDb, config, now: () => new Date(), send, kinds: DOCUMENT_KINDS };
  const reminderTimer = setInterval(() => {
    runReminders(reminderDeps, new Date()).catch((err: unknown) => console.error("reminders:", err));
  }, 60_000);

  // What Cloud Scheduler does through runScheduledRollup, every 5 minutes here (and once right after start): the incremental roll-up (汇总), the dashboards written from it, missing operations data flagged.
  const rollup = () => rollupJob(reminderDeps, new Date()).catch((err: unknown) => console.error("roll-up:", err));
  void rollup();
  const rollupTimer = setInterval(rollup, 5 * 60_000);

  let stopping = false;
  async function stop(code: number) {
    if (stopping) return;
    stopping = true;
    clearInterval(dispatcher);
    clearInterval(reminderTimer);
    clearInterval(rollupTimer);
    identity.close();
    child.kill("SIGTERM");
    await Promise.all([outboxDb.terminate(), local.stop()]);
    // Every handle is closed now, so the process ends by itself with this code.
    process.exitCode = code;
  }
  process.once("SIGINT", () => void stop(0));
  process.once("SIGTERM", () => void stop(0));
  child.on("exit", (code) => void stop(code ?? 1));

  // The guide comes once the functions answer, so everything it shows works when it appears.
  if (!(await functionsAnswer(`http://127.0.0.1:${port}/healthz`, child))) {
    if (!stopping) console.error(`The functions did not answer on port ${port} within ${FUNCTIONS_READY_MS / 1000} s; stopping.`);
    await stop(1);
    return;
  }
  if (stopping) return;

  const base = `http://localhost:${port}`;
  const signIn = `http://127.0.0.1:${identityPort}/token?email=`;
  const firestoreLine = ports.firestore
    ? `FIRESTORE_EMULATOR_HOST=${local.firestoreHost}   project ${projectId}   (LOCAL_FIRESTORE_PORT)`
    : `FIRESTORE_EMULATOR_HOST=${local.firestoreHost} (yours, from the environment)   project ${projectId}`;
  const rosterLine = demoPresent
    ? `Demo roster:              ${rosterEmpty ? "loaded" : "kept from last run"} (${DEMO_ROSTER.length} people, e.g. clerk ${clerk?.name} ${clerk?.email}, manager ${manager?.name} ${manager?.email}, HR ${DEMO_ROSTER.find((p) => p.roles.includes("hr"))?.email})   (PLANOPS_DEMO=0: none in a new data folder)`
    : `Roster:                   ${rosterCount === 0 ? "empty" : `${rosterCount} records kept from last run`}; demo organisation ${withDemo ? "not loaded (the roster was not empty)" : "off (PLANOPS_DEMO=0 / --no-demo)"}` +
      (rosterCount === 0
        ? `\n                            nobody can sign in until a first HR person is written to the roster collection (README, “Deploying for real”, step 4); HR then submits the roster sheet`
        : "");
  const asWhom = demoPresent ? clerk?.email : "<roster email>";
  const asManager = demoPresent ? manager?.email : "<a manager's email>";
  console.log(`
计划运营部 local stack / 本地环境          (in brackets: the variable that changes it)
  API (all functions):      ${base}/<function>   OpenAPI: ${base}/openapi.json   (PORT)
  Local Firestore:          ${firestoreLine}
  Local sign-in (tokens):   ${signIn}<roster email>   (LOCAL_IDENTITY_PORT)
  Notifications inbox:      ${local.mail.webUrl}   as JSON: ${local.mail.webUrl}messages.json   (LOCAL_MAIL_WEB_PORT)
  Mail receiver (SMTP):     ${local.mail.smtpUrl}   (LOCAL_SMTP_PORT)
  Dashboards / 仪表板:      ${local.sheetsUrl}   (LOCAL_SHEETS_PORT)
  Data kept in:             ${dataDir}   (PLANOPS_DATA_DIR; stop, delete it, start again to reset)
  ${rosterLine}

Try / 试一试:
  TOKEN=$(curl -s "${signIn}${asWhom}")
  curl -s -H "Authorization: Bearer $TOKEN" ${base}/roster
  curl -s -H "Authorization: Bearer $(curl -s "${signIn}${asManager}")" ${base}/pendingApprovals
  curl -s ${local.mail.webUrl}messages.json    # every notification sent, oldest first
  The add-on itself runs against this stack in the tests (npm test: the built bundle in an Apps Script
  stand-in, the sidebar in Chromium); a real spreadsheet needs a deployed backend (README, Deploying).
Press Ctrl+C to stop; data is saved.
`);
}
