import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startSheetsStandin } from "./index.js";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const DEFAULT_DATA_FILE = path.join(REPO_ROOT, ".data", "sheets.sqlite");

const USAGE = `Usage: npm start -w @planops/sheets-standin -- [--port N] [--host H] [--data FILE | --memory] [--reset]

  --port N     port to listen on (default 8082; 0 picks a free one)
  --host H     interface to bind (default 127.0.0.1)
  --data FILE  SQLite file holding the spreadsheets (default ${path.relative(process.cwd(), DEFAULT_DATA_FILE) || "."});
               every write is in it before it is answered
  --memory     keep spreadsheets in memory only
  --reset      delete the data file before starting`;

class UsageError extends Error {}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "8082" },
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

  const dataFile = values.memory ? undefined : path.resolve(values.data ?? DEFAULT_DATA_FILE);
  if (dataFile) {
    if (values.reset) await Promise.all(["", "-wal", "-shm"].map((suffix) => rm(`${dataFile}${suffix}`, { force: true })));
    await mkdir(path.dirname(dataFile), { recursive: true });
  }

  const standin = await startSheetsStandin({ port, host: values.host, ...(dataFile ? { dataFile } : {}) });
  console.log(`Sheets API stand-in listening — data: ${dataFile ?? "in memory only"}`);
  console.log(`Dashboards / 仪表板: ${standin.url}`);
  console.log(`Client rootUrl: ${standin.url}`);

  let stopping = false;
  // Every write is in the data file when answered; stop() closes the server and the file, so the process ends by itself.
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    await standin.stop();
    console.log(`${signal}: stopped${dataFile ? `, spreadsheets kept in ${dataFile}` : ""}.`);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((err: unknown) => {
  if (!(err instanceof UsageError)) throw err;
  console.error(`${err.message}\n\n${USAGE}`);
  process.exitCode = 2;
});
