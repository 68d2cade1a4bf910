import type { Text } from "@planops/shared";
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

/** Rows named in a message: all of a few, else the first five and how many in all (2,000 copied rows must not make 2,000 notes of 1,000 numbers). */
export function rowsText(rows: readonly number[]): Text {
  if (rows.length <= 10) return { zh: rows.join("、"), en: rows.join(", ") };
  const first = rows.slice(0, 5);
  return { zh: `${first.join("、")} 等共 ${rows.length}`, en: `${first.join(", ")} and ${rows.length - 5} more` };
}
