/**
 * Order statistics and moments on typed arrays. Sums run in array order, so the same input gives
 * bit-identical results everywhere (IEEE 754 double arithmetic is deterministic in JavaScript).
 */

/** Summary of one numeric column: population standard deviation (divide by n). */
export interface Summary {
  readonly mean: number;
  readonly median: number;
  readonly p90: number;
  readonly std: number;
  readonly min: number;
  readonly max: number;
}

/**
 * The p-quantile of ascending `sorted` by linear interpolation between closest ranks
 * (Hyndman & Fan type 7; numpy's and Excel PERCENTILE.INC's default): h = (n - 1) p,
 * q = x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]).
 */
export function quantileSorted(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const below = sorted[lo] ?? Number.NaN;
  if (lo + 1 >= n) return below;
  const above = sorted[lo + 1] ?? below;
  return below + (h - lo) * (above - below);
}

/** Arithmetic mean; NaN for an empty array. */
export function mean(values: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] ?? 0;
  return sum / values.length;
}

/** Population standard deviation sqrt(sum (x - mean)^2 / n), two-pass for accuracy. */
export function populationStd(values: Float64Array, mu: number): number {
  let sq = 0;
  for (let i = 0; i < values.length; i++) {
    const d = (values[i] ?? 0) - mu;
    sq += d * d;
  }
  return Math.sqrt(sq / values.length);
}

/** Summarises an ascending, non-empty array. */
export function summarizeSorted(sorted: Float64Array): Summary {
  const mu = mean(sorted);
  return {
    mean: mu,
    median: quantileSorted(sorted, 0.5),
    p90: quantileSorted(sorted, 0.9),
    std: populationStd(sorted, mu),
    min: sorted[0] ?? Number.NaN,
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

/** `arr[i] += v` for typed arrays under `noUncheckedIndexedAccess`; V8 inlines it. */
export function addAt(arr: Float64Array | Uint32Array, i: number, v: number): void {
  arr[i] = (arr[i] ?? 0) + v;
}

/** Decimal places kept in responses: enough for money and shares, and the JSON stays compact. */
export const RESPONSE_DECIMALS = 6;
const SCALE = 10 ** RESPONSE_DECIMALS;

/** Rounds to RESPONSE_DECIMALS places with Math.round (ties toward +infinity); -0 becomes 0. */
export function round(x: number): number {
  const r = Math.round(x * SCALE) / SCALE;
  return r === 0 ? 0 : r;
}
