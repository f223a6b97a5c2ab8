/**
 * mulberry32: a tiny, fast, seedable 32-bit PRNG. Statistical quality is ample for spacing
 * arrivals and picking workload entries; it is not for cryptography.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * A stateless uniform number in [0, 1) for (seed, index): the same arrival index gets the same
 * draw in every run, whichever architecture is under test and in whatever order sends happen.
 */
export function hashUniform(seed: number, index: number): number {
  // One mulberry32 step keyed by a splitmix-style mix of seed and index.
  let t = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index >>> 0, 0x85ebca6b)) >>> 0;
  t = (t + 0x6d2b79f5) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}
