/** The spread of one figure across a suite's repeats. */
export interface Spread {
  readonly min: number;
  readonly median: number;
  readonly max: number;
  /** In repeat order. */
  readonly values: readonly number[];
}

/** Min, median and max of `values` (empty: all NaN). */
export function spreadOf(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return { min: Number.NaN, median: Number.NaN, max: Number.NaN, values: [] };
  const mid = Math.floor(n / 2);
  const median =
    n % 2 === 1
      ? (sorted[mid] as number)
      : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return { min: sorted[0] as number, median, max: sorted[n - 1] as number, values: [...values] };
}

/** "12.3 (11.0-14.1)", or the single value when there is no spread to show. */
export function formatSpread(s: Spread, digits = 1, unit = ""): string {
  const f = (v: number) => `${v.toFixed(digits)}${unit}`;
  if (s.values.length <= 1 || s.min === s.max) return f(s.median);
  return `${f(s.median)} (${f(s.min)}-${f(s.max)})`;
}
