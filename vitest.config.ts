import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["functions/test/**/*.test.ts", "sheets-addon/test/**/*.test.ts"],
    benchmark: { include: ["functions/bench/**/*.bench.ts", "sheets-addon/bench/**/*.bench.ts"] },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
