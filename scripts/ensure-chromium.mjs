// Makes sure the Chromium the sidebar browser test drives is installed (Debian's
// package: the only browser source this machine's network allows; playwright's
// own download is not reachable, so `npx playwright install` is never used).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const CHROMIUM = "/usr/bin/chromium";

function run(command, args) {
  console.log(`ensure-chromium: ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  if (result.status !== 0) {
    console.error(`ensure-chromium: "${command} ${args.join(" ")}" failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
}

if (existsSync(CHROMIUM)) {
  console.log(`ensure-chromium: ${CHROMIUM} is present; nothing to do`);
} else if (process.getuid?.() === 0) {
  console.log(`ensure-chromium: ${CHROMIUM} is missing; installing Debian's chromium package`);
  run("apt-get", ["update"]);
  run("apt-get", ["install", "-y", "chromium"]);
  if (!existsSync(CHROMIUM)) {
    console.error(`ensure-chromium: apt-get finished but ${CHROMIUM} is still missing`);
    process.exit(1);
  }
  console.log(`ensure-chromium: installed ${CHROMIUM}`);
} else {
  console.error(
    `ensure-chromium: ${CHROMIUM} is missing and this is not root, so it cannot be installed here.\n` +
      "Install it with: sudo apt-get update && sudo apt-get install -y chromium",
  );
  process.exit(1);
}
