import type { BuildConfig } from "./config.js";

declare global {
  /** Replaced by build.mjs (esbuild `define`) with the chosen environment's config. */
  const __PLANOPS_CONFIG__: BuildConfig;
}
