/** `npm run bench`: runs every benchmark script in turn, each in its own process. */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

// This folder (API, cold-start and roll-up benchmarks) and the benchmark folders of the local Firestore and the Apps Script stand-in.
const dirs = [".", "../../packages/local-firestore/bench/", "../../packages/gas-standin/bench/"].map((path) => fileURLToPath(new URL(path, import.meta.url)));
let failed = false;
for (const dir of dirs) {
  const scripts = readdirSync(dir)
    .filter((f) => f.endsWith(".ts") && f !== "run.ts")
    .sort();
  for (const s of scripts) {
    console.log(`\n=== ${s} ===`);
    // Local only: keep Google's auth library from probing for the GCE metadata server.
    const env = { ...process.env, METADATA_SERVER_DETECTION: "none" };
    const r = spawnSync(process.execPath, ["--conditions=source", "--import", "tsx", `${dir}${s}`], { stdio: "inherit", env });
    failed ||= r.status !== 0;
  }
}
process.exitCode = failed ? 1 : 0;
