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
  --data DIR   folder holding the data (default ${path.relative(process.cwd(), DEFAULT_DATA_DIR) || "."});
               every write is on disk there before it is acknowledged
  --memory     keep data in memory only
  --reset      delete the data folder before starting`;

class UsageError extends Error {}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "8080" },
      host: { type: "string", default: "127.0.0.1" },
      data: { type: "string" },
      memory: { type: "boolean", default: false },
      reset: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`Invalid --port: ${values.port}`);
  if (values.memory && values.data) throw new UsageError("--data and --memory exclude each other.");

  const dataDir = values.memory ? null : path.resolve(values.data ?? DEFAULT_DATA_DIR);
  if (values.reset && dataDir) await rm(dataDir, { recursive: true, force: true });

  const server = await startLocalFirestore({ port, host: values.host, dataDir });
  console.log(`Local Firestore listening on ${server.host} — data: ${dataDir ?? "in memory only"}`);
  console.log(`FIRESTORE_EMULATOR_HOST=${server.host}`);

  let stopping = false;
  // Every write is on disk when acknowledged; stop() closes every handle (and the data folder), so the process ends by itself.
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    await server.stop();
    console.log(`${signal}: stopped${dataDir ? `, data kept in ${dataDir}` : ""}.`);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((err: unknown) => {
  if (!(err instanceof UsageError)) throw err;
  console.error(`${err.message}\n\n${USAGE}`);
  process.exitCode = 2;
});
