import { type EncodedHistogram, HISTOGRAM_LAYOUT } from "@queueshift/shared-model";
import {
  build,
  decodeFromCompressedBase64,
  encodeIntoCompressedBase64,
  type Histogram as HdrHistogram,
} from "hdr-histogram-js";
import { type Distribution, fromQuantiles } from "./distribution.js";

const TOP = HISTOGRAM_LAYOUT.highestTrackableValue;

/** An empty HDR histogram in the harness-wide layout (pure-JS build: no WASM to free). */
export function newHdr(): HdrHistogram {
  return build({
    bitBucketSize: HISTOGRAM_LAYOUT.bitBucketSize,
    autoResize: false,
    lowestDiscernibleValue: HISTOGRAM_LAYOUT.lowestDiscernibleValue,
    highestTrackableValue: TOP,
    numberOfSignificantValueDigits: HISTOGRAM_LAYOUT.significantDigits,
    useWebAssembly: false,
  });
}

/** Records a duration in seconds as integer microseconds, clamped to the layout's range. */
export function recordSeconds(h: HdrHistogram, seconds: number): void {
  const us = Math.round(seconds * 1_000_000);
  h.recordValue(Math.min(TOP, Math.max(0, us)));
}

/** A histogram as a result document keeps it: encoded, plus its digest in microseconds. */
export function encodeHdr(h: HdrHistogram): EncodedHistogram {
  const empty = h.totalCount === 0;
  const at = (p: number) => (empty ? 0 : h.getValueAtPercentile(p));
  return {
    unit: "us",
    encoded: encodeIntoCompressedBase64(h),
    count: h.totalCount,
    min: at(0),
    mean: empty ? 0 : Math.round(h.mean),
    max: at(100),
    p50: at(50),
    p90: at(90),
    p99: at(99),
    p999: at(99.9),
  };
}

/** Decodes a result document's histogram (compressed base64, microseconds). */
export function decodeHdr(e: EncodedHistogram): HdrHistogram {
  return decodeFromCompressedBase64(e.encoded, HISTOGRAM_LAYOUT.bitBucketSize, false);
}

const QUANTILE_STEPS = 1_000;

/**
 * The measured distribution behind an encoded histogram, as 1,001 quantiles (0.1 % steps,
 * interpolated) in seconds: draws reproduce the histogram's shape to its own 0.1 % precision.
 */
export function distributionOf(e: EncodedHistogram, label: string): Distribution {
  const h = decodeHdr(e);
  const points: [number, number][] = [];
  for (let i = 0; i <= QUANTILE_STEPS; i++) {
    const q = i / QUANTILE_STEPS;
    points.push([q, h.getValueAtPercentile(q * 100) / 1_000_000]);
  }
  const d = fromQuantiles(points, "");
  const describe = `${label}: measured, ${h.totalCount} samples, p50 ${(e.p50 / 1_000).toFixed(1)} ms, p99 ${(e.p99 / 1_000).toFixed(1)} ms`;
  return { ...d, description: describe };
}
