import { describe, expect, it } from "vitest";
import {
  decodeHistogram,
  HISTOGRAM_LAYOUT,
  Histogram,
  MetricsError,
  mergeHistograms,
  percentileSpectrum,
  REPORT_PERCENTILES,
} from "../../src/metrics/index.js";

// 1..10,000 us once each: the true p-th percentile is p * 100 us.
function uniform(from: number, to: number): Histogram {
  const h = new Histogram();
  for (let v = from; v <= to; v += 1) h.record(v);
  return h;
}

// 3 significant digits: any reported value is within 0.1 % of the true one.
const within = (actual: number, expected: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(expected * 0.001 + 1);

describe("Histogram", () => {
  it("reports count, min, max, mean and percentiles within the layout's precision", () => {
    const h = uniform(1, 10_000);

    expect(h.count).toBe(10_000);
    expect(h.minUs).toBe(1);
    within(h.maxUs, 10_000);
    within(h.meanUs, 5_000.5);
    within(h.percentile(50), 5_000);
    within(h.percentile(99), 9_900);
    within(h.percentile(99.9), 9_990);
  });

  it("rounds fractional microseconds and clamps values beyond one hour, counting them", () => {
    const h = new Histogram();

    h.record(1.6);
    h.record(-5);
    h.record(HISTOGRAM_LAYOUT.highestTrackableValue * 2);

    expect(h.count).toBe(3);
    expect(h.minUs).toBe(0);
    expect(h.percentile(50)).toBe(2);
    expect(h.saturated).toBe(1);
    within(h.maxUs, HISTOGRAM_LAYOUT.highestTrackableValue);
  });

  it("is empty-safe: zeros rather than NaN or throws", () => {
    const h = new Histogram();

    expect(h.summary()).toEqual({
      count: 0,
      minUs: 0,
      meanUs: 0,
      p50Us: 0,
      p90Us: 0,
      p99Us: 0,
      p999Us: 0,
      maxUs: 0,
    });
  });

  it("survives encode -> decode with identical counts and percentiles", () => {
    const h = uniform(100, 50_000);
    h.record(2_000_000);

    const decoded = decodeHistogram(h.encode());

    expect(decoded.count).toBe(h.count);
    for (const p of [0, 50, 90, 99, 99.9, 99.99, 100]) {
      expect(decoded.percentile(p)).toBe(h.percentile(p));
    }
    expect(decoded.maxUs).toBe(h.maxUs);
  });

  it("merges encoded parts by adding counts: the merge equals one histogram of all samples", () => {
    const whole = uniform(1, 20_000);
    const parts = [uniform(1, 5_000), uniform(5_001, 15_000), uniform(15_001, 20_000)];

    const merged = mergeHistograms([
      parts[0] as Histogram,
      ...parts.slice(1).map((p) => p.encode()),
    ]);

    expect(merged.count).toBe(whole.count);
    for (const p of [1, 25, 50, 75, 99, 99.9])
      expect(merged.percentile(p)).toBe(whole.percentile(p));
    // Averaging the parts' p99 would say ~12,000 us; the true p99 of all samples is ~19,800 us.
    within(merged.percentile(99), 19_800);
  });

  it("rejects a string that is not an encoded histogram with a stable code", () => {
    expect(() => decodeHistogram("not a histogram")).toThrow(MetricsError);
    try {
      decodeHistogram("not a histogram");
    } catch (err) {
      expect((err as MetricsError).code).toBe("QS_METRICS_INVALID_HISTOGRAM");
    }
  });
});

describe("percentileSpectrum", () => {
  it("contains the report percentiles and a non-decreasing log-spaced tail", () => {
    const spectrum = percentileSpectrum(uniform(1, 100_000));

    const levels = spectrum.map((p) => p.percentile);
    for (const p of REPORT_PERCENTILES) expect(levels).toContain(p);
    expect(levels).toContain(87.5);
    expect(levels.filter((p) => p > 99.9 && p < 100).length).toBeGreaterThan(3);
    for (let i = 1; i < spectrum.length; i += 1) {
      expect(spectrum[i]?.valueUs).toBeGreaterThanOrEqual(spectrum[i - 1]?.valueUs ?? 0);
    }
  });

  it("stops the log-spaced part where the sample count cannot resolve it", () => {
    const spectrum = percentileSpectrum(uniform(1, 100));

    const logSpaced = spectrum.filter(
      (p) => !(REPORT_PERCENTILES as readonly number[]).includes(p.percentile),
    );
    expect(logSpaced.every((p) => 1 / (1 - p.percentile / 100) <= 100)).toBe(true);
  });
});
