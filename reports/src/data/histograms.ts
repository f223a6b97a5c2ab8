import type { EncodedHistogram } from "@queueshift/shared-model";
import { decodeFromCompressedBase64, type Histogram } from "hdr-histogram-js";
import { ReportError } from "../errors.js";

/** One point of a percentile spectrum, latency in milliseconds. */
export interface SpectrumPoint {
  /** 0-100. */
  readonly percentile: number;
  readonly valueMs: number;
}

// Decoding costs a few ms per histogram and renderers ask for the same one several times;
// the encoded objects of a parsed document never change, so a weak cache is safe.
const decoded = new WeakMap<EncodedHistogram, Histogram>();

/** Decodes a result document's histogram (hdr-histogram-js compressed base64, microseconds). */
export function decodeHistogram(encoded: EncodedHistogram): Histogram {
  const hit = decoded.get(encoded);
  if (hit !== undefined) return hit;
  let h: Histogram;
  try {
    // 32-bit buckets: the harness layout (bench/src/metrics/histogram-config.ts).
    h = decodeFromCompressedBase64(encoded.encoded, 32, false);
  } catch (cause) {
    throw new ReportError("QS_REPORT_INVALID_RESULT", "a histogram cannot be decoded", { cause });
  }
  decoded.set(encoded, h);
  return h;
}

/** The latency at `percentile` (0-100), milliseconds; 0 for an empty histogram. */
export function percentileMs(encoded: EncodedHistogram, percentile: number): number {
  const h = decodeHistogram(encoded);
  if (h.totalCount === 0) return 0;
  return h.getValueAtPercentile(Math.min(100, Math.max(0, percentile))) / 1000;
}

/** Number of samples in a histogram. */
export function sampleCount(encoded: EncodedHistogram): number {
  return decodeHistogram(encoded).totalCount;
}

/**
 * Log-spaced percentiles (50, 75, 87.5, ... towards 100) as in HdrHistogram's
 * outputPercentileDistribution, for a plot on a 1/(1-p) axis. Stops once 1/(1-p) exceeds the
 * sample count, where every further point would be the maximum.
 */
export function percentileSpectrum(
  encoded: EncodedHistogram,
  ticksPerHalfDistance = 5,
): SpectrumPoint[] {
  const h = decodeHistogram(encoded);
  const count = h.totalCount;
  if (count === 0) return [];
  const out: SpectrumPoint[] = [];
  // Bounded: 99.9999 % is reached after 20 halvings.
  for (let i = 0; i <= 20 * ticksPerHalfDistance; i += 1) {
    const p = 100 * (1 - 2 ** (-i / ticksPerHalfDistance));
    if (1 / (1 - p / 100) > count) break;
    out.push({ percentile: p, valueMs: h.getValueAtPercentile(p) / 1000 });
  }
  return out;
}
