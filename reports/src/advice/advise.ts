import type { ArchitectureResult, ResultDocument, TrafficProfile } from "@queueshift/shared-model";
import { architectureOf } from "../cost/measured-usage.js";
import type { PriceChoice } from "../cost/price-choice.js";
import { type CostProjection, projectCosts } from "../cost/project-costs.js";
import { type BurstBehaviour, burstBehaviour } from "./burst.js";
import { allMet, checkObjectives, type ObjectiveCheck } from "./objectives.js";
import type { UserProfile } from "./profile.js";
import { adviceReasons } from "./reasons.js";
import { ADVICE_THRESHOLDS, type AdviceRule, AdviceRules, type Recommendation } from "./rules.js";
import { type RecommendedSettings, recommendSettings } from "./settings.js";

/** Failure handling of the async run. */
export interface FailureFigures {
  readonly sent: number;
  readonly failed: number;
  readonly dlq: number;
  readonly retries: number;
  readonly lost: number;
  /** (failed + DLQ) / sent. */
  readonly failureShare: number;
}

/** The reasoned recommendation and the numbers behind it. */
export interface Advice {
  readonly recommendation: Recommendation;
  readonly rule: AdviceRule;
  /** One sentence: the recommendation and its main reason. */
  readonly headline: string;
  readonly reasons: readonly string[];
  readonly objectives: readonly ObjectiveCheck[];
  readonly projection: CostProjection;
  readonly burst: BurstBehaviour | null;
  /** Cold starts / invocations of the async run. */
  readonly coldStartShare: number | null;
  readonly failures: FailureFigures | null;
  readonly settings: RecommendedSettings | null;
  readonly profile: UserProfile;
}

function failures(a: ArchitectureResult): FailureFigures {
  const c = a.counters;
  const dlq = c.dlq ?? 0;
  const sent = c.sent;
  return {
    sent,
    failed: c.failed,
    dlq,
    retries: c.retries ?? 0,
    lost: c.lost ?? 0,
    failureShare: sent > 0 ? (c.failed + dlq) / sent : 0,
  };
}

/** The facts the decision rules read, summarised from a run and its cost projection. */
export interface DecisionFacts {
  /** Both architectures measured and priced. */
  readonly bothMeasured: boolean;
  readonly failures: FailureFigures | null;
  readonly syncMeetsObjectives: boolean;
  readonly asyncMeetsObjectives: boolean;
  /** USD per month at the user's volume. */
  readonly syncMonthly: number;
  readonly asyncMonthly: number;
  readonly shape: TrafficProfile["shape"];
  /** Peak rate / mean rate of the user's traffic. */
  readonly peakToMean: number;
}

/** The rules of the advice in order; the first that applies decides (README.md "Advice rules"). */
export function decideRule(f: DecisionFacts): AdviceRule {
  const t = ADVICE_THRESHOLDS;
  if (!f.bothMeasured) return "single-architecture";
  const fl = f.failures;
  if (fl !== null && (fl.lost > 0 || fl.failureShare > t.maxAsyncFailureShare))
    return "async-unreliable";
  const syncOk = f.syncMeetsObjectives;
  const asyncOk = f.asyncMeetsObjectives;
  const ratio = f.asyncMonthly / Math.max(f.syncMonthly, Number.MIN_VALUE);
  if (!syncOk && !asyncOk) return "neither-meets-objective";
  if (asyncOk && !syncOk) return "only-async-meets-objective";
  if (!asyncOk) {
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

function facts(
  s: ArchitectureResult | undefined,
  a: ArchitectureResult | undefined,
  checks: readonly ObjectiveCheck[],
  p: CostProjection,
  failures: FailureFigures | null,
): DecisionFacts {
  return {
    bothMeasured: s !== undefined && a !== undefined && p.sync !== null && p.async !== null,
    failures,
    syncMeetsObjectives: allMet(checks.filter((c) => c.architecture === "sync")),
    asyncMeetsObjectives: allMet(checks.filter((c) => c.architecture === "async")),
    syncMonthly: p.sync?.total ?? 0,
    asyncMonthly: p.async?.total ?? 0,
    shape: p.traffic.shape,
    peakToMean: p.traffic.peakRate / Math.max(p.traffic.meanRate, 1e-9),
  };
}

/**
 * Migrate, stay or hybrid for the user's traffic and latency objectives, with reasons drawn
 * from the run: objectives met per architecture, monthly cost at their volume, burst backlog
 * and drain time, cold-start share, failure handling; plus the async settings to use.
 */
export function advise(doc: ResultDocument, profile: UserProfile, prices: PriceChoice): Advice {
  const s = architectureOf(doc, "sync");
  const a = architectureOf(doc, "async");
  const objectives = [s, a].flatMap((x) => (x ? checkObjectives(x, profile.objectives) : []));
  const projection = projectCosts(doc, profile, prices);
  const f = a ? failures(a) : null;
  const rule = decideRule(facts(s, a, objectives, projection, f));
  const recommendation = AdviceRules[rule];
  const invocations = a?.lambda?.invocations ?? a?.counters.invocations ?? 0;
  const colds = a?.lambda?.coldStarts ?? a?.counters.coldStarts ?? 0;
  const budget = Math.min(...profile.objectives.map((o) => o.ms));
  const partial = {
    recommendation,
    rule,
    objectives,
    projection,
    burst: a ? burstBehaviour(a) : null,
    coldStartShare: a && invocations > 0 ? colds / invocations : null,
    failures: f,
    settings: a ? recommendSettings(a, projection.traffic, budget, projection.memory) : null,
    profile,
  };
  const { headline, reasons } = adviceReasons(partial);
  return { ...partial, headline, reasons };
}
