// Makes sure the Chromium the sidebar browser test drives is installed (Debian's
// package: the only browser source this machine's network allows; playwright's
// own download is not reachable, so `npx playwright install` is never used).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const CHROMIUM = "/usr/bin/chromium";

/** Runs a command in the foreground; true when it succeeded. */
function run(command, args) {
  console.log(`ensure-chromium: ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  if (result.status === 0) return true;
  console.error(`ensure-chromium: "${command} ${args.join(" ")}" failed (exit ${result.status ?? result.signal})`);
  return false;
}

/** @returns {boolean} whether Chromium is there at the end */
function ensureChromium() {
  if (existsSync(CHROMIUM)) {
    console.log(`ensure-chromium: ${CHROMIUM} is present; nothing to do`);
    return true;
  }
  if (process.getuid?.() !== 0) {
    console.error(
      `ensure-chromium: ${CHROMIUM} is missing and this is not root, so it cannot be installed here.\n` +
        "Install it with: sudo apt-get update && sudo apt-get install -y chromium",
    );
    return false;
  }
  console.log(`ensure-chromium: ${CHROMIUM} is missing; installing Debian's chromium package`);
  if (!run("apt-get", ["update"]) || !run("apt-get", ["install", "-y", "chromium"])) return false;
  if (!existsSync(CHROMIUM)) {
    console.error(`ensure-chromium: apt-get finished but ${CHROMIUM} is still missing`);
    return false;
  }
  console.log(`ensure-chromium: installed ${CHROMIUM}`);
  return true;
}

if (!ensureChromium()) process.exitCode = 1;
