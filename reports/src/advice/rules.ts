/** What the advice recommends. */
export const Recommendations = {
  migrate: "Migrate to the asynchronous design (API -> SQS -> Lambda)",
  stay: "Stay on the synchronous service",
  hybrid:
    "Hybrid: keep latency-critical calls synchronous, move tolerant or bursty work to the queue",
  inconclusive: "Inconclusive: this run cannot tell which way the objective goes",
  none: "No advice",
} as const;

/** A recommendation. */
export type Recommendation = keyof typeof Recommendations;

/** The rule that decided (one per branch of `decideRule`; README.md "Advice rules"). */
export const AdviceRules = {
  "run-not-completed": "none",
  "closed-model": "none",
  "single-architecture": "stay",
  "async-unreliable": "stay",
  "objective-inconclusive": "inconclusive",
  "cost-inconclusive": "inconclusive",
  "neither-meets-objective": "stay",
  "only-async-meets-objective": "migrate",
  "only-sync-meets-objective": "stay",
  "only-sync-meets-objective-async-much-cheaper": "hybrid",
  "both-meet-async-cheaper": "migrate",
  "both-meet-sync-cheaper": "stay",
  "both-meet-sync-cheaper-bursty": "hybrid",
} as const satisfies Record<string, Recommendation>;

/** A rule id. */
export type AdviceRule = keyof typeof AdviceRules;

/** Thresholds of the rules. */
export const ADVICE_THRESHOLDS = Object.freeze({
  // Arrivals that did not succeed / all arrivals above which a design is unreliable (both designs)
  maxFailureShare: 0.01,
  muchCheaper: 0.75, // async cost <= 75 % of sync: worth a hybrid even when it misses the objective
  burstyPeakToMean: 3, // peak / mean rate from which traffic counts as bursty
  hybridCostTolerance: 1.25, // async within 125 % of sync cost: bursts may justify a hybrid
});
