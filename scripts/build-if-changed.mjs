// @ts-check
/**
 * `npm start`'s build: the same steps as `npm run build`, each skipped when nothing it
 * reads has changed since this script last built it and its output is still exactly
 * what that build left. A fresh clone (no record yet) builds everything.
 *
 * Each step's record lives in node_modules/.cache/planops-build/<step>.json: a
 * fingerprint (path, size, mtime) of every file it reads — sources, configs, the
 * lockfiles — taken before it ran, and one of its outputs taken after. A step runs
 * again when either differs: a source edited, added or deleted, `npm install`, or the
 * output deleted or rewritten by something else (e.g. `npm run build`). A failed step
 * leaves no record, so it runs again next time. Independent steps run in parallel;
 * the TypeScript projects build with `--incremental` while their output is still ours.
 *
 * Keep the steps in line with the `build` scripts of the workspaces (root package.json).
 * Usage: node scripts/build-if-changed.mjs [--force]
 */
import { spawn } from "node:child_process";
import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const tsc = createRequire(join(repoRoot, "package.json")).resolve("typescript/bin/tsc");

/** What every step reads besides its own files: the compiler settings and the installed packages. */
export const COMMON_INPUTS = ["tsconfig.json", "package-lock.json", "node_modules/.package-lock.json"];
const SHARED_SOURCES = ["packages/shared/src", "packages/shared/package.json"];

/**
 * One build step: `node <command…>` run in `cwd`; paths relative to the repository root.
 * @typedef {{ name: string; command: string[]; cwd?: string; inputs: string[]; outputs: string[]; after?: string[]; tsBuildInfo?: boolean }} Step
 * @type {Step[]}
 */
export const STEPS = [
  {
    name: "shared",
    command: [tsc, "-p", "packages/shared"],
    inputs: [...SHARED_SOURCES, "packages/shared/tsconfig.json"],
    outputs: ["packages/shared/lib"],
    tsBuildInfo: true,
  },
  {
    name: "local-firestore",
    command: [tsc, "-p", "packages/local-firestore"],
    inputs: ["packages/local-firestore/src", "packages/local-firestore/tsconfig.json", "packages/local-firestore/package.json"],
    outputs: ["packages/local-firestore/lib"],
    tsBuildInfo: true,
  },
  {
    name: "sheets-standin",
    command: [tsc, "-p", "packages/sheets-standin"],
    inputs: ["packages/sheets-standin/src", "packages/sheets-standin/tsconfig.json", "packages/sheets-standin/package.json"],
    outputs: ["packages/sheets-standin/lib"],
    tsBuildInfo: true,
  },
  {
    // Type-checks against the local packages' declarations, so it reads (and waits for) them.
    name: "functions",
    command: [tsc, "-p", "functions"],
    inputs: ["functions/src", "functions/local", "functions/tsconfig.json", "functions/package.json"],
    outputs: ["functions/lib"],
    after: ["shared", "local-firestore", "sheets-standin"],
    tsBuildInfo: true,
  },
  {
    name: "bundle",
    command: ["functions/bundle.mjs"],
    inputs: ["functions/src", "functions/bundle.mjs", "functions/package.json", ...SHARED_SOURCES],
    outputs: ["functions/dist"],
  },
  {
    name: "add-on",
    command: ["build.mjs", "--env", "dev"],
    cwd: "sheets-addon",
    inputs: ["sheets-addon/src", "sheets-addon/config", "sheets-addon/build.mjs", "sheets-addon/package.json", ...SHARED_SOURCES],
    outputs: ["sheets-addon/dist"],
  },
];

/** @param {string} root @param {string} path @param {string[]} into */
async function listFiles(root, path, into) {
  const info = await stat(path).catch(() => undefined);
  if (!info) {
    into.push(`${relative(root, path)} missing`);
  } else if (info.isDirectory()) {
    const entries = await readdir(path, { withFileTypes: true });
    for (const e of entries) if (e.name !== "node_modules") await listFiles(root, join(path, e.name), into);
  } else {
    into.push(`${relative(root, path)} ${info.size} ${info.mtimeMs}`);
  }
  return into;
}

/** One hash over (path, size, mtime) of every file under the given paths; null when none exists. */
async function fingerprint(/** @type {string} */ root, /** @type {string[]} */ paths) {
  /** @type {string[]} */
  const lines = [];
  for (const p of paths) await listFiles(root, join(root, p), lines);
  if (lines.every((l) => l.endsWith(" missing"))) return null;
  return createHash("sha256").update(lines.sort().join("\n")).digest("hex");
}

/** @param {string[]} args @param {string} cwd */
function run(args, cwd) {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, args, { cwd, stdio: ["ignore", "inherit", "inherit"] });
    child.once("error", () => resolvePromise(1));
    child.once("exit", (code, signal) => resolvePromise(signal ? 1 : (code ?? 1)));
  });
}

