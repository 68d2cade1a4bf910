/**
 * `npm start`: the embedded local stack. Local Firestore (unless FIRESTORE_EMULATOR_HOST
 * points elsewhere), every HTTP function on one port through the real functions-framework,
 * the demo organisation (loaded on first start through the roster submission), a mail
 * receiver for notifications, data in .data/.
 * Without the demo organisation: `PLANOPS_DEMO=0 npm start` or `npm start -- --no-demo`.
 */
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Firestore } from "@google-cloud/firestore";
import { smtpSender } from "../src/notifications/mailer.js";
import { deliverOutbox } from "../src/notifications/outbox.js";
import { parseConfig } from "../src/platform/config.js";
import { DEMO_ROSTER } from "./demo-org.js";
import { seedRoster } from "./seed.js";
import { startLocalServices } from "./services.js";

const here = dirname(fileURLToPath(import.meta.url));
const functionsDir = resolve(here, "../..");
const repoRoot = resolve(functionsDir, "..");
const dataDir = resolve(process.env.PLANOPS_DATA_DIR ?? join(repoRoot, ".data"));
const port = Number(process.env.PORT ?? 8080);

const services = await startLocalServices({
  dataDir,
  keyDir: join(dataDir, "auth"),
  firestorePort: Number(process.env.LOCAL_FIRESTORE_PORT ?? 8081),
  smtpPort: Number(process.env.LOCAL_SMTP_PORT ?? 2525),
  webPort: Number(process.env.LOCAL_MAIL_WEB_PORT ?? 8025),
  externalFirestoreHost: process.env.FIRESTORE_EMULATOR_HOST,
});
// NODE_ENV=production as on Cloud Functions: the framework's own errors (e.g. unparsable JSON) then carry no stack trace.
const env = { ...process.env, ...services.env, PORT: String(port), NODE_ENV: "production" };

process.env.METADATA_SERVER_DETECTION ??= services.env.METADATA_SERVER_DETECTION;
const db = new Firestore({ projectId: services.env.GOOGLE_CLOUD_PROJECT, host: services.firestoreHost, ssl: false });
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

// The package exports no subpath for its CLI; it sits beside the main entry.
const ffBin = join(dirname(createRequire(import.meta.url).resolve("@google-cloud/functions-framework")), "main.js");
const child = spawn(process.execPath, [ffBin, "--target=api", `--source=${join(functionsDir, "dist/index.js")}`, `--port=${port}`], { env, stdio: "inherit" });

// What Cloud Scheduler does through dispatchOutbox, every 10 s: deliver what the request path could not.
const config = parseConfig(env);
const outboxDb = new Firestore({ projectId: services.env.GOOGLE_CLOUD_PROJECT, host: services.firestoreHost, ssl: false });
const send = smtpSender(config.mail.smtpUrl, config.mail.from);
const dispatcher = setInterval(() => {
  deliverOutbox(outboxDb, send, { now: () => new Date(), maxAttempts: config.mail.maxAttempts }).catch((err: unknown) => console.error("outbox:", err));
}, 10_000);

// Stands in for Google sign-in: mints an ID token for a roster email, for curl and manual tests.
const identityPort = Number(process.env.LOCAL_IDENTITY_PORT ?? 8090);
const identity = createServer((req, res) => {
  const email = new URL(req.url ?? "/", "http://x").searchParams.get("email");
  if (!email) res.writeHead(400).end("?email=<roster email> required\n");
  else res.writeHead(200, { "content-type": "text/plain" }).end(services.mintToken(email));
}).listen(identityPort, "127.0.0.1");

const base = `http://localhost:${port}`;
const rosterLine = demoPresent
  ? `Demo roster:              ${rosterEmpty ? "loaded" : "kept from last run"} (${DEMO_ROSTER.length} people, e.g. clerk ${clerk?.name} ${clerk?.email}, manager ${manager?.name} ${manager?.email}, HR ${DEMO_ROSTER.find((p) => p.roles.includes("hr"))?.email})`
  : `Roster:                   ${rosterCount === 0 ? "empty" : `${rosterCount} records kept from last run`}; demo organisation ${withDemo ? "not loaded (the roster was not empty)" : "off (PLANOPS_DEMO=0 / --no-demo)"}` +
    (rosterCount === 0
      ? `\n                            nobody can sign in until a first HR person is written to the roster collection (README, “Deploying for real”, step 4); HR then submits the roster sheet`
      : "");
const asWhom = demoPresent ? clerk?.email : "<roster email>";
const asManager = demoPresent ? manager?.email : "<a manager's email>";
console.log(`
计划运营部 local stack / 本地环境
  API (all functions):      ${base}/<function>      OpenAPI: ${base}/openapi.json
  Local Firestore:          FIRESTORE_EMULATOR_HOST=${services.firestoreHost}
  Local sign-in (tokens):   http://127.0.0.1:${identityPort}/token?email=<roster email>
  Notifications inbox:      ${services.mail.webUrl}   (SMTP ${services.mail.smtpUrl})
  Data kept in:             ${dataDir}   (stop, delete it, start again to reset)
  ${rosterLine}

Try / 试一试:
  TOKEN=$(curl -s "http://127.0.0.1:${identityPort}/token?email=${asWhom}")
  curl -s -H "Authorization: Bearer $TOKEN" ${base}/roster
  curl -s -H "Authorization: Bearer $(curl -s "http://127.0.0.1:${identityPort}/token?email=${asManager}")" ${base}/pendingApprovals
  The add-on itself runs against this stack in the tests (npm test: the built bundle in an Apps Script
  stand-in, the sidebar in Chromium); a real spreadsheet needs a deployed backend (README, Deploying).
Press Ctrl+C to stop; data is saved.
`);

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  clearInterval(dispatcher);
  identity.close();
  child.kill("SIGTERM");
  await Promise.all([outboxDb.terminate(), services.stop()]);
  // Every handle is closed now, so the process ends by itself with this code.
  process.exitCode = code;
}
process.once("SIGINT", () => void stop(0));
process.once("SIGTERM", () => void stop(0));
child.on("exit", (code) => void stop(code ?? 1));
