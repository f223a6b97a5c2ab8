import type { ArchitectureResult } from "@queueshift/shared-model";
import { seriesMax, seriesOf } from "../data/time-series.js";

/** How the async design absorbed the run's bursts, from its queue depth series. */
export interface BurstBehaviour {
  /** Largest backlog (visible + in flight messages); null when the run has no queue series. */
  readonly peakBacklog: number | null;
  /** Seconds from the start of the run to the peak backlog. */
  readonly peakAtSeconds: number | null;
  /**
   * Seconds from the peak until the backlog was back near its usual level (the series median
   * plus 5 % of the excursion, at least 1 message); null when it never was within the series.
   */
  readonly drainSeconds: number | null;
  /** Largest age of the oldest unfinished job, seconds (0 when not recorded). */
  readonly maxOldestAgeSeconds: number;
}

/** Backlog, drain time and oldest age of the async run (pure; reads the time series only). */
export function burstBehaviour(arch: ArchitectureResult): BurstBehaviour {
  const visible = seriesOf(arch.timeSeries, "queueVisible");
  const inFlight = seriesOf(arch.timeSeries, "queueInFlight");
  const maxOldestAgeSeconds = seriesMax(seriesOf(arch.timeSeries, "oldestAge"));
  if (visible === null && inFlight === null) {
    return { peakBacklog: null, peakAtSeconds: null, drainSeconds: null, maxOldestAgeSeconds };
  }
  const base = visible ?? inFlight;
  const t = base?.t ?? [];
  const backlog = t.map((_, i) => (visible?.y[i] ?? 0) + (inFlight?.y[i] ?? 0));
  let peakIndex = 0;
  for (let i = 1; i < backlog.length; i++) {
    if ((backlog[i] ?? 0) > (backlog[peakIndex] ?? 0)) peakIndex = i;
  }
  const peak = backlog[peakIndex] ?? 0;
  const sorted = [...backlog].sort((x, y) => x - y);
  const usual = sorted[Math.floor(sorted.length / 2)] ?? 0;
  // Steady state keeps some messages in flight; "drained" means back to that, not to zero.
  const threshold = Math.max(1, usual + 0.05 * (peak - usual));
  let drainSeconds: number | null = null;
  if (peak <= threshold) drainSeconds = 0;
  else {
    for (let i = peakIndex + 1; i < backlog.length; i++) {
      if ((backlog[i] ?? 0) <= threshold) {
        drainSeconds = (t[i] ?? 0) - (t[peakIndex] ?? 0);
        break;
      }
    }
  }
  return {
    peakBacklog: peak,
    peakAtSeconds: t[peakIndex] ?? 0,
    drainSeconds,
    maxOldestAgeSeconds,
  };
}
