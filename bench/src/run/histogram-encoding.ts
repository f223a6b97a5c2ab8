import type { EncodedHistogram } from "@queueshift/shared-model";
import type { Histogram } from "../metrics/histogram.js";

/** A histogram as the result document keeps it: encoded, plus a digest in microseconds. */
export function encodeHistogram(h: Histogram): EncodedHistogram {
  const s = h.summary();
  return {
    unit: "us",
    encoded: h.encode(),
    count: s.count,
    min: s.minUs,
    mean: s.meanUs,
    max: s.maxUs,
    p50: s.p50Us,
    p90: s.p90Us,
    p99: s.p99Us,
    p999: s.p999Us,
  };
}

/** Encodes every histogram of a record. */
export function encodeAll(
  histograms: Readonly<Record<string, Histogram>>,
): Record<string, EncodedHistogram> {
  return Object.fromEntries(Object.entries(histograms).map(([k, h]) => [k, encodeHistogram(h)]));
}
