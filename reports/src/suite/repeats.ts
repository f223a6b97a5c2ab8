import { wilsonInterval, Z_SCORES } from "@queueshift/shared-model";
import type { Advice } from "../advice/advise.js";
import { type DecisionFacts, type DesignFacts, decideRule } from "../advice/decide.js";
import { arrivalsToExclude, OBJECTIVE_CONFIDENCE } from "../advice/objectives.js";
import { type AdviceRule, AdviceRules, type Recommendation } from "../advice/rules.js";
import { type Spread, spreadOf } from "./spread.js";

const Z = Z_SCORES[OBJECTIVE_CONFIDENCE];

/** One objective of one design over every repeat's arrivals. */
export interface PooledCheck {
  readonly architecture: "sync" | "async";
  readonly label: string;
  readonly targetMs: number;
  readonly targetShare: number;
  readonly arrivals: number;
  readonly within: number;
  readonly share: number;
  /** Wilson interval of the pooled share. */
  readonly interval: { readonly lower: number; readonly upper: number };
  /** Each repeat's share within. */
  readonly repeatShares: Spread;
  readonly met: boolean;
  /** The pooled interval excludes the target and every repeat's share is on the same side. */
  readonly conclusive: boolean;
  /** Repeats (at the repeats' mean arrivals) that would settle the pooled interval; null: none would. */
  readonly repeatsToSettle: number | null;
}

/** The rule of a scenario's repeats: an advice rule, or that a repeat did not complete. */
export type RepeatRule = AdviceRule | "repeat-not-completed";

/** A scenario's comparison repeats taken together. */
export interface RepeatVerdict {
  readonly repeats: number;
  readonly recommendation: Recommendation;
  readonly rule: RepeatRule;
  readonly checks: readonly PooledCheck[];
  /** async / sync monthly cost per repeat. */
  readonly costRatio: Spread;
  /** The repeats' spread widened by each run's own 95 % interval; null when none is known. */
  readonly costRatioRange: { readonly lower: number; readonly upper: number } | null;
  readonly syncMonthly: Spread;
  readonly asyncMonthly: Spread;
  /** What would settle an inconclusive verdict; null when it is decided. */
  readonly settle: string | null;
}

function pooledCheck(
  advices: readonly Advice[],
  arch: "sync" | "async",
  label: string,
): PooledCheck {
  const mine = advices.flatMap((a) =>
    a.objectives.filter((c) => c.architecture === arch && c.label === label),
  );
  const first = mine[0];
  const arrivals = mine.reduce((s, c) => s + c.arrivals, 0);
  const within = mine.reduce((s, c) => s + c.within, 0);
  const targetShare = first?.targetShare ?? 1;
  const share = arrivals > 0 ? within / arrivals : 0;
  const interval = wilsonInterval(within, arrivals, Z);
  const met = arrivals > 0 && share >= targetShare;
  // As for one run: a max objective (100 %) is about the slowest arrival, no interval reaches it.
  const straddles =
    targetShare < 1 && interval.lower < targetShare && targetShare <= interval.upper;
  const sameSide = mine.every((c) => c.share >= targetShare === met);
  const conclusive = arrivals > 0 && !straddles && sameSide;
  const needed = straddles ? arrivalsToExclude(share, targetShare, arrivals) : null;
  const perRepeat = arrivals / Math.max(1, mine.length);
  return {
    architecture: arch,
    label,
    targetMs: first?.targetMs ?? 0,
    targetShare,
    arrivals,
    within,
    share,
    interval,
    repeatShares: spreadOf(mine.map((c) => c.share)),
    met,
    conclusive,
    repeatsToSettle:
      needed === null || !(perRepeat > 0) ? null : Math.ceil(needed / perRepeat) - mine.length,
  };
}

function pooledFacts(
  advices: readonly Advice[],
  checks: readonly PooledCheck[],
  arch: "sync" | "async",
): DesignFacts | null {
  const per = advices.map((a) => a.facts[arch]);
  if (per.some((d) => d === null)) return null;
  const accounts = advices.flatMap((a) => a.arrivals.filter((x) => x.architecture === arch));
  const arrivals = accounts.reduce((s, x) => s + x.arrivals, 0);
  const succeeded = accounts.reduce((s, x) => s + x.succeeded, 0);
  const mine = checks.filter((c) => c.architecture === arch);
  return {
    meetsObjectives: mine.length > 0 && mine.every((c) => c.met),
    objectivesConclusive: mine.every((c) => c.conclusive),
    failureShare: arrivals > 0 ? (arrivals - succeeded) / arrivals : 0,
    lost: accounts.reduce((s, x) => s + x.lost, 0),
  };
}

