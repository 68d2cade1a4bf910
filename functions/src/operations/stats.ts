/** The two statistics the rules and the report use, over plain numbers. */

export interface Point {
  x: number;
  y: number;
}

/** The least-squares line y = intercept + slope·x; undefined with fewer than two distinct x. */
export function leastSquares(points: readonly Point[]): { slope: number; intercept: number } | undefined {
  const n = points.length;
  if (n < 2) return undefined;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    sxx += (p.x - mx) ** 2;
    sxy += (p.x - mx) * (p.y - my);
  }
  if (sxx === 0) return undefined;
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

/** Pearson's r of paired values; null with fewer than three pairs or when either side does not vary. */
export function pearson(pairs: readonly (readonly [number, number])[]): number | null {
  const n = pairs.length;
  if (n < 3) return null;
  const ma = pairs.reduce((s, [a]) => s + a, 0) / n;
  const mb = pairs.reduce((s, [, b]) => s + b, 0) / n;
  let saa = 0;
  let sbb = 0;
  let sab = 0;
  for (const [a, b] of pairs) {
    saa += (a - ma) ** 2;
    sbb += (b - mb) ** 2;
    sab += (a - ma) * (b - mb);
  }
  if (saa === 0 || sbb === 0) return null;
  return Math.max(-1, Math.min(1, sab / Math.sqrt(saa * sbb)));
}
