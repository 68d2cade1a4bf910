import type { Metafile } from "esbuild";

/** Bundles `entry` into ES modules in `outdir` the way dist/ is built (see bundle.mjs); resolves with esbuild's metafile. */
export function bundle(entry: string, outdir: string): Promise<Metafile>;
