// @ts-check
/**
 * Builds what Cloud Functions runs: src/index.ts as ONE ES module, dist/index.js.
 * The workspace package @planops/shared is not on npm, so it is bundled in; the
 * functions' npm dependencies stay external and are installed by Cloud Build from
 * package.json. One file also loads faster on a cold start than the module graph.
 */
import * as esbuild from "esbuild";
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(fileURLToPath(import.meta.url));
const pkg = JSON.parse(await readFile(join(root, "package.json"), "utf8"));
const external = Object.keys(pkg.dependencies ?? {});

try {
  await esbuild.build({
    entryPoints: [join(root, "src/index.ts")],
    outfile: join(root, "dist/index.js"),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node22",
    conditions: ["source"],
    external,
    sourcemap: true,
    logLevel: "warning",
  });
} catch {
  // esbuild has printed the errors.
  process.exitCode = 1;
}
