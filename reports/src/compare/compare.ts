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
  /** The runs' own spread of this metric (same unit as the change); null without repeats. */
  readonly spread: number | null;
  /** The change exceeds the threshold and, when repeats give one, the spread. */
  readonly regression: boolean;
}

/**
 * How much each metric varies between repeats of the same run, in the change's unit (percent;
 * error rate: percentage points), per architecture. A change within it is noise, not a
 * regression. Filled from repeats (e.g. a later `--repeat`); absent with one run per side.
 */
export type RunSpread = Readonly<
  Partial<Record<"sync" | "async", Partial<Readonly<Record<CompareMetric, number>>>>>
>;

/**
 * The spread of repeated measurements of one metric as a change would show it: (max - min) /
 * median in percent (`absolute`: max - min, for the error rate's percentage points); 0 for one.
 */
export function repeatSpread(values: readonly number[], absolute = false): number {
  if (values.length < 2) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const range = (sorted[sorted.length - 1] ?? 0) - (sorted[0] ?? 0);
  if (absolute) return range;
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  return median === 0 ? 0 : (100 * range) / Math.abs(median);
}

/** Why two runs are not of the same scenario, or null when they are (name and definition). */
export function scenarioMismatch(a: ResultDocument, b: ResultDocument): string | null {
  if (a.scenario.name !== b.scenario.name)
    return `scenario "${a.scenario.name}" vs "${b.scenario.name}"`;
  const da = JSON.stringify(a.scenario.definition);
  const db = JSON.stringify(b.scenario.definition);
  return da === db ? null : `scenario "${a.scenario.name}" has different definitions`;
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

// Latency and errors regress upwards, throughput downwards; beyond the threshold and the spread.
function isRegression(
  metric: CompareMetric,
  delta: number | null,
  threshold: number | null,
  spread: number | null,
): boolean {
  if (delta === null || threshold === null) return false;
  const worse = metric === "throughput" ? -delta : delta;
  return worse > threshold && (spread === null || worse > spread);
}

/**
 * Compares two runs per architecture and metric from their decoded histograms (never from
 * averaged percentiles) and flags changes beyond the thresholds and, when given, the runs'
 * own spread (with one run per side the threshold alone decides).
 */
export function compareRuns(
  baseline: ResultDocument,
  candidate: ResultDocument,
  thresholds: Thresholds = DEFAULT_THRESHOLDS,
  spread: RunSpread = {},
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
      const noise = spread[kind]?.[metric] ?? null;
      rows.push({
        architecture: kind,
        metric,
        baseline: va[metric],
        candidate: vb[metric],
        changePercent: delta,
        threshold,
        spread: noise,
        regression: isRegression(metric, delta, threshold, noise),
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
