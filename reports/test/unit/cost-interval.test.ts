// Issue 12 item 2: an interval for each design's cost input (sync capacity per vCPU by batch
// means over the measure phase, async handler time per invocation from its histogram), the
// monthly costs at its ends, and a verdict that is inconclusive when the ratio's interval turns it.
import type { ArchitectureResult } from "@queueshift/shared-model";
import { describe, expect, it } from "vitest";
import {
  capacityInterval,
  costInterval,
  handlerInterval,
  t95,
} from "../../src/advice/cost-interval.js";
import { type DecisionFacts, decideRule } from "../../src/advice/decide.js";
import {
  advise,
  choosePrices,
  PROFILE_DEFAULTS,
  projectCosts,
  recordHistogram,
} from "../../src/index.js";
import { fixtureResult, withArchitecture } from "../fixtures/result-fixture.js";

/** A sync result whose measure phase (phase index 1) has `rows` of [achieved, stackCpu]. */
function syncWith(
  capacityPerVcpu: number,
  rows: ReadonlyArray<[number, number]>,
): ArchitectureResult {
  const doc = withArchitecture(fixtureResult(), "sync", (a) => ({
    ...a,
    capacityPerVcpu,
    phases: [
      { name: "warmup", startSeconds: 0, endSeconds: 1 },
      { name: "measure", startSeconds: 1, endSeconds: 1 + rows.length },
    ],
    timeSeries: {
      intervalSeconds: 1,
      columns: ["t", "phase", "achieved", "stackCpu"],
      rows: [[1, 0, 10, 0.1], ...rows.map(([n, cpu], i) => [i + 2, 1, n, cpu])],
    },
  }));
  const sync = doc.architectures.find((a) => a.architecture === "sync");
  if (sync === undefined) throw new Error("fixture without sync");
  return sync;
}

const block = (perCpuSecond: number): Array<[number, number]> =>
  Array.from({ length: 5 }, () => [perCpuSecond * 0.4, 0.4] as [number, number]);

