/** Bundles `entry` into the ES module `outfile` the way dist/index.js is built (see bundle.mjs). */
export function bundle(entry: string, outfile: string): Promise<void>;