/**
 * The cost ratio's range over the repeats: from the lowest of their ratios and their intervals'
 * lower ends to the highest of both (null when there is no ratio at all).
 */
function ratioRange(
  advices: readonly Advice[],
  ratios: Spread,
): { lower: number; upper: number } | null {
  if (ratios.values.length === 0 || !Number.isFinite(ratios.min)) return null;
  const intervals = advices.flatMap((a) => (a.costInterval?.ratio ? [a.costInterval.ratio] : []));
  return {
    lower: Math.min(ratios.min, ...intervals.map((i) => i.lower)),
    upper: Math.max(ratios.max, ...intervals.map((i) => i.upper)),
  };
}

function settleText(
  rule: RepeatRule,
  checks: readonly PooledCheck[],
  range: { lower: number; upper: number } | null,
): string | null {
  if (rule === "cost-inconclusive" && range !== null) {
    return `the async/sync cost ratio's range over the repeats and their 95% intervals, ${range.lower.toFixed(2)}-${range.upper.toFixed(2)}, holds ratios that give different verdicts: more repeats (or a quieter machine) would settle it`;
  }
  if (AdviceRules[rule as AdviceRule] !== "inconclusive") return null;
  const open = checks.filter((c) => !c.conclusive);
  return open
    .map((c) =>
      c.repeatsToSettle !== null
        ? `${c.architecture} ${c.label}: about ${Math.max(1, c.repeatsToSettle)} more repeat(s) of this length`
        : `${c.architecture} ${c.label}: the repeats disagree (${(c.repeatShares.min * 100).toFixed(1)}-${(c.repeatShares.max * 100).toFixed(1)} % within): more repeats or a longer run`,
    )
    .join("; ");
}

/**
 * The verdict of a scenario's repeats (the advice of each run, in repeat order): objectives over
 * every repeat's arrivals (pooled Wilson intervals, and the repeats must agree), median costs,
 * and inconclusive when the cost ratio's spread straddles 1 and the verdict depends on it.
 */
export function repeatVerdict(
  advices: readonly Advice[],
  completed: readonly boolean[],
): RepeatVerdict {
  const ratios = advices.map(
    (a) => a.facts.asyncMonthly / Math.max(a.facts.syncMonthly, Number.MIN_VALUE),
  );
  const costRatio = spreadOf(ratios);
  const costRatioRange = ratioRange(advices, costRatio);
  const syncMonthly = spreadOf(advices.map((a) => a.facts.syncMonthly));
  const asyncMonthly = spreadOf(advices.map((a) => a.facts.asyncMonthly));
  const labels = [...new Set(advices.flatMap((a) => a.objectives.map((c) => c.label)))];
  const archs = (["sync", "async"] as const).filter((x) =>
    advices.some((a) => a.objectives.some((c) => c.architecture === x)),
  );
  const checks = archs.flatMap((x) => labels.map((l) => pooledCheck(advices, x, l)));
  const base = {
    repeats: advices.length,
    checks,
    costRatio,
    costRatioRange,
    syncMonthly,
    asyncMonthly,
  };
  if (completed.some((c) => !c) || advices.length === 0) {
    return {
      ...base,
      recommendation: "none",
      rule: "repeat-not-completed",
      settle: "re-run: a repeat did not complete, so its arrivals cannot be counted",
    };
  }
  const first = advices[0] as Advice;
  const facts: DecisionFacts = {
    ...first.facts,
    sync: pooledFacts(advices, checks, "sync"),
    async: pooledFacts(advices, checks, "async"),
    syncMonthly: syncMonthly.median,
    asyncMonthly: asyncMonthly.median,
    ...(costRatioRange === null ? {} : { costRatioInterval: costRatioRange }),
  };
  const rule: RepeatRule = decideRule(facts);
  const recommendation: Recommendation = AdviceRules[rule];
  return { ...base, recommendation, rule, settle: settleText(rule, checks, costRatioRange) };
}
