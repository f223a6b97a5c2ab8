import {
  asyncMonthlyCost,
  SYNC_DEFAULTS,
  type SyncCostResult,
  syncMonthlyCost,
} from "@queueshift/shared-model";
import type { PriceChoice } from "../cost/price-choice.js";
import type { CostProjection } from "../cost/project-costs.js";
import { ms, num, volume } from "../format.js";
import { type DecisionFacts, decideRule, ruleIf } from "./decide.js";
import type { ObjectiveCheck } from "./objectives.js";
import { trafficFor, type UserProfile } from "./profile.js";
import { type AdviceRule, AdviceRules, type Recommendation } from "./rules.js";

/** The verdict at one monthly volume of the user's shape (objectives as the run measured them). */
export interface VolumeVerdict {
  readonly monthlyRequests: number;
  readonly recommendation: Recommendation;
  readonly rule: AdviceRule;
  readonly syncMonthly: number | null;
  readonly asyncMonthly: number | null;
}

/** Volumes the report shows the verdict at (requests per month). */
export const VERDICT_VOLUMES = Object.freeze([1e6, 1e7, 1e8, 1e9]);

/**
 * The verdict at 1M, 10M, 100M and 1B requests a month for the user's shape: only the costs
 * (and the peak-to-mean ratio) change with volume; the objectives stay as measured.
 */
export function verdictByVolume(
  facts: DecisionFacts,
  projection: CostProjection,
  profile: UserProfile,
  prices: PriceChoice,
): VolumeVerdict[] {
  const { sync, async } = projection.inputs;
  return VERDICT_VOLUMES.map((v) => {
    const traffic = trafficFor(profile, v);
    const s = sync && syncMonthlyCost({ ...sync, traffic }, prices.table).total;
    const a = async && asyncMonthlyCost({ ...async, traffic }, prices.table).total;
    const rule = decideRule({
      ...facts,
      syncMonthly: s ?? 0,
      asyncMonthly: a ?? 0,
      peakToMean: traffic.peakRate / Math.max(traffic.meanRate, 1e-9),
    });
    return {
      monthlyRequests: v,
      recommendation: AdviceRules[rule],
      rule,
      syncMonthly: s,
      asyncMonthly: a,
    };
  });
}

/**
 * Where one objective would flip the verdict: "async's p99 over all arrivals would have to
 * exceed 500 ms (now 493 ms)", or that the verdict does not depend on it.
 */
export function objectiveFlip(
  c: ObjectiveCheck,
  checks: readonly ObjectiveCheck[],
  facts: DecisionFacts,
  current: Recommendation,
): string {
  const mine = checks.filter((x) => x.architecture === c.architecture);
  const othersMet = mine.every((x) => x === c || x.met === true);
  // Both designs taken at their point estimates: an inconclusive verdict's flip points are the
  // values that move it between the verdicts it straddles, not away from "inconclusive" itself.
  const pointFacts = atPointEstimates(facts);
  const base = current === "inconclusive" ? AdviceRules[decideRule(pointFacts)] : current;
  // Flipping this objective changes the design's "meets" only if the others are all met.
  const flipped = othersMet ? ruleIf(pointFacts, c.architecture, c.met !== true) : null;
  const now =
    c.allArrivalsMs === null ? "none: too many arrivals did not succeed" : ms(c.allArrivalsMs);
  if (flipped === null || AdviceRules[flipped] === base)
    return `the verdict does not depend on it (${c.architecture} ${c.label} over all arrivals ${now})`;
  const verb = c.met === true ? "exceed" : "fall to";
  return `${c.architecture}'s ${c.label} over all arrivals would have to ${verb} ${ms(c.targetMs)} (now ${now}) for the verdict to become ${AdviceRules[flipped]}`;
}

/** The facts with every design's objectives taken as conclusive at their point estimates. */
function atPointEstimates(f: DecisionFacts): DecisionFacts {
  const settle = (d: DecisionFacts["sync"]) => d && { ...d, objectivesConclusive: true };
  return { ...f, sync: settle(f.sync), async: settle(f.async) };
}

/** Where sync's task count steps up: "sync runs 2 tasks and needs 3 above 410 req/s". */
export function taskStep(sync: SyncCostResult, peakRate: number): string {
  const p = sync.plan;
  // Tasks needed exceed N above N x capacity per task x target utilisation (cost-model.md).
  const next = p.tasksAtPeak * p.capacityPerTask * SYNC_DEFAULTS.targetUtilisation;
  return `sync runs ${p.tasksAtPeak} tasks for the ${num(peakRate)} req/s peak and needs ${p.tasksAtPeak + 1} above ${num(next)} req/s`;
}

/** The cost flip: the break-even volume of the user's shape, or that there is none in range. */
export function breakEvenFlip(projection: CostProjection): string {
  const curve = projection.curves.find((c) => c.shape === projection.traffic.shape);
  const crossing = curve?.crossingVolume ?? null;
  if (crossing === null) return "no break-even between 1M and 1,000M requests/month";
  return `break-even at ${volume(crossing)} requests/month`;
}
