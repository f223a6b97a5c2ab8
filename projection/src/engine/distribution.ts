import type { Rng } from "@queueshift/shared-model";

/** A distribution of durations in seconds, sampled with the simulation's seeded generator. */
export interface Distribution {
  /** One draw, seconds (>= 0). */
  sample(rng: Rng): number;
  /** Exact mean, seconds. */
  readonly mean: number;
  /** One line for the assumptions list, e.g. "exponential, mean 12.0 ms". */
  readonly description: string;
}

const ms = (s: number) => `${(s * 1_000).toFixed(s < 0.01 ? 2 : 1)} ms`;

/** Always `value` seconds (M/D/1 service, fixed latencies). */
export function deterministic(value: number): Distribution {
  return { sample: () => value, mean: value, description: `fixed ${ms(value)}` };
}

/** Exponential with the given mean, seconds (M/M/c service). */
export function exponential(mean: number): Distribution {
  return {
    sample: (rng) => -mean * Math.log(rng.nextOpen()),
    mean,
    description: `exponential, mean ${ms(mean)}`,
  };
}

/** Uniform on [low, high] seconds. */
export function uniform(low: number, high: number): Distribution {
  return {
    sample: (rng) => low + (high - low) * rng.next(),
    mean: (low + high) / 2,
    description: `uniform ${ms(low)}-${ms(high)}`,
  };
}

/**
 * An empirical distribution given by quantiles: `points` are [probability, seconds] pairs
 * ascending in both, from probability 0 to 1; draws interpolate linearly between them (inverse
 * transform sampling with one uniform draw).
 */
export function fromQuantiles(
  points: readonly (readonly [number, number])[],
  description: string,
): Distribution {
  const n = points.length;
  const p = Float64Array.from(points, ([q]) => q);
  const v = Float64Array.from(points, ([, x]) => x);
  let mean = 0;
  for (let i = 1; i < n; i++) {
    mean +=
      ((p[i] as number) - (p[i - 1] as number)) * (((v[i] as number) + (v[i - 1] as number)) / 2);
  }
  // Equal-probability tables (the common case: quantiles of a histogram) index in O(1).
  const even = points.every(([q], i) => Math.abs(q - i / (n - 1)) < 1e-12);
  const sample = (rng: Rng): number => {
    const u = rng.next();
    let i: number;
    if (even) i = Math.min(n - 2, Math.floor(u * (n - 1)));
    else {
      i = 0;
      while (i < n - 2 && (p[i + 1] as number) <= u) i++;
    }
    const p0 = p[i] as number;
    const span = (p[i + 1] as number) - p0;
    const f = span > 0 ? (u - p0) / span : 0;
    return (v[i] as number) + f * ((v[i + 1] as number) - (v[i] as number));
  };
  return { sample, mean, description };
}

/** `d` with every draw multiplied by `factor` (CPU share scaling). */
export function scaled(d: Distribution, factor: number, why: string): Distribution {
  if (factor === 1) return d;
  return {
    sample: (rng) => d.sample(rng) * factor,
    mean: d.mean * factor,
    description: `${d.description} x ${factor.toFixed(3)} (${why})`,
  };
}

/** `d` with `seconds` added to every draw (a fixed part the histogram did not hold). */
export function shifted(d: Distribution, seconds: number, why: string): Distribution {
  if (seconds === 0) return d;
  return {
    sample: (rng) => d.sample(rng) + seconds,
    mean: d.mean + seconds,
    description: `${d.description} + ${(seconds * 1e3).toFixed(2)} ms (${why})`,
  };
}
