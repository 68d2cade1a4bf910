import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["functions/test/**/*.test.ts", "sheets-addon/test/**/*.test.ts"],
    benchmark: { include: ["functions/bench/**/*.bench.ts", "sheets-addon/bench/**/*.bench.ts"] },
    // Local only: without this, Google's auth library probes for the GCE metadata server (a DNS lookup off this machine).
    env: { METADATA_SERVER_DETECTION: "none" },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
