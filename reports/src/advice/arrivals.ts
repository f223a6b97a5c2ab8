import type { ArchitectureResult, EncodedHistogram } from "@queueshift/shared-model";
import { decodeHistogram } from "../data/histograms.js";

/**
 * Every arrival of one design's measure phase and what became of it. The same rule for both
 * designs: whatever did not succeed (failed, timed out, missed, dead-lettered, lost) counts as
 * over every latency objective.
 */
export interface ArrivalAccount {
  readonly architecture: "sync" | "async";
  /** All offered arrivals: the sum of their outcomes (each has exactly one). */
  readonly arrivals: number;
  /**
   * Scheduled arrivals never offered (an interrupted run, or a Poisson schedule whose count fell
   * short of its expectation): shown, not counted against the design.
   */
  readonly notOffered: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly timeouts: number;
  readonly missed: number;
  /** Async only (0 for sync): jobs in the DLQ at the end, jobs never accounted for. */
  readonly dlq: number;
  readonly lost: number;
  readonly retries: number;
  /** (arrivals - succeeded) / arrivals: the one failure figure of both designs. */
  readonly failureShare: number;
}

/** The arrival account of a design (counters of result-document.ts). */
export function arrivalAccount(arch: ArchitectureResult): ArrivalAccount {
  const c = arch.counters;
  const dlq = c.dlq ?? 0;
  const lost = c.lost ?? 0;
  // `scheduled` is the schedule's expected count, not a tally: a Poisson schedule's real count
  // differs and an interrupted run offers fewer; the outcomes are what happened to each arrival.
  const arrivals = c.succeeded + c.failed + c.timeouts + c.missed + dlq + lost;
  return {
    architecture: arch.architecture,
    arrivals,
    notOffered: Math.max(0, c.scheduled - arrivals),
    succeeded: c.succeeded,
    failed: c.failed,
    timeouts: c.timeouts,
    missed: c.missed,
    dlq,
    lost,
    retries: c.retries ?? 0,
    failureShare: arrivals > 0 ? (arrivals - c.succeeded) / arrivals : 0,
  };
}

// The latency of the rank-th smallest sample (1-based), as getValueAtPercentile reports it.
function valueAtRank(encoded: EncodedHistogram, rank: number): number {
  const h = decodeHistogram(encoded);
  return h.getValueAtPercentile((100 * rank) / h.totalCount);
}

// Samples at or below `us`: the largest rank whose value is within (binary search over ranks,
// so it agrees with the percentiles: "p99 <= X" exactly when 99 % of samples are within).
function samplesWithin(encoded: EncodedHistogram, us: number): number {
  const n = decodeHistogram(encoded).totalCount;
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (valueAtRank(encoded, mid) <= us) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Successful requests within `ms`. Sync's histogram also holds error responses (status >= 400);
 * they are assumed to be the fastest samples, so the count is a lower bound and never credits a
 * failure as within the objective.
 */
export function succeededWithin(arch: ArchitectureResult, ms: number): number {
  const h = arch.histograms.latency;
  if (h === undefined) return 0;
  const n = decodeHistogram(h).totalCount;
  const notSucceeded = Math.max(0, n - arch.counters.succeeded);
  const within = samplesWithin(h, ms * 1000) - notSucceeded;
  return Math.max(0, Math.min(arch.counters.succeeded, within));
}

/**
 * The latency `percentile` % of all arrivals stay within (non-successes count as slower than
 * any success); null when more than (100 - percentile) % of the arrivals did not succeed.
 */
export function arrivalsPercentileMs(
  arch: ArchitectureResult,
  account: ArrivalAccount,
  percentile: number,
): number | null {
  const h = arch.histograms.latency;
  if (h === undefined || account.arrivals === 0) return null;
  const rank = Math.max(1, Math.ceil((percentile / 100) * account.arrivals - 1e-9));
  const n = decodeHistogram(h).totalCount;
  const notSucceeded = Math.max(0, n - arch.counters.succeeded);
  if (rank > Math.min(account.succeeded, n - notSucceeded)) return null;
  return valueAtRank(h, rank + notSucceeded) / 1000;
}
