/**
 * mulberry32: a 32-bit-state PRNG by Tommy Ettinger (public domain). It passes gjrand's tests at
 * the sizes we use, is a handful of integer ops per draw and, because it only uses `Math.imul`,
 * `>>>` and `^`, gives the same sequence on every JavaScript engine and machine.
 */
export interface Rng {
  /** A float in [0, 1) with 32 bits of randomness. */
  next(): number;
  /** A float in (0, 1]: safe to pass to `Math.log`. */
  nextOpen(): number;
  /** A standard normal draw (Box-Muller, one value per call; the sine half is discarded for simplicity). */
  normal(): number;
}

const TWO_POW_32 = 4_294_967_296;

/** Creates a seeded mulberry32 generator; the same seed always yields the same sequence. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const nextUint = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const next = (): number => nextUint() / TWO_POW_32;
  const nextOpen = (): number => (nextUint() + 1) / TWO_POW_32;
  return {
    next,
    nextOpen,
    normal: () => Math.sqrt(-2 * Math.log(nextOpen())) * Math.cos(2 * Math.PI * next()),
  };
}

/** Picks an index from cumulative weights (ascending, last = total) with one uniform draw. */
export function pickWeighted(cumulative: readonly number[], rng: Rng): number {
  const total = cumulative[cumulative.length - 1] ?? 0;
  const u = rng.next() * total;
  for (let i = 0; i < cumulative.length; i++) {
    if (u < (cumulative[i] ?? 0)) return i;
  }
  return cumulative.length - 1;
}

/** Running sums of `weights`, the form `pickWeighted` expects. */
export function cumulativeWeights(weights: readonly number[]): number[] {
  let sum = 0;
  return weights.map((w) => {
    sum += w;
    return sum;
  });
}
