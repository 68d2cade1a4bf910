// @ts-check
/**
 * Builds what Cloud Functions runs: src/index.ts as ES modules in dist/ (entry
 * dist/index.mjs), with everything they import inside — the workspace package
 * @planops/shared (not on npm) and the npm dependencies (Firestore,
 * google-auth-library, nodemailer, zod) — except functions-framework, which loads
 * the entry and must be the same instance the functions register with. Bundled code
 * loads faster on a cold start than the module graph of node_modules, and it is split
 * where the source imports lazily (`import()`): a cold start loads the entry and what
 * it imports statically (the sign-in check and the REST roster reads, no Firestore
 * client), the rest when a request needs it (functions/bench/cold-start.ts measures
 * both). Cloud Build still installs package.json's dependencies: the framework, and
 * what bundled code resolves at run time through `require` (see the banner).
 */
import * as esbuild from "esbuild";
import { readFileSync, rmSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(fileURLToPath(import.meta.url));

/** The bundled CommonJS packages call require() and read __dirname; an ES module has neither, so they are defined from this file's URL. */
const COMMONJS_GLOBALS = [
  `import { createRequire as __planopsCreateRequire } from "node:module";`,
  `import { fileURLToPath as __planopsFileURLToPath } from "node:url";`,
  `import { dirname as __planopsDirname } from "node:path";`,
  `const require = __planopsCreateRequire(import.meta.url);`,
  `const __filename = __planopsFileURLToPath(import.meta.url);`,
  `const __dirname = __planopsDirname(__filename);`,
].join("\n");

/**
 * One copy of each package version. In the workspace npm nests the same version of a
 * package under each dependant that cannot share the root's copy (the root holds older
 * google-gax and google-auth-library for firebase-tools): @google-cloud/firestore and
 * @google-cloud/firestore-api each get their own google-gax 6, and there are three
 * google-auth-library 11. Installed from functions/package.json alone, as Cloud Build
 * does, there is one of each; this resolves every copy of a name@version to the first
 * one found, so the bundle has one too (and loads each once).
 * @returns {esbuild.Plugin}
 */
function dedupePackages() {
  /** @type {Map<string, string>} name@version → the package folder used for it */
  const chosen = new Map();
  /** @param {string} file @returns {{ root: string; key: string } | undefined} */
  const packageOf = (file) => {
    const parts = file.split(sep);
    const at = parts.lastIndexOf("node_modules");
    if (at < 0) return undefined;
    const depth = parts[at + 1]?.startsWith("@") ? 2 : 1;
    const root = parts.slice(0, at + 1 + depth).join(sep);
    try {
      const { name, version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
      return { root, key: `${name}@${version}` };
    } catch {
      return undefined;
    }
  };
  return {
    name: "dedupe-packages",
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData === "dedupe" || args.path.startsWith("node:")) return undefined;
        const result = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: "dedupe" });
        if (result.errors.length > 0 || result.external || !result.path.includes(`${sep}node_modules${sep}`)) return result;
        const pkg = packageOf(result.path);
        if (!pkg) return result;
        const root = chosen.get(pkg.key) ?? pkg.root;
        chosen.set(pkg.key, root);
        return root === pkg.root ? result : { ...result, path: join(root, relative(pkg.root, result.path)) };
      });
    },
  };
}

/**
 * Bundles `entry` into ES modules in `outdir` as above, the entry named after its source
 * file; resolves with esbuild's metafile (which output imports which, and what each
 * holds). The cold-start benchmark bundles its Firestore-only baseline the same way.
 * @param {string} entry
 * @param {string} outdir
 * @returns {Promise<esbuild.Metafile>}
 */
export async function bundle(entry, outdir) {
  const result = await esbuild.build({
    entryPoints: [entry],
    outdir,
    bundle: true,
    splitting: true,
    // Chunks beside the entry: bundled packages that find files from __dirname see the same folder from every chunk.
    entryNames: "[name]",
    chunkNames: "[name]-[hash]",
    // .mjs: functions-framework knows an .mjs entry is an ES module; for .js it first loads a package.json reader to
    // look for "type": "module" (~15 ms of every cold start).
    outExtension: { ".js": ".mjs" },
    platform: "node",
    format: "esm",
    target: "node22",
    // The workspace packages are read from their TypeScript source ("source" export); npm packages declare no such condition.
    conditions: ["source"],
    external: ["@google-cloud/functions-framework"],
    banner: { js: COMMONJS_GLOBALS },
    sourcemap: true,
    // Stack traces need the mappings only; the sources would make the map many times the size of the bundle.
    sourcesContent: false,
    // protobufjs probes for optional modules with eval("require"); that resolves through the banner's require.
    logOverride: { "direct-eval": "silent" },
    plugins: [dedupePackages()],
    metafile: true,
    logLevel: "warning",
  });
  return result.metafile;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    // Chunks of an earlier build would stay beside the new ones.
    rmSync(join(root, "dist"), { recursive: true, force: true });
    await bundle(join(root, "src/index.ts"), join(root, "dist"));
  } catch {
    // esbuild has printed the errors.
    process.exitCode = 1;
  }
}
