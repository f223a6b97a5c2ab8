import { describe, expect, it } from "vitest";
import {
  type AdviceRule,
  advise,
  choosePrices,
  type DecisionFacts,
  decideRule,
  resolveProfile,
} from "../../src/index.js";
import { fixtureResult, withArchitecture } from "../fixtures/result-fixture.js";

const prices = choosePrices({ arch: "x86" });
const base: DecisionFacts = {
  bothMeasured: true,
  failures: { sent: 1000, failed: 0, dlq: 0, retries: 0, lost: 0, failureShare: 0 },
  syncMeetsObjectives: true,
  asyncMeetsObjectives: true,
  syncMonthly: 100,
  asyncMonthly: 50,
  shape: "steady",
  peakToMean: 1,
};

describe("decideRule: one case per branch", () => {
  const cases: [string, Partial<DecisionFacts>, AdviceRule][] = [
    ["one architecture measured", { bothMeasured: false }, "single-architecture"],
    [
      "async lost jobs",
      { failures: { sent: 1000, failed: 0, dlq: 0, retries: 0, lost: 1, failureShare: 0 } },
      "async-unreliable",
    ],
    [
      "async failures above 1 %",
      { failures: { sent: 1000, failed: 5, dlq: 10, retries: 0, lost: 0, failureShare: 0.015 } },
      "async-unreliable",
    ],
    [
      "neither meets",
      { syncMeetsObjectives: false, asyncMeetsObjectives: false },
      "neither-meets-objective",
    ],
    ["only async meets", { syncMeetsObjectives: false }, "only-async-meets-objective"],
    [
      "only sync meets, async 10 % cheaper",
      { asyncMeetsObjectives: false, asyncMonthly: 90 },
      "only-sync-meets-objective",
    ],
    [
      "only sync meets, async half the price",
      { asyncMeetsObjectives: false, asyncMonthly: 50 },
      "only-sync-meets-objective-async-much-cheaper",
    ],
    ["both meet, async cheaper", {}, "both-meet-async-cheaper"],
    ["both meet, sync cheaper, steady", { asyncMonthly: 110 }, "both-meet-sync-cheaper"],
    [
      "both meet, sync cheaper, spiky",
      { asyncMonthly: 110, shape: "spiky" },
      "both-meet-sync-cheaper-bursty",
    ],
    [
      "both meet, sync cheaper, peak 4x mean",
      { asyncMonthly: 120, peakToMean: 4 },
      "both-meet-sync-cheaper-bursty",
    ],
    [
      "both meet, sync far cheaper, spiky",
      { asyncMonthly: 200, shape: "spiky" },
      "both-meet-sync-cheaper",
    ],
  ];
  for (const [name, change, rule] of cases) {
    it(`${name} -> ${rule}`, () => {
      // Act
      const got = decideRule({ ...base, ...change });

      // Assess
      expect(got).toBe(rule);
    });
  }
});

describe("advise on measured runs", () => {
  it("stays when the run measured only the synchronous service", () => {
    // Act
    const a = advise(fixtureResult({ architectures: ["sync"] }), resolveProfile({}), prices);

    // Assess
    expect(a.recommendation).toBe("stay");
    expect(a.rule).toBe("single-architecture");
    expect(a.settings).toBeNull();
  });

  it("migrates when only the async design meets the objective", () => {
    // Prepare: a slow sync service (400 ms median) and a quick queue path without bursts
    const doc = fixtureResult({ syncMedianMs: 400, asyncMedianMs: 40, burstMultiplier: 1 });

    // Act
    const a = advise(doc, resolveProfile({ slo: "p99=300ms" }), prices);

    // Assess
    expect(a.rule).toBe("only-async-meets-objective");
    expect(a.recommendation).toBe("migrate");
    expect(a.objectives.find((o) => o.architecture === "sync")?.met).toBe(false);
  });

  it("recommends a hybrid when only sync meets the objective but async is much cheaper", () => {
    // Prepare: the burst backs the queue up for seconds; sync stays fast
    const doc = fixtureResult();

    // Act
    const a = advise(doc, resolveProfile({ slo: "p99=500ms", monthlyRequests: 5e6 }), prices);

    // Assess
    expect(a.rule).toBe("only-sync-meets-objective-async-much-cheaper");
    expect(a.recommendation).toBe("hybrid");
    expect(a.burst?.peakBacklog ?? 0).toBeGreaterThan(10);
    expect(a.burst?.drainSeconds).not.toBeNull();
  });

  it("stays when the async run lost jobs, and says so", () => {
    // Prepare
    const doc = withArchitecture(fixtureResult({ burstMultiplier: 1 }), "async", (x) => ({
      ...x,
      counters: { ...x.counters, lost: 3, dlq: 4, retries: 9 },
    }));

    // Act
    const a = advise(doc, resolveProfile({ slo: "p99=5s" }), prices);

    // Assess
    expect(a.rule).toBe("async-unreliable");
    expect(a.reasons.join(" ")).toMatch(/4 in the DLQ, 9 retries, 3 lost/);
  });

  it("migrates when both meet the objective and the queue costs less at the user's volume", () => {
    // Act
    const a = advise(
      fixtureResult({ burstMultiplier: 1 }),
      resolveProfile({ slo: "p99=5s", monthlyRequests: 2e6 }),
      prices,
    );

    // Assess
    expect(a.rule).toBe("both-meet-async-cheaper");
    expect(a.projection.async?.total ?? 0).toBeLessThan(a.projection.sync?.total ?? 0);
  });

  it("recommends settings within AWS's rules: visibility >= 6x timeout, maxReceiveCount >= 5", () => {
    // Act
    const a = advise(fixtureResult(), resolveProfile({ slo: "p99=2s", peakRate: 50 }), prices);
    const s = a.settings;

    // Assess
    expect(s).not.toBeNull();
    expect(s?.visibilityTimeoutSeconds ?? 0).toBeGreaterThanOrEqual(
      6 * (s?.functionTimeoutSeconds ?? 1),
    );
    expect(s?.maxReceiveCount ?? 0).toBeGreaterThanOrEqual(5);
    expect(s?.batchSize ?? 0).toBeGreaterThanOrEqual(1);
    expect(s?.batchSize ?? 99).toBeLessThanOrEqual(10);
    expect(s?.maximumConcurrency ?? 0).toBeGreaterThanOrEqual(2);
    expect(s?.memorySizeMB ?? 0).toBeGreaterThanOrEqual(128);
  });
});
