import type { TrafficProfile } from "@queueshift/shared-model";
import { ADVICE_THRESHOLDS, type AdviceRule, AdviceRules } from "./rules.js";

/** What the rules read of one design. */
export interface DesignFacts {
  /** Every objective met over all arrivals (point estimate). */
  readonly meetsObjectives: boolean;
  /** No objective's interval straddles its target. */
  readonly objectivesConclusive: boolean;
  /** Arrivals that did not succeed / all arrivals. */
  readonly failureShare: number;
  readonly lost: number;
}

/** The facts the decision rules read, summarised from a run and its cost projection. */
export interface DecisionFacts {
  /** A closed-model run: it measured capacity, not latency under a schedule. */
  readonly closedModel: boolean;
  /** The run did not complete (failed, degraded, interrupted): its figures back no verdict. */
  readonly runIncomplete: boolean;
  /** Null where the run did not measure (or could not price) the design. */
  readonly sync: DesignFacts | null;
  readonly async: DesignFacts | null;
  /** USD per month at the user's volume. */
  readonly syncMonthly: number;
  readonly asyncMonthly: number;
  readonly shape: TrafficProfile["shape"];
  /** Peak rate / mean rate of the user's traffic. */
  readonly peakToMean: number;
  /**
   * The 95 % range of async / sync monthly cost (cost-interval.ts; over repeats, also their
   * spread); absent = the point estimates are taken as exact.
   */
  readonly costRatioInterval?: { readonly lower: number; readonly upper: number };
}

/** One failure rule for both designs: any lost request, or more than 1 % not succeeding. */
export function reliable(d: DesignFacts): boolean {
  return d.lost === 0 && d.failureShare <= ADVICE_THRESHOLDS.maxFailureShare;
}

// The rules once each design's objectives are taken as met or missed.
function ruleWith(f: DecisionFacts, syncMeets: boolean, asyncMeets: boolean): AdviceRule {
  const t = ADVICE_THRESHOLDS;
  const s = f.sync as DesignFacts;
  const a = f.async as DesignFacts;
  // Moving work to a design that drops it is never advised, whatever it costs.
  if (!reliable(a)) return "async-unreliable";
  // An unreliable service misses its objectives: its failures are over every latency objective.
  const syncOk = syncMeets && reliable(s);
  const ratio = f.asyncMonthly / Math.max(f.syncMonthly, Number.MIN_VALUE);
  if (!syncOk && !asyncMeets) return "neither-meets-objective";
  if (asyncMeets && !syncOk) return "only-async-meets-objective";
  if (!asyncMeets) {
    return ratio <= t.muchCheaper
      ? "only-sync-meets-objective-async-much-cheaper"
      : "only-sync-meets-objective";
  }
  if (ratio < 1) return "both-meet-async-cheaper";
  const bursty = f.shape === "spiky" || f.peakToMean >= t.burstyPeakToMean;
  return bursty && ratio <= t.hybridCostTolerance
    ? "both-meet-sync-cheaper-bursty"
    : "both-meet-sync-cheaper";
}

// Met/missed values a design's objectives may take: the measured one, or both if inconclusive.
function outcomes(d: DesignFacts): boolean[] {
  return d.objectivesConclusive ? [d.meetsObjectives] : [true, false];
}

/**
 * The rules in order; the first that applies decides (README.md "Advice rules"). An objective
 * whose interval straddles its target makes the verdict inconclusive only when the verdict
 * depends on it: the rules are tried with that design's objectives met and missed.
 */
export function decideRule(f: DecisionFacts): AdviceRule {
  if (f.runIncomplete) return "run-not-completed";
  if (f.closedModel) return "closed-model";
  const s = f.sync;
  const a = f.async;
  if (s === null || a === null) return "single-architecture";
  const measured = ruleWith(f, s.meetsObjectives, a.meetsObjectives);
  const verdicts = new Set<string>();
  for (const sm of outcomes(s))
    for (const am of outcomes(a)) verdicts.add(AdviceRules[ruleWith(f, sm, am)]);
  if (verdicts.size > 1) return "objective-inconclusive";
  return costDecides(f, s.meetsObjectives, a.meetsObjectives) ? "cost-inconclusive" : measured;
}

/**
 * True when the cost ratio's interval holds ratios that give different verdicts: its ends and
 * both sides of each rule threshold inside it (0.75, 1, 1.25), sync cost held as measured.
 */
function costDecides(f: DecisionFacts, syncMeets: boolean, asyncMeets: boolean): boolean {
  const i = f.costRatioInterval;
  if (i === undefined || !(i.upper > i.lower)) return false;
  const t = ADVICE_THRESHOLDS;
  const inside = [t.muchCheaper, 1, t.hybridCostTolerance].filter(
    (x) => x > i.lower && x < i.upper,
  );
  const ratios = [i.lower, i.upper, ...inside.flatMap((x) => [x * (1 - 1e-9), x * (1 + 1e-9)])];
  const verdicts = new Set(
    ratios.map(
      (r) =>
        AdviceRules[ruleWith({ ...f, asyncMonthly: f.syncMonthly * r }, syncMeets, asyncMeets)],
    ),
  );
  return verdicts.size > 1;
}

/** The rule with one design's objectives taken as met (or missed), all else as measured. */
export function ruleIf(
  f: DecisionFacts,
  architecture: "sync" | "async",
  meets: boolean,
): AdviceRule {
  const d = f[architecture];
  if (d === null) return decideRule(f);
  const settled = { ...d, meetsObjectives: meets, objectivesConclusive: true };
  return decideRule({ ...f, [architecture]: settled });
}
