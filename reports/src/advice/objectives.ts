import { type ArchitectureResult, wilsonInterval, Z_SCORES } from "@queueshift/shared-model";
import { measuredSeconds } from "../cost/measured-usage.js";
import { percentileMs } from "../data/histograms.js";
import {
  type ArrivalAccount,
  arrivalAccount,
  arrivalsPercentileMs,
  succeededWithin,
} from "./arrivals.js";
import type { LatencyObjective } from "./profile.js";

/** Confidence of the share-of-arrivals intervals (two-sided Wilson score interval). */
export const OBJECTIVE_CONFIDENCE = 0.95;
const Z = Z_SCORES[OBJECTIVE_CONFIDENCE];

/**
 * One objective checked against one design over all arrivals of its measure phase: `pXX <= T`
 * means at least XX % of arrivals succeeded within T.
 */
export interface ObjectiveCheck {
  readonly architecture: "sync" | "async";
  readonly label: string;
  readonly percentile: number;
  readonly targetMs: number;
  /** The percentile of the completed requests (the `latency` histogram); null without samples. */
  readonly measuredMs: number | null;
  /** The percentile over all arrivals; null when too many did not succeed for it to exist. */
  readonly allArrivalsMs: number | null;
  readonly arrivals: number;
  /** Arrivals that succeeded within the target. */
  readonly within: number;
  /** within / arrivals, with its Wilson interval at OBJECTIVE_CONFIDENCE. */
  readonly share: number;
  readonly interval: { readonly lower: number; readonly upper: number };
  /** percentile / 100: the share the objective asks for. */
  readonly targetShare: number;
  /** share >= targetShare; null when the design had no arrivals. */
  readonly met: boolean | null;
  /** False when the interval straddles the target share: one run cannot tell met from missed. */
  readonly conclusive: boolean;
  /** Arrivals that would settle an inconclusive check at this share; null when none would. */
  readonly arrivalsToSettle: number | null;
  /** A measure phase that long (s) at the run's arrival rate; null with arrivalsToSettle. */
  readonly secondsToSettle: number | null;
}

function excludes(x: number, n: number, target: number, above: boolean): boolean {
  const { lower, upper } = wilsonInterval(x, n, Z);
  return above ? lower >= target : upper < target;
}

/**
 * Arrivals at which the Wilson interval of `share` would no longer straddle `target` (the
 * interval narrows as 1/sqrt(n)); null when the share sits on the target (no run length settles
 * it) or beyond 1e12 arrivals.
 */
export function arrivalsToExclude(share: number, target: number, from: number): number | null {
  if (share === target) return null;
  const above = share > target;
  let lo = Math.max(1, from);
  if (excludes(share * lo, lo, target, above)) return lo;
  let hi = lo * 2;
  while (!excludes(share * hi, hi, target, above)) {
    if (hi > 1e12) return null;
    lo = hi;
    hi *= 2;
  }
  while (hi - lo > Math.max(1, lo * 1e-3)) {
    const mid = Math.floor((lo + hi) / 2);
    if (excludes(share * mid, mid, target, above)) hi = mid;
    else lo = mid;
  }
  return hi;
}

function check(
  arch: ArchitectureResult,
  account: ArrivalAccount,
  o: LatencyObjective,
): ObjectiveCheck {
  const h = arch.histograms.latency;
  const n = account.arrivals;
  const within = succeededWithin(arch, o.ms);
  const share = n > 0 ? within / n : 0;
  const interval = wilsonInterval(within, n, Z);
  const targetShare = o.percentile / 100;
  // A max objective (100 %) is about the run's slowest arrival: no interval can reach 100 %.
  const straddles =
    targetShare < 1 && interval.lower < targetShare && targetShare <= interval.upper;
  const conclusive = n > 0 && !straddles;
  const toSettle = conclusive || n === 0 ? null : arrivalsToExclude(share, targetShare, n);
  const rate = n / measuredSeconds(arch);
  return {
    architecture: arch.architecture,
    label: o.label,
    percentile: o.percentile,
    targetMs: o.ms,
    measuredMs: h === undefined || h.count === 0 ? null : percentileMs(h, o.percentile),
    allArrivalsMs: arrivalsPercentileMs(arch, account, o.percentile),
    arrivals: n,
    within,
    share,
    interval,
    targetShare,
    met: n === 0 ? null : share >= targetShare,
    conclusive,
    arrivalsToSettle: toSettle,
    secondsToSettle: toSettle === null || !(rate > 0) ? null : toSettle / rate,
  };
}

/**
 * Checks each objective over all arrivals of the design's measure phase (sync: response time;
 * async: end to end, result available - intended submit time, both from the intended time).
 */
export function checkObjectives(
  arch: ArchitectureResult,
  objectives: readonly LatencyObjective[],
): ObjectiveCheck[] {
  const account = arrivalAccount(arch);
  return objectives.map((o) => check(arch, account, o));
}

/** Whether every check passed (false if any failed or was not measurable). */
export function allMet(checks: readonly ObjectiveCheck[]): boolean {
  return checks.length > 0 && checks.every((c) => c.met === true);
}

/** Whether every check is conclusive (its interval does not straddle its target). */
export function allConclusive(checks: readonly ObjectiveCheck[]): boolean {
  return checks.every((c) => c.conclusive);
}
