import type { ArchitectureResult, EncodedHistogram } from "@queueshift/shared-model";
import { decodeHistogram } from "./histograms.js";

/** Percentiles of one latency histogram, milliseconds (decoded, never averaged). */
export interface LatencyFigures {
  readonly count: number;
  readonly mean: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly p999: number;
  readonly max: number;
}

/** The headline numbers of one architecture. */
export interface ArchitectureFigures {
  readonly architecture: "sync" | "async";
  readonly offeredRate: number;
  readonly achievedRate: number;
  readonly sent: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly missed: number;
  /** failed / sent (0 when nothing was sent). */
  readonly errorRate: number;
  /** The `latency` histogram (async: end to end); null when absent. */
  readonly latency: LatencyFigures | null;
  readonly coldStarts: number | null;
  readonly dlq: number | null;
  readonly retries: number | null;
  readonly lost: number | null;
}

/** Percentiles of a histogram in ms, from its decoded buckets. */
export function latencyFigures(encoded: EncodedHistogram): LatencyFigures {
  const h = decodeHistogram(encoded);
  const at = (p: number) => (h.totalCount === 0 ? 0 : h.getValueAtPercentile(p) / 1000);
  return {
    count: h.totalCount,
    mean: h.totalCount === 0 ? 0 : h.mean / 1000,
    p50: at(50),
    p90: at(90),
    p99: at(99),
    p999: at(99.9),
    max: at(100),
  };
}

/** The headline numbers of an architecture's result. */
export function architectureFigures(a: ArchitectureResult): ArchitectureFigures {
  const c = a.counters;
  const h = a.histograms.latency;
  return {
    architecture: a.architecture,
    offeredRate: a.offeredRate,
    achievedRate: a.achievedRate,
    sent: c.sent,
    succeeded: c.succeeded,
    failed: c.failed,
    missed: c.missed,
    errorRate: c.sent > 0 ? c.failed / c.sent : 0,
    latency: h === undefined ? null : latencyFigures(h),
    coldStarts: a.lambda?.coldStarts ?? c.coldStarts ?? null,
    dlq: c.dlq ?? null,
    retries: c.retries ?? null,
    lost: c.lost ?? null,
  };
}
