import { rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startLocalFirestore } from "./index.js";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const DEFAULT_DATA_DIR = path.join(REPO_ROOT, ".data", "firestore");

const USAGE = `Usage: npm run firestore -- [--port N] [--host H] [--data DIR | --memory] [--reset]

  --port N     port to listen on (default 8080; 0 picks a free one)
  --host H     interface to bind (default 127.0.0.1)
  --data DIR   folder to load from and save to (default ${path.relative(process.cwd(), DEFAULT_DATA_DIR) || "."})
  --memory     keep data in memory only
  --reset      delete the data folder before starting
  --save-interval MS  autosave period (default 5000)`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "8080" },
    host: { type: "string", default: "127.0.0.1" },
    data: { type: "string" },
    memory: { type: "boolean", default: false },
    reset: { type: "boolean", default: false },
    "save-interval": { type: "string", default: "5000" },
    help: { type: "boolean", short: "h", default: false },
  },
});

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const port = Number(values.port);
const saveIntervalMs = Number(values["save-interval"]);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`Invalid --port: ${values.port}`);
if (!Number.isInteger(saveIntervalMs) || saveIntervalMs <= 0) fail(`Invalid --save-interval: ${values["save-interval"]}`);
if (values.memory && values.data) fail("--data and --memory exclude each other.");

const dataDir = values.memory ? null : path.resolve(values.data ?? DEFAULT_DATA_DIR);
if (values.reset && dataDir) await rm(dataDir, { recursive: true, force: true });

const server = await startLocalFirestore({ port, host: values.host, dataDir, saveIntervalMs });
console.log(`Local Firestore listening on ${server.host} — data: ${dataDir ?? "in memory only"}`);
console.log(`FIRESTORE_EMULATOR_HOST=${server.host}`);

let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  await server.stop();
  console.log(`${signal}: stopped${dataDir ? `, data saved to ${dataDir}` : ""}.`);
  process.exit(0);
};
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