/**
 * @typedef {{ root: string; steps: Step[]; cacheDir: string; force: boolean; commonInputs: string[] }} Context
 * @typedef {{ step: string; built: boolean; ok: boolean; ms: number }} Result
 */

/** @param {Context} ctx @param {Step} step @returns {Promise<Result>} */
async function buildStep(ctx, step) {
  const inputsOf = [...ctx.commonInputs, ...step.inputs, ...(step.after ?? []).flatMap((n) => ctx.steps.find((s) => s.name === n)?.inputs ?? [])];
  const recordFile = join(ctx.cacheDir, `${step.name}.json`);
  const buildInfoFile = join(ctx.cacheDir, `${step.name}.tsbuildinfo`);
  /** @type {{ inputs: string | null; outputs: string | null } | undefined} */
  const record = await readFile(recordFile, "utf8").then(
    (text) => JSON.parse(text),
    () => undefined,
  );
  const [inputs, outputs] = await Promise.all([fingerprint(ctx.root, inputsOf), fingerprint(ctx.root, step.outputs)]);
  const outputIsOurs = record !== undefined && outputs !== null && record.outputs === outputs;
  if (!ctx.force && outputIsOurs && record.inputs === inputs) return { step: step.name, built: false, ok: true, ms: 0 };

  const args = [...step.command];
  if (step.tsBuildInfo) {
    // tsc trusts its build info over the output folder: keep it only while the output is exactly what it built.
    if (ctx.force || !outputIsOurs) await rm(buildInfoFile, { force: true });
    args.push("--incremental", "--tsBuildInfoFile", buildInfoFile);
  }
  await rm(recordFile, { force: true });
  const started = performance.now();
  const code = await run(args, join(ctx.root, step.cwd ?? "."));
  const ms = performance.now() - started;
  if (code !== 0) return { step: step.name, built: true, ok: false, ms };
  await writeFile(recordFile, `${JSON.stringify({ inputs, outputs: await fingerprint(ctx.root, step.outputs) })}\n`);
  return { step: step.name, built: true, ok: true, ms };
}

/**
 * Builds what changed, in dependency order, independent steps in parallel. Resolves with
 * each step's result; prints one line (plus whatever a step prints).
 * @param {{ force?: boolean; root?: string; steps?: Step[]; cacheDir?: string; commonInputs?: string[]; log?: (line: string) => void }} [options]
 * @returns {Promise<{ ok: boolean; results: Result[] }>}
 */
export async function buildIfChanged(options = {}) {
  const root = options.root ?? repoRoot;
  /** @type {Context} */
  const ctx = {
    root,
    steps: options.steps ?? STEPS,
    cacheDir: options.cacheDir ?? join(root, "node_modules/.cache/planops-build"),
    force: options.force ?? false,
    commonInputs: options.commonInputs ?? COMMON_INPUTS,
  };
  const log = options.log ?? ((line) => console.log(line));
  const started = performance.now();
  await mkdir(ctx.cacheDir, { recursive: true });
  /** @type {Map<string, Promise<Result>>} */
  const results = new Map();
  let slots = Math.max(1, availableParallelism());
  /** @type {(() => void)[]} */
  const queue = [];
  /** @returns {Promise<void>} */
  const acquire = () => (slots-- > 0 ? Promise.resolve() : new Promise((r) => queue.push(() => r(undefined))));
  const release = () => {
    slots++;
    queue.shift()?.();
  };
  for (const step of ctx.steps) {
    const upstream = (step.after ?? []).map((n) => results.get(n));
    results.set(
      step.name,
      Promise.all(upstream).then(async (done) => {
        if (done.some((d) => !d?.ok)) return { step: step.name, built: false, ok: false, ms: 0 };
        await acquire();
        try {
          return await buildStep(ctx, step);
        } finally {
          release();
        }
      }),
    );
  }
  const all = await Promise.all(results.values());
  const built = all.filter((r) => r.built);
  const failed = all.filter((r) => !r.ok);
  const total = ((performance.now() - started) / 1000).toFixed(1);
  if (failed.length > 0) log(`build failed: ${failed.map((r) => r.step).join(", ")} (see above)`);
  else if (built.length === 0) log(`build: up to date (${ctx.steps.map((s) => s.name).join(", ")}), checked in ${total} s`);
  else log(`build: ${built.map((r) => `${r.step} ${(r.ms / 1000).toFixed(1)} s`).join(", ")}; ${total} s in all`);
  return { ok: failed.length === 0, results: all };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { ok } = await buildIfChanged({ force: process.argv.includes("--force") });
  process.exitCode = ok ? 0 : 1;
}