describe("cost input intervals", () => {
  it("uses Student's t for few blocks and the normal quantile above 30 degrees of freedom", () => {
    expect(t95(1)).toBe(12.706);
    expect(t95(2)).toBe(4.303);
    expect(t95(30)).toBe(2.042);
    expect(t95(31)).toBe(1.96);
  });

  it("draws sync capacity's interval from 5 s blocks of the measure phase (hand-computed)", () => {
    // Prepare: three blocks at 90, 100 and 110 req per CPU-second: mean 100, sd 10, t(2) = 4.303.
    const arch = syncWith(100, [...block(90), ...block(100), ...block(110)]);

    // Act
    const i = capacityInterval(arch);

    // Assess: half-width 4.303 x 10 / sqrt(3) = 24.84 (relative to the blocks' mean of 100).
    expect(i?.lower).toBeCloseTo(100 - 24.843, 2);
    expect(i?.upper).toBeCloseTo(100 + 24.843, 2);
    expect(i?.basis).toBe("3 blocks of 5 s");
  });

  it("gives no capacity interval from fewer than three blocks, or without a measured capacity", () => {
    expect(capacityInterval(syncWith(100, [...block(90), ...block(110)]))).toBeNull();
    const { capacityPerVcpu: _, ...unmeasured } = syncWith(100, [
      ...block(90),
      ...block(100),
      ...block(110),
    ]);
    expect(capacityInterval(unmeasured)).toBeNull();
  });

  it("draws the handler's interval from the invocation histogram's mean and deviation", () => {
    // Prepare: 100 invocations of 10 ms and 100 of 20 ms: mean 15, sd 5.0125 (n - 1 = 199).
    const doc = withArchitecture(fixtureResult(), "async", (a) => ({
      ...a,
      histograms: {
        ...a.histograms,
        invocation: recordHistogram([...Array(100).fill(10), ...Array(100).fill(20)]),
      },
    }));
    const a = doc.architectures.find((x) => x.architecture === "async") as ArchitectureResult;

    // Act
    const i = handlerInterval(a, 30);

    // Assess: relative half-width 1.96 x 5 / sqrt(200) / 15 = 0.0462 (hdr-histogram's deviation
    // divides by n, and its buckets hold 3 significant digits).
    expect(i?.estimate).toBe(30);
    expect(i?.lower).toBeCloseTo(30 * (1 - 0.0462), 1);
    expect(i?.upper).toBeCloseTo(30 * (1 + 0.0462), 1);
    expect(i?.basis).toBe("200 invocations");
  });

  it("prices both designs at the ends and brackets the point ratio", () => {
    // Prepare: a run with both inputs measured (blocks at 90-110 req per CPU-second; invocations
    // of 10 and 20 ms).
    const sync = syncWith(100, [...block(90), ...block(100), ...block(110)]);
    const doc = withArchitecture(
      withArchitecture(fixtureResult(), "sync", () => sync),
      "async",
      (a) => ({
        ...a,
        histograms: {
          ...a.histograms,
          invocation: recordHistogram([...Array(100).fill(10), ...Array(100).fill(20)]),
        },
      }),
    );
    const prices = choosePrices();
    const projection = projectCosts(doc, PROFILE_DEFAULTS, prices);

    // Act
    const c = costInterval(doc, projection, prices);

    // Assess
    const point = (projection.async?.total ?? 0) / (projection.sync?.total ?? 1);
    expect(c.capacityPerVcpu?.estimate).toBe(100);
    expect(c.handlerMsPerInvocation).not.toBeNull();
    expect(c.ratio?.lower).toBeLessThan(point);
    expect(c.ratio?.upper).toBeGreaterThan(point);
    // Sync cost moves in whole tasks: at this volume the capacity's interval keeps the same fleet.
    expect(c.syncMonthly?.lower).toBeLessThanOrEqual(projection.sync?.total ?? 0);
    expect(c.syncMonthly?.upper).toBeGreaterThanOrEqual(projection.sync?.total ?? 0);
    expect(c.asyncMonthly?.upper).toBeGreaterThan(projection.async?.total ?? 0);
    expect(advise(doc, PROFILE_DEFAULTS, prices).costInterval?.ratio).toEqual(c.ratio);
  });

  it("keeps the point estimate when a run measured neither input", () => {
    const doc = fixtureResult(); // synthetic: no capacity per vCPU, no invocation histogram
    const prices = choosePrices();
    const projection = projectCosts(doc, PROFILE_DEFAULTS, prices);
    const c = costInterval(doc, projection, prices);
    const point = (projection.async?.total ?? 0) / (projection.sync?.total ?? 1);
    expect(c.capacityPerVcpu).toBeNull();
    expect(c.handlerMsPerInvocation).toBeNull();
    expect(c.ratio?.lower).toBeCloseTo(point, 12);
    expect(c.ratio?.upper).toBeCloseTo(point, 12);
  });
});

describe("the cost ratio's interval in the decision", () => {
  const design = { meetsObjectives: true, objectivesConclusive: true, failureShare: 0, lost: 0 };
  const facts = (lower: number, upper: number): DecisionFacts => ({
    closedModel: false,
    runIncomplete: false,
    sync: design,
    async: design,
    syncMonthly: 100,
    asyncMonthly: ((lower + upper) / 2) * 100,
    shape: "steady",
    peakToMean: 1,
    costRatioInterval: { lower, upper },
  });

  it("is inconclusive when the interval holds 1 (both meet), and decided when it does not", () => {
    expect(decideRule(facts(0.9, 1.05))).toBe("cost-inconclusive");
    expect(decideRule(facts(0.5, 0.99))).toBe("both-meet-async-cheaper");
    expect(decideRule(facts(1.3, 1.5))).toBe("both-meet-sync-cheaper");
  });

  it("counts an interval that reaches exactly 1 as straddling (at 1 the service is not dearer)", () => {
    expect(decideRule(facts(0.8, 1))).toBe("cost-inconclusive");
  });

  it("is inconclusive when only-sync-meets and the interval crosses the much-cheaper threshold", () => {
    const f = facts(0.7, 0.8);
    const verdict = decideRule({ ...f, async: { ...design, meetsObjectives: false } });
    expect(verdict).toBe("cost-inconclusive");
    expect(
      decideRule({
        ...f,
        costRatioInterval: { lower: 0.3, upper: 0.4 },
        asyncMonthly: 35,
        async: { ...design, meetsObjectives: false },
      }),
    ).toBe("only-sync-meets-objective-async-much-cheaper");
  });
});
