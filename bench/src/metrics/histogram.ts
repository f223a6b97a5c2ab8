import {
  build,
  decodeFromCompressedBase64,
  encodeIntoCompressedBase64,
  type Histogram as HdrHistogram,
} from "hdr-histogram-js";
import { MetricsError } from "./errors.js";
import { HISTOGRAM_LAYOUT } from "./histogram-config.js";

/** A compact, JSON-friendly digest of a histogram (all values in microseconds). */
export interface HistogramSummary {
  readonly count: number;
  readonly minUs: number;
  readonly meanUs: number;
  readonly p50Us: number;
  readonly p90Us: number;
  readonly p99Us: number;
  readonly p999Us: number;
  readonly maxUs: number;
}

// The pure-JS build: it records in ~0.3 us, needs no async WASM init, and its memory is
// ordinary GC-managed typed arrays, so a dropped histogram cannot leak (WASM ones must be
// destroy()ed by hand, which autocannon forgets on some paths).
function newHdr(): HdrHistogram {
  return build({
    bitBucketSize: HISTOGRAM_LAYOUT.bitBucketSize,
    autoResize: false,
    lowestDiscernibleValue: HISTOGRAM_LAYOUT.lowestDiscernibleValue,
    highestTrackableValue: HISTOGRAM_LAYOUT.highestTrackableValue,
    numberOfSignificantValueDigits: HISTOGRAM_LAYOUT.significantDigits,
    useWebAssembly: false,
  });
}

/**
 * A latency histogram in integer microseconds with the harness-wide layout. Samples are never
 * stored, only bucket counts, so memory is fixed (~95 KB) whatever the number of samples.
 */
export class Histogram {
  #hdr: HdrHistogram;
  #saturated = 0;

  constructor() {
    this.#hdr = newHdr();
  }

  /** Records one value; fractions round to the nearest microsecond, out-of-range values clamp. */
  record(valueUs: number): void {
    this.recordCount(valueUs, 1);
  }

  /** Records `count` samples of one value. */
  recordCount(valueUs: number, count: number): void {
    // hdr-histogram-js without autoResize silently writes out-of-range values into the wrong
    // bucket; clamping keeps the layout honest and `saturated` says it happened.
    let v = Number.isFinite(valueUs) ? Math.round(valueUs) : HISTOGRAM_LAYOUT.highestTrackableValue;
    if (v < 0) v = 0;
    if (v > HISTOGRAM_LAYOUT.highestTrackableValue) {
      v = HISTOGRAM_LAYOUT.highestTrackableValue;
      this.#saturated += count;
    }
    this.#hdr.recordValueWithCount(v, count);
  }

  /** Samples recorded. */
  get count(): number {
    return this.#hdr.totalCount;
  }

  /** Samples that were above the layout's range and recorded at its ceiling (not kept by encode). */
  get saturated(): number {
    return this.#saturated;
  }

  /** Smallest recorded value (0 when empty). */
  get minUs(): number {
    return this.count === 0 ? 0 : this.#hdr.getValueAtPercentile(0);
  }

  /**
   * Largest recorded value, as the top of its bucket (within 0.1 %; 0 when empty). The bucket
   * bound, not the raw max, so a histogram and its encode/decode or merge agree exactly.
   */
  get maxUs(): number {
    return this.count === 0 ? 0 : this.#hdr.getValueAtPercentile(100);
  }

  /** Arithmetic mean (0 when empty). */
  get meanUs(): number {
    return this.count === 0 ? 0 : this.#hdr.mean;
  }

  /** Standard deviation (0 when empty). */
  get stdDevUs(): number {
    return this.count === 0 ? 0 : this.#hdr.stdDeviation;
  }

  /** The value at `percentile` (0-100) in microseconds; 0 when empty. */
  percentile(percentile: number): number {
    if (this.count === 0) return 0;
    return this.#hdr.getValueAtPercentile(Math.min(100, Math.max(0, percentile)));
  }

  /** Adds another histogram's counts into this one (the only sound way to combine latencies). */
  add(other: Histogram): void {
    this.#hdr.add(other.#hdr);
    this.#saturated += other.#saturated;
  }

  /** Empties the histogram, keeping its memory for reuse. */
  reset(): void {
    this.#hdr.reset();
    this.#saturated = 0;
  }

  /** Compressed base64 (HdrHistogram V2 format), readable by any HdrHistogram implementation. */
  encode(): string {
    return encodeIntoCompressedBase64(this.#hdr);
  }

  /** The compact digest used by time series rows and summaries. */
  summary(): HistogramSummary {
    return {
      count: this.count,
      minUs: this.minUs,
      meanUs: Math.round(this.meanUs),
      p50Us: this.percentile(50),
      p90Us: this.percentile(90),
      p99Us: this.percentile(99),
      p999Us: this.percentile(99.9),
      maxUs: this.maxUs,
    };
  }

  /** Releases the counts; a no-op for the JS build but kept so a WASM switch stays leak-free. */
  destroy(): void {
    this.#hdr.destroy();
  }

  /** @internal Wraps a decoded hdr histogram by adding it into a fresh harness-layout one. */
  static fromHdr(hdr: HdrHistogram): Histogram {
    const h = new Histogram();
    h.#hdr.add(hdr);
    return h;
  }
}

/** Decodes `Histogram.encode()` output (or any compressed base64 V2 histogram) into our layout. */
export function decodeHistogram(encoded: string): Histogram {
  let decoded: HdrHistogram;
  try {
    decoded = decodeFromCompressedBase64(encoded, HISTOGRAM_LAYOUT.bitBucketSize, false);
  } catch (cause) {
    throw new MetricsError("QS_METRICS_INVALID_HISTOGRAM", "cannot decode histogram", { cause });
  }
  return Histogram.fromHdr(decoded);
}

/** Merges histograms (or their encodings) by adding counts; never averages percentiles. */
export function mergeHistograms(parts: Iterable<Histogram | string>): Histogram {
  const merged = new Histogram();
  for (const part of parts) {
    merged.add(typeof part === "string" ? decodeHistogram(part) : part);
  }
  return merged;
}
