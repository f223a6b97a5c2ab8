import type { ArchitectureResult, ResultDocument } from "@queueshift/shared-model";
import { latencyFigures } from "../data/figures.js";
import {
  type CompareMetric,
  CompareMetrics,
  DEFAULT_THRESHOLDS,
  type Thresholds,
} from "./thresholds.js";

/** One metric of one architecture in two runs. */
export interface ComparisonRow {
  readonly architecture: "sync" | "async";
  readonly metric: CompareMetric;
  /** Latencies in ms, throughput in req/s, error rate in percent. */
  readonly baseline: number | null;
  readonly candidate: number | null;
  /** Relative change in percent (error rate: percentage points); null when not comparable. */
  readonly changePercent: number | null;
  readonly threshold: number | null;
  readonly regression: boolean;
}

/** The diff of two runs. */
export interface Comparison {
  readonly baselineRunId: string;
  readonly candidateRunId: string;
  readonly rows: readonly ComparisonRow[];
  readonly regressions: number;
  /** Architectures measured in only one of the runs (not compared). */
  readonly unmatched: readonly string[];
}

function values(a: ArchitectureResult): Record<CompareMetric, number | null> {
  const h = a.histograms.latency;
  const l = h === undefined ? null : latencyFigures(h);
  return {
    p50: l?.p50 ?? null,
    p90: l?.p90 ?? null,
    p99: l?.p99 ?? null,
    "p99.9": l?.p999 ?? null,
    max: l?.max ?? null,
    throughput: a.achievedRate,
    errorRate: a.counters.sent > 0 ? (100 * a.counters.failed) / a.counters.sent : 0,
  };
}

function change(metric: CompareMetric, a: number | null, b: number | null): number | null {
  if (a === null || b === null) return null;
  if (metric === "errorRate") return b - a;
  if (a === 0) return b === 0 ? 0 : Number.POSITIVE_INFINITY;
  return (100 * (b - a)) / a;
}

// Latency and errors regress upwards, throughput downwards.
function isRegression(
  metric: CompareMetric,
  delta: number | null,
  threshold: number | null,
): boolean {
  if (delta === null || threshold === null) return false;
  return metric === "throughput" ? -delta > threshold : delta > threshold;
}

/**
 * Compares two runs per architecture and metric from their decoded histograms (never from
 * averaged percentiles) and flags changes beyond the thresholds.
 */
export function compareRuns(
  baseline: ResultDocument,
  candidate: ResultDocument,
  thresholds: Thresholds = DEFAULT_THRESHOLDS,
): Comparison {
  const rows: ComparisonRow[] = [];
  const unmatched: string[] = [];
  for (const kind of ["sync", "async"] as const) {
    const a = baseline.architectures.find((x) => x.architecture === kind);
    const b = candidate.architectures.find((x) => x.architecture === kind);
    if (a === undefined && b === undefined) continue;
    if (a === undefined || b === undefined) {
      unmatched.push(`${kind} (only in ${a ? "baseline" : "candidate"})`);
      continue;
    }
    const va = values(a);
    const vb = values(b);
    for (const metric of CompareMetrics) {
      const delta = change(metric, va[metric], vb[metric]);
      const threshold = thresholds[metric];
      rows.push({
        architecture: kind,
        metric,
        baseline: va[metric],
        candidate: vb[metric],
        changePercent: delta,
        threshold,
        regression: isRegression(metric, delta, threshold),
      });
    }
  }
  return {
    baselineRunId: baseline.runId,
    candidateRunId: candidate.runId,
    rows,
    regressions: rows.filter((r) => r.regression).length,
    unmatched,
  };
}
