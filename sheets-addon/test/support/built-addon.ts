import { execFile } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const addonRoot = fileURLToPath(new URL("../..", import.meta.url));

export interface BuiltAddon {
  dir: string;
  code: string;
  sidebarHtml: string;
  manifest: unknown;
}

/** Runs the real build.mjs into a fresh temp folder, so test files never race on dist/. */
export async function buildAddon(env: "dev" | "prod" = "dev"): Promise<BuiltAddon> {
  const dir = await mkdtemp(join(tmpdir(), "planops-addon-"));
  await promisify(execFile)(process.execPath, [join(addonRoot, "build.mjs"), "--env", env, "--out", dir], { cwd: addonRoot });
  const [code, sidebarHtml, manifest] = await Promise.all([
    readFile(join(dir, "Code.js"), "utf8"),
    readFile(join(dir, "Sidebar.html"), "utf8"),
    readFile(join(dir, "appsscript.json"), "utf8"),
  ]);
  return { dir, code, sidebarHtml, manifest: JSON.parse(manifest) };
}
