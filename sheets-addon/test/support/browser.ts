import { type Browser, chromium } from "playwright-core";

/**
 * Debian's Chromium, headless, as every browser test starts it. Without the
 * background-networking flags it tries to reach Google's hosts, which this
 * machine's closed network refuses.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
