// Makes sure the Chromium the sidebar browser test drives is installed (Debian's
// package: the only browser source this machine's network allows; playwright's
// own download is not reachable, so `npx playwright install` is never used), and
// a Chinese font (Debian's fonts-wqy-microhei), without which the sidebar's
// screenshots show Chinese as empty boxes.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const CHROMIUM = "/usr/bin/chromium";
const CHINESE_FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

/** Runs a command in the foreground; true when it succeeded. */
function run(command, args) {
  console.log(`ensure-chromium: ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  if (result.status === 0) return true;
  console.error(`ensure-chromium: "${command} ${args.join(" ")}" failed (exit ${result.status ?? result.signal})`);
  return false;
}

let updated = false;
/** apt-get update once per run, before the first install. */
function aptInstall(pkg) {
  if (!updated && !run("apt-get", ["update"])) return false;
  updated = true;
  return run("apt-get", ["install", "-y", pkg]);
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
  if (!aptInstall("chromium")) return false;
  if (!existsSync(CHROMIUM)) {
    console.error(`ensure-chromium: apt-get finished but ${CHROMIUM} is still missing`);
    return false;
  }
  console.log(`ensure-chromium: installed ${CHROMIUM}`);
  return true;
}

/**
 * The Chinese font is not needed for the tests to pass, only for their screenshots
 * to be readable: a missing one is installed when possible, else only reported.
 */
function ensureChineseFont() {
  if (existsSync(CHINESE_FONT)) {
    console.log(`ensure-chromium: ${CHINESE_FONT} is present; nothing to do`);
    return;
  }
  if (process.getuid?.() !== 0) {
    console.warn(
      `ensure-chromium: the Chinese font ${CHINESE_FONT} is missing and this is not root; screenshots of the sidebar will show boxes for Chinese.\n` +
        "Install it with: sudo apt-get update && sudo apt-get install -y fonts-wqy-microhei",
    );
    return;
  }
  console.log("ensure-chromium: installing Debian's fonts-wqy-microhei (Chinese in the sidebar's screenshots)");
  if (!aptInstall("fonts-wqy-microhei")) console.warn("ensure-chromium: could not install fonts-wqy-microhei; screenshots will show boxes for Chinese");
}

if (!ensureChromium()) process.exitCode = 1;
ensureChineseFont();
