import type { ArchitectureResult, ResultDocument } from "@queueshift/shared-model";
import { architectureOf } from "../cost/measured-usage.js";
import type { PriceChoice } from "../cost/price-choice.js";
import { type CostProjection, projectCosts } from "../cost/project-costs.js";
import { jointInputOf, jointSettings } from "../suite/joint-settings.js";
import { type ArrivalAccount, arrivalAccount } from "./arrivals.js";
import type { AtScale } from "./at-scale.js";
import { type BurstBehaviour, burstBehaviour } from "./burst.js";
import { type BurstShare, burstShare } from "./burst-share.js";
import { type CostInterval, costInterval } from "./cost-interval.js";
import { type DecisionFacts, type DesignFacts, decideRule } from "./decide.js";
import { type VolumeVerdict, verdictByVolume } from "./flip-points.js";
import { allConclusive, allMet, checkObjectives, type ObjectiveCheck } from "./objectives.js";
import type { UserProfile } from "./profile.js";
import { adviceReasons } from "./reasons.js";
import { type AdviceRule, AdviceRules, type Recommendation } from "./rules.js";
import { type RecommendedSettings, recommendSettings } from "./settings.js";

/** The reasoned recommendation and the numbers behind it. */
export interface Advice {
  readonly recommendation: Recommendation;
  readonly rule: AdviceRule;
  /** One sentence: the recommendation and its main reason. */
  readonly headline: string;
  readonly reasons: readonly string[];
  readonly objectives: readonly ObjectiveCheck[];
  /** Every arrival of each measured design and what became of it. */
  readonly arrivals: readonly ArrivalAccount[];
  readonly facts: DecisionFacts;
  readonly projection: CostProjection;
  /** The cost inputs' 95 % intervals and the costs at their ends; null when a projection priced it. */
  readonly costInterval: CostInterval | null;
  readonly burst: BurstBehaviour | null;
  /** Per design, the burst window's share of arrivals within each objective (none: no burst). */
  readonly burstShares: readonly BurstShare[];
  /** Cold starts / invocations of the async run. */
  readonly coldStartShare: number | null;
  readonly settings: RecommendedSettings | null;
  readonly verdictByVolume: readonly VolumeVerdict[];
  readonly profile: UserProfile;
  /** The projection at the user's traffic the objectives, failures and costs come from; null = the run's. */
  readonly atScale: AtScale | null;
}

/** A closed-model run (autocannon): its latency is not timed against a schedule. */
export function isClosedModel(doc: ResultDocument): boolean {
  return doc.architectures.some((a) => a.settings.executor === "closed");
}

function designFacts(
  arch: ArchitectureResult | undefined,
  checks: readonly ObjectiveCheck[],
  priced: boolean,
): DesignFacts | null {
  if (arch === undefined || !priced) return null;
  const mine = checks.filter((c) => c.architecture === arch.architecture);
  const account = arrivalAccount(arch);
  return {
    meetsObjectives: allMet(mine),
    objectivesConclusive: allConclusive(mine),
    failureShare: account.failureShare,
    lost: account.lost,
  };
}

function facts(
  doc: ResultDocument,
  checks: readonly ObjectiveCheck[],
  p: CostProjection,
  atScale: AtScale | null,
  interval: CostInterval | null,
): DecisionFacts {
  const basis = atScale?.doc ?? doc;
  const priced = (kind: "sync" | "async") =>
    atScale === null
      ? (kind === "sync" ? p.sync : p.async) !== null
      : (kind === "sync" ? atScale.syncMonthly : atScale.asyncMonthly) !== null;
  return {
    closedModel: isClosedModel(doc),
    runIncomplete: doc.outcome.status !== "completed",
    sync: designFacts(architectureOf(basis, "sync"), checks, priced("sync")),
    async: designFacts(architectureOf(basis, "async"), checks, priced("async")),
    syncMonthly: atScale?.syncMonthly ?? p.sync?.total ?? 0,
    asyncMonthly: atScale?.asyncMonthly ?? p.async?.total ?? 0,
    shape: p.traffic.shape,
    peakToMean: p.traffic.peakRate / Math.max(p.traffic.meanRate, 1e-9),
    ...(interval?.ratio ? { costRatioInterval: interval.ratio } : {}),
  };
}

/**
 * Migrate, stay, hybrid or inconclusive (none for closed-model runs) for the user's traffic and
 * latency objectives, with reasons drawn from the run: objectives over all arrivals with their
 * intervals and flip points, failures, monthly cost and break-even, the burst window's share
 * within the objectives, cold starts, the verdict across volumes; plus the async settings. With
 * `atScale` (a projection of the run at the user's traffic) the objectives, failures and monthly
 * costs are the projection's, and the headline and first reason say so.
 */
export function advise(
  doc: ResultDocument,
  profile: UserProfile,
  prices: PriceChoice,
  atScale: AtScale | null = null,
): Advice {
  const s = architectureOf(doc, "sync");
  const a = architectureOf(doc, "async");
  const basis = atScale?.doc ?? doc;
  const judged = [architectureOf(basis, "sync"), architectureOf(basis, "async")].filter(
    (x): x is ArchitectureResult => x !== undefined,
  );
  const objectives = judged.flatMap((x) => checkObjectives(x, profile.objectives));
  const projection = projectCosts(doc, profile, prices);
  const interval = atScale === null ? costInterval(doc, projection, prices) : null;
  const f = facts(doc, objectives, projection, atScale, interval);
  const rule = decideRule(f);
  const recommendation = AdviceRules[rule];
  const invocations = a?.lambda?.invocations ?? a?.counters.invocations ?? 0;
  const colds = a?.lambda?.coldStarts ?? a?.counters.coldStarts ?? 0;
  const budget = Math.min(...profile.objectives.map((o) => o.ms));
  const advising = rule !== "closed-model" && rule !== "run-not-completed";
  const partial = {
    recommendation,
    rule,
    objectives,
    arrivals: judged.map(arrivalAccount),
    facts: f,
    projection,
    costInterval: interval,
    burst: a ? burstBehaviour(a) : null,
    burstShares: [s, a]
      .filter((x): x is ArchitectureResult => x !== undefined)
      .map((x) => burstShare(x, profile.objectives))
      .filter((x): x is BurstShare => x !== null),
    coldStartShare: a && invocations > 0 ? colds / invocations : null,
    settings: a && advising ? settingsFor(a, projection, budget, prices) : null,
    verdictByVolume:
      advising && f.sync !== null && f.async !== null
        ? verdictByVolume(f, projection, profile, prices)
        : [],
    profile,
    atScale,
  };
  const { headline, reasons } = adviceReasons(partial);
  return { ...partial, headline, reasons };
}

/** The async settings: memory, BatchSize, window and concurrency chosen together where one fits. */
function settingsFor(
  a: ArchitectureResult,
  projection: CostProjection,
  budgetMs: number,
  prices: PriceChoice,
): RecommendedSettings | null {
  const input = jointInputOf(a, projection, budgetMs, prices.table);
  const chosen = input === null ? null : jointSettings(input).chosen;
  return recommendSettings(a, projection.traffic, budgetMs, projection.memory, chosen);
}
