import type { Indicator } from "@planops/shared/api";

/** A figure as people read it: at most two decimals, no trailing zeros, thousands not grouped (it may be copied into a sheet). */
export const figure = (n: number): string => String(Number(n.toFixed(2)));

/** A figure with its unit: "80 万元", "95%", "12" when the indicator has no unit. */
export function amount(n: number, unit: string): string {
  if (unit === "") return figure(n);
  return unit === "%" ? `${figure(n)}%` : `${figure(n)} ${unit}`;
}

/** A ratio as a whole percentage without sign: 0.333 → "33%". */
export const percent = (ratio: number): string => `${Math.round(Math.abs(ratio) * 100)}%`;

/** The threshold as the sheet shows it: 0.3 → "30%". */
export const thresholdText = (i: Pick<Indicator, "threshold">): string => `${figure(i.threshold * 100)}%`;
