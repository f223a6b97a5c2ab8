/**
 * The one place that fixes the layout of every latency histogram in the harness and the projection. Histograms
 * that share a layout merge bucket by bucket; changing these numbers changes encoded results,
 * so bump the result schema version if you do.
 */
export const HISTOGRAM_LAYOUT = Object.freeze({
  /** Values are integer microseconds: hdr-histogram-js truncates fractions (anchors.md §0.3). */
  unit: "us",
  /** 1 us: the smallest latency we distinguish. */
  lowestDiscernibleValue: 1,
  /** 3,600,000,000 us = 1 h: anything slower is clamped here and counted as saturated. */
  highestTrackableValue: 3_600_000_000,
  /** 3 significant digits: 0.1 % value error, ~95 KB per histogram with 32-bit counts. */
  significantDigits: 3,
  /**
   * 32-bit counters: 2^31 samples per histogram is far beyond a bounded run, and half the
   * memory of 64-bit ones. "packed" would be smaller but records ~6x slower (measured).
   */
  bitBucketSize: 32,
} as const);
