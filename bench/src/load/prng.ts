import { createRng } from "@queueshift/shared-model";

/** A seeded uniform generator in [0, 1): the core's mulberry32, for spacing Poisson arrivals. */
export function mulberry32(seed: number): () => number {
  const rng = createRng(seed);
  return () => rng.next();
}

/**
 * A stateless uniform number in [0, 1) for (seed, index): the same arrival index gets the same
 * draw in every run, whichever architecture is under test and in whatever order sends happen.
 * It is the first mulberry32 draw from a splitmix-style mix of seed and index.
 */
export function hashUniform(seed: number, index: number): number {
  return createRng(
    (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index >>> 0, 0x85ebca6b)) >>> 0,
  ).next();
}
