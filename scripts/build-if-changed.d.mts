/** Declarations for build-if-changed.mjs (used by its test). */
export interface Step {
  name: string;
  /** Arguments to `node`, run in `cwd` (relative to the root). */
  command: string[];
  cwd?: string;
  /** Files and folders the step reads, relative to the root. */
  inputs: string[];
  /** Files and folders it writes. */
  outputs: string[];
  /** Steps it reads the output of: it waits for them, and their inputs count as its own. */
  after?: string[];
  /** A tsc project: built with --incremental while its output is still ours. */
  tsBuildInfo?: boolean;
}
export interface Result {
  step: string;
  built: boolean;
  ok: boolean;
  ms: number;
}
export const STEPS: Step[];
export const COMMON_INPUTS: string[];
export function buildIfChanged(options?: {
  force?: boolean;
  root?: string;
  steps?: Step[];
  cacheDir?: string;
  commonInputs?: string[];
  log?: (line: string) => void;
}): Promise<{ ok: boolean; results: Result[] }>;
