/**
 * Apps Script stand-in benchmark: what one synchronous UrlFetchApp.fetch costs (worker
 * thread + Atomics.wait round trip) against a local HTTP server on another thread.
 * `npm run bench` runs it; a figure to compare between runs on one machine, not a test.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { loadBundle } from "../src/index.js";

const CALLS = 200;
const ROUNDS = 5;

// The server must not share this thread: UrlFetchApp blocks it while waiting, as Apps Script's does.
const server = new Worker(
  `const http = require("node:http");
  const { parentPort } = require("node:worker_threads");
  const s = http.createServer((req, res) => { res.setHeader("Content-Type", "application/json"); res.end('{"ok":true}'); });
  s.listen(0, "127.0.0.1", () => parentPort.postMessage(s.address().port));`,
  { eval: true },
);
const port = await new Promise<number>((resolve) => server.once("message", resolve));

const dir = mkdtempSync(join(tmpdir(), "gas-standin-bench-"));
writeFileSync(join(dir, "Code.js"), "function evaluate(src) { return (0, eval)(src); }\n");
writeFileSync(join(dir, "appsscript.json"), JSON.stringify({ timeZone: "Asia/Shanghai", runtimeVersion: "V8" }));
const bundle = loadBundle({
  codePath: join(dir, "Code.js"),
  distDir: dir,
  spreadsheet: { owner: "owner@plan.example", sheets: ["计划"] },
  user: { email: "owner@plan.example", locale: "zh_CN" },
  identityToken: () => null,
});
const fetchMany = (n: number) => bundle.call("evaluate", `for (var i = 0; i < ${n}; i++) UrlFetchApp.fetch("http://127.0.0.1:${port}/json"); ${n}`);

fetchMany(20); // warm-up: the fetch worker starts on first use
const perCall: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  const started = performance.now();
  fetchMany(CALLS);
  perCall.push((performance.now() - started) / CALLS);
}
perCall.sort((a, b) => a - b);
console.log("\nApps Script stand-in:");
console.log(`  UrlFetchApp.fetch, synchronous, local server (median of ${ROUNDS} × ${CALLS})   ${perCall[Math.floor(ROUNDS / 2)]!.toFixed(2)} ms per call`);
await server.terminate();
rmSync(dir, { recursive: true, force: true });
