import type { Step } from "@planops/shared/api";

/** % complete derived from implementation steps: the share of steps done, 0–100. */
export function stepsPercent(steps: readonly Step[]): number {
  if (steps.length === 0) return 0;
  return Math.round((steps.filter((s) => s.done).length / steps.length) * 10000) / 100;
}
