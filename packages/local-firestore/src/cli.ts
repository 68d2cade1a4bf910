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

class UsageError extends Error {}

async function main(): Promise<void> {
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
    return;
  }
  const port = Number(values.port);
  const saveIntervalMs = Number(values["save-interval"]);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`Invalid --port: ${values.port}`);
  if (!Number.isInteger(saveIntervalMs) || saveIntervalMs <= 0) throw new UsageError(`Invalid --save-interval: ${values["save-interval"]}`);
  if (values.memory && values.data) throw new UsageError("--data and --memory exclude each other.");

  const dataDir = values.memory ? null : path.resolve(values.data ?? DEFAULT_DATA_DIR);
  if (values.reset && dataDir) await rm(dataDir, { recursive: true, force: true });

  const server = await startLocalFirestore({ port, host: values.host, dataDir, saveIntervalMs });
  console.log(`Local Firestore listening on ${server.host} — data: ${dataDir ?? "in memory only"}`);
  console.log(`FIRESTORE_EMULATOR_HOST=${server.host}`);

  let stopping = false;
  // stop() closes every handle, so the process ends by itself once the data is saved.
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    await server.stop();
    console.log(`${signal}: stopped${dataDir ? `, data saved to ${dataDir}` : ""}.`);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((err: unknown) => {
  if (!(err instanceof UsageError)) throw err;
  console.error(`${err.message}\n\n${USAGE}`);
  process.exitCode = 2;
});
