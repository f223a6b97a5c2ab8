import type { EncodedHistogram } from "@queueshift/shared-model";
import { createRng } from "@queueshift/shared-model";
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

/** A seeded uniform generator (the core's mulberry32): the same seed gives the same synthetic run. */
export function seededRandom(seed: number): () => number {
  const rng = createRng(seed);
  return () => rng.next();
}

/** A log-normal sampler with the given median and shape (sigma). */
export function logNormal(random: () => number, median: number, sigma: number): () => number {
  return () => {
    // Box-Muller; 1 - u keeps log() finite.
    const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    return median * Math.exp(sigma * z);
  };
}
