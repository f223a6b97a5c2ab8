// The verdict of a scenario's repeats, from hand-built per-repeat advice: the objectives' arrivals
// pooled over repeats, repeats that disagree, a cost ratio either side of 1, a repeat not completed.
import { wilsonInterval, Z_SCORES } from "@queueshift/shared-model";
import { describe, expect, it } from "vitest";
import { choosePrices } from "../../../src/cost/price-choice.js";
import { type Advice, advise, PROFILE_DEFAULTS, syntheticRun } from "../../../src/index.js";
import { repeatVerdict } from "../../../src/suite/repeats.js";

const base = advise(syntheticRun(), PROFILE_DEFAULTS, choosePrices());

function check(architecture: "sync" | "async", arrivals: number, within: number) {
  const share = within / arrivals;
  return {
    architecture,
    label: "p99",
    percentile: 99,
    targetMs: 500,
    measuredMs: 100,
    allArrivalsMs: 100,
    arrivals,
    within,
    share,
    interval: wilsonInterval(within, arrivals, Z_SCORES[0.95]),
    targetShare: 0.99,
    met: share >= 0.99,
    conclusive: false,
    arrivalsToSettle: null,
    secondsToSettle: null,
  };
}

function account(architecture: "sync" | "async", arrivals: number, succeeded: number) {
  return {
    architecture,
    arrivals,
    notOffered: 0,
    succeeded,
    failed: arrivals - succeeded,
    timeouts: 0,
    missed: 0,
    dlq: 0,
    lost: 0,
    retries: 0,
    failureShare: (arrivals - succeeded) / arrivals,
  };
}

/** One repeat: both designs' arrivals and within counts, the two monthly costs, the run's own cost-ratio interval. */
function repeat(
  sync: [number, number],
  async: [number, number],
  syncMonthly: number,
  asyncMonthly: number,
  ratio: { lower: number; upper: number } | null = null,
): Advice {
  const design = { meetsObjectives: true, objectivesConclusive: true, failureShare: 0, lost: 0 };
  const costInterval =
    ratio === null
      ? null
      : {
          capacityPerVcpu: null,
          handlerMsPerInvocation: null,
          syncMonthly: null,
          asyncMonthly: null,
          ratio,
        };
  return {
    ...base,
    costInterval,
    objectives: [check("sync", ...sync), check("async", ...async)],
    arrivals: [account("sync", sync[0], sync[0]), account("async", async[0], async[0])],
    facts: { ...base.facts, sync: design, async: design, syncMonthly, asyncMonthly },
  };
}

describe("repeatVerdict", () => {
  it("pools arrivals: repeats that each straddle p99 decide together", () => {
    // Prepare: 200 arrivals all within: alone, the interval's lower bound is 0.981 < 0.99.
    const one = repeat([200, 200], [200, 200], 100, 35);
    expect(one.objectives[0]?.interval.lower).toBeLessThan(0.99);

    // Act
    const single = repeatVerdict([one], [true]);
    const five = repeatVerdict([one, one, one, one, one], [true, true, true, true, true]);

    // Assess
    expect(single.recommendation).toBe("inconclusive");
    expect(single.checks[0]?.repeatsToSettle).toBeGreaterThan(0);
    expect(single.settle).toContain("more repeat(s)");
    expect(five.recommendation).toBe("migrate");
    expect(five.checks.every((c) => c.conclusive)).toBe(true);
    expect(five.checks[0]?.arrivals).toBe(1000);
    expect(five.checks[0]?.interval.lower).toBeGreaterThanOrEqual(0.99);
  });

  it("is inconclusive when repeats fall either side of the target, however many arrivals", () => {
    // Prepare: async 99.5 % within in one repeat, 98.5 % in the other: pooled 99.0 %, met.
    const a = repeat([10_000, 10_000], [10_000, 9_950], 100, 35);
    const b = repeat([10_000, 10_000], [10_000, 9_850], 100, 35);

    // Act
    const v = repeatVerdict([a, b], [true, true]);

    // Assess
    const asyncCheck = v.checks.find((c) => c.architecture === "async");
    expect(asyncCheck?.share).toBeCloseTo(0.99, 6);
    expect(asyncCheck?.met).toBe(true);
    expect(asyncCheck?.conclusive).toBe(false);
    expect(v.recommendation).toBe("inconclusive");
    expect(v.settle).toContain("the repeats disagree (98.5-99.5 % within)");
  });

  it("is inconclusive when the cost ratio's spread straddles 1 and the verdict turns on it", () => {
    // Prepare: both meet; async 10 % cheaper in one repeat, 10 % dearer in the other.
    const cheaper = repeat([5_000, 5_000], [5_000, 5_000], 100, 90);
    const dearer = repeat([5_000, 5_000], [5_000, 5_000], 100, 110);

    // Act
    const v = repeatVerdict([cheaper, dearer], [true, true]);
    const same = repeatVerdict([cheaper, cheaper], [true, true]);

    // Assess
    expect(v.rule).toBe("cost-inconclusive");
    expect(v.recommendation).toBe("inconclusive");
    expect(v.costRatio.min).toBeCloseTo(0.9);
    expect(v.costRatio.max).toBeCloseTo(1.1);
    expect(v.settle).toContain("0.90-1.10");
    expect(same.rule).toBe("both-meet-async-cheaper");
  });

  it("widens the repeats' cost spread by each run's own interval: one repeat at 0.95 decides only if its interval stays below 1", () => {
    // Prepare: both meet; async 5 % cheaper; the run's own 95 % interval narrow, then across 1.
    const narrow = repeat([5_000, 5_000], [5_000, 5_000], 100, 95, { lower: 0.93, upper: 0.97 });
    const wide = repeat([5_000, 5_000], [5_000, 5_000], 100, 95, { lower: 0.9, upper: 1.05 });

    // Act
    const decided = repeatVerdict([narrow], [true]);
    const open = repeatVerdict([wide], [true]);

    // Assess
    expect(decided.rule).toBe("both-meet-async-cheaper");
    expect(decided.costRatioRange).toEqual({ lower: 0.93, upper: 0.97 });
    expect(open.rule).toBe("cost-inconclusive");
    expect(open.costRatioRange).toEqual({ lower: 0.9, upper: 1.05 });
    expect(open.settle).toContain("0.90-1.05");
  });

  it("a cost ratio of exactly 1 in every repeat is no spread: sync is not dearer, so stay", () => {
    // Act
    const v = repeatVerdict([repeat([5_000, 5_000], [5_000, 5_000], 100, 100)], [true]);

    // Assess
    expect(v.rule).toBe("both-meet-sync-cheaper");
    expect(v.recommendation).toBe("stay");
  });

  it("gives no verdict when a repeat did not complete (its arrivals cannot be counted)", () => {
    // Prepare
    const r = repeat([5_000, 5_000], [5_000, 5_000], 100, 35);

    // Act
    const v = repeatVerdict([r, r], [true, false]);

    // Assess
    expect(v.recommendation).toBe("none");
    expect(v.rule).toBe("repeat-not-completed");
  });
});
