import type { Histogram } from "./histogram.js";
import { REPORT_PERCENTILES } from "./histogram-config.js";

/** One point of a percentile spectrum: the latency at or below which `percentile` % fall. */
export interface SpectrumPoint {
  readonly percentile: number;
  readonly valueUs: number;
}

/** How finely the log-spaced part of the spectrum is sampled. */
export interface SpectrumOptions {
  /** Points per halving of the remaining tail (HdrHistogram's default is 5). */
  readonly ticksPerHalfDistance?: number;
  /** Highest percentile of the log-spaced part (default 99.9999). */
  readonly maxPercentile?: number;
}

/**
 * The report percentiles plus a log-spaced spectrum (50, 75, 87.5, ... towards 100) like
 * HdrHistogram's `outputPercentileDistribution`, for plots on a 1/(1-p) axis. The log-spaced
 * part stops where the histogram has too few samples to resolve it.
 */
export function percentileSpectrum(
  histogram: Histogram,
  options: SpectrumOptions = {},
): readonly SpectrumPoint[] {
  const ticks = Math.max(1, Math.floor(options.ticksPerHalfDistance ?? 5));
  const maxPercentile = Math.min(100, options.maxPercentile ?? 99.9999);
  const levels = new Set<number>(REPORT_PERCENTILES);
  const count = histogram.count;
  // Bounded: 1 - 2^(-i/ticks) reaches 99.9999 % after ~20 halvings, i.e. 20 * ticks steps.
  for (let i = 0; i <= 64 * ticks; i += 1) {
    const p = 100 * (1 - 2 ** (-i / ticks));
    if (p > maxPercentile) break;
    // Beyond 1/count of the tail every point is the max: stop adding redundant points.
    if (count > 0 && 1 / (1 - p / 100) > count) break;
    levels.add(Number(p.toFixed(6)));
  }
  return [...levels]
    .sort((a, b) => a - b)
    .map((percentile) => ({ percentile, valueUs: histogram.percentile(percentile) }));
}
