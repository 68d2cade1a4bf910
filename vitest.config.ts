import type { Reporter } from "vitest/reporters";
import { defineConfig } from "vitest/config";

/** Ends the run with one plain "N passed, N failed" line that any CI log reader understands. */
const summaryLine: Reporter = {
  onTestRunEnd(testModules, unhandledErrors) {
    let passed = 0;
    let failed = unhandledErrors.length;
    let skipped = 0;
    for (const m of testModules) {
      for (const t of m.children.allTests()) {
        const state = t.result().state;
        if (state === "passed") passed++;
        else if (state === "failed") failed++;
        else skipped++;
      }
    }
    console.log(`\nTests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
  },
};

export default defineConfig({
  // Workspace packages are read from their TypeScript source (their "source" export), not their build.
  resolve: { conditions: ["source"] },
  ssr: { resolve: { conditions: ["source"] } },
  test: {
    include: ["functions/test/**/*.test.ts", "sheets-addon/test/**/*.test.ts", "packages/*/test/**/*.test.ts"],
    reporters: ["default", summaryLine],
    // Local only: without this, Google's auth library probes for the GCE metadata server (a DNS lookup off this machine).
    env: { METADATA_SERVER_DETECTION: "none" },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
