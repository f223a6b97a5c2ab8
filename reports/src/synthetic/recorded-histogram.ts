import type { EncodedHistogram } from "@queueshift/shared-model";
import { build, encodeIntoCompressedBase64 } from "hdr-histogram-js";

/**
 * Records latencies (ms) into an hdr-histogram-js histogram with the harness's layout
 * (1 us .. 1 h, 3 significant digits, 32-bit buckets) and encodes it as a result document does.
 */
export function recordHistogram(samplesMs: Iterable<number>): EncodedHistogram {
  const h = build({
    bitBucketSize: 32,
    autoResize: false,
    lowestDiscernibleValue: 1,
    highestTrackableValue: 3_600_000_000, // 1 h in us, the harness layout
    numberOfSignificantValueDigits: 3,
    useWebAssembly: false,
  });
  for (const ms of samplesMs)
    h.recordValue(Math.min(3_600_000_000, Math.max(1, Math.round(ms * 1000))));
  const at = (p: number) => (h.totalCount === 0 ? 0 : h.getValueAtPercentile(p));
  return {
    unit: "us",
    encoded: encodeIntoCompressedBase64(h),
    count: h.totalCount,
    min: at(0),
    mean: h.totalCount === 0 ? 0 : h.mean,
    max: at(100),
    p50: at(50),
    p90: at(90),
    p99: at(99),
    p999: at(99.9),
  };
}

/** A seeded PRNG (mulberry32): the same seed gives the same synthetic run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A log-normal sampler with the given median and shape (sigma). */
export function logNormal(random: () => number, median: number, sigma: number): () => number {
  return () => {
    // Box-Muller; 1 - u keeps log() finite.
    const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    return median * Math.exp(sigma * z);
  };
}
