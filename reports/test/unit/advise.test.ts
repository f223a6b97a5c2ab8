import { describe, expect, it } from "vitest";
import { architectureOf } from "../../src/cost/measured-usage.js";
import {
  type AdviceRule,
  advise,
  choosePrices,
  type DecisionFacts,
  type DesignFacts,
  decideRule,
  resolveProfile,
} from "../../src/index.js";
import { jointInputOf, jointSettings } from "../../src/suite/joint-settings.js";
import { fixtureResult, withArchitecture } from "../fixtures/result-fixture.js";

const prices = choosePrices({ arch: "x86" });
const ok: DesignFacts = {
  meetsObjectives: true,
  objectivesConclusive: true,
  failureShare: 0,
  lost: 0,
};
const base: DecisionFacts = {
  closedModel: false,
  runIncomplete: false,
  sync: ok,
  async: ok,
  syncMonthly: 100,
  asyncMonthly: 50,
  shape: "steady",
  peakToMean: 1,
};
const missing = { ...ok, meetsObjectives: false };
const unsure = { ...ok, objectivesConclusive: false };

describe("decideRule: one case per branch and the boundaries", () => {
  const cases: [string, Partial<DecisionFacts>, AdviceRule][] = [
    ["a run that did not complete", { runIncomplete: true }, "run-not-completed"],
    ["a closed-model run", { closedModel: true }, "closed-model"],
    ["one architecture measured", { async: null }, "single-architecture"],
    ["async lost a job", { async: { ...ok, lost: 1 } }, "async-unreliable"],
    [
      "async failure share exactly at 1 %",
      { async: { ...ok, failureShare: 0.01 } },
      "both-meet-async-cheaper",
    ],
    [
      "async failure share above 1 %",
      { async: { ...ok, failureShare: 0.0101 } },
      "async-unreliable",
    ],
    [
      "sync failing 2 % of arrivals misses its objectives whatever its latency",
      { sync: { ...ok, failureShare: 0.02 } },
      "only-async-meets-objective",
    ],
    ["neither meets", { sync: missing, async: missing }, "neither-meets-objective"],
    ["only async meets", { sync: missing }, "only-async-meets-objective"],
    [
      "only sync meets, async 10 % cheaper",
      { async: missing, asyncMonthly: 90 },
      "only-sync-meets-objective",
    ],
    [
      "only sync meets, async at exactly 75 % of the cost",
      { async: missing, asyncMonthly: 75 },
      "only-sync-meets-objective-async-much-cheaper",
    ],
    ["both meet, async cheaper", {}, "both-meet-async-cheaper"],
    ["both meet, cost ratio exactly 1", { asyncMonthly: 100 }, "both-meet-sync-cheaper"],
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
    [
      "async's objective straddles its target and decides between migrate and stay",
      { async: unsure },
      "objective-inconclusive",
    ],
    [
      "sync's objective straddles its target, but async meets it and is cheaper either way",
      { sync: unsure },
      "both-meet-async-cheaper",
    ],
    [
      "an inconclusive objective of an unreliable async design does not matter",
      { async: { ...unsure, lost: 2 } },
      "async-unreliable",
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
    expect(a.reasons.join(" ")).toMatch(/4 in the DLQ, 3 lost, 9 retries/);
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

  it("states each reason's flip point and the verdict at 1M, 10M, 100M and 1B a month", () => {
    // Act
    const a = advise(
      fixtureResult({ burstMultiplier: 1 }),
      resolveProfile({ slo: "p99=5s", monthlyRequests: 2e6 }),
      prices,
    );
    const text = a.reasons.join("\n");

    // Assess
    expect(text).toMatch(
      /async's p99 over all arrivals would have to exceed 5,000 ms \(now [\d.,]+ ms\) for the verdict to become (stay|hybrid)/,
    );
    expect(text).toMatch(/break-even at [\d.]+M requests\/month|no break-even/);
    expect(text).toMatch(
      /sync runs 2 tasks for the [\d.]+ req\/s peak and needs 3 above [\d.,]+ req\/s/,
    );
    expect(a.verdictByVolume.map((v) => v.monthlyRequests)).toEqual([1e6, 1e7, 1e8, 1e9]);
    expect(a.verdictByVolume[0]?.recommendation).toBe("migrate");
    expect(text).toMatch(/Verdict by volume \(diurnal, objectives as measured\): 1M migrate/);
  });

  it("gives no advice on a closed-model run and says why", () => {
    // Prepare
    let doc = fixtureResult({ burstMultiplier: 1 });
    for (const kind of ["sync", "async"] as const)
      doc = withArchitecture(doc, kind, (x) => ({
        ...x,
        settings: { ...x.settings, executor: "closed" },
      }));

    // Act
    const a = advise(doc, resolveProfile({ slo: "p99=5s" }), prices);

    // Assess
    expect(a.recommendation).toBe("none");
    expect(a.rule).toBe("closed-model");
    expect(a.headline).toMatch(
      /No advice: a closed-model run .* measures capacity, not latency under a schedule/,
    );
    expect(a.settings).toBeNull();
    expect(a.verdictByVolume).toEqual([]);
  });

  it("gives no advice on a degraded run (a lost job) however good its numbers, and says why", () => {
    const doc = {
      ...fixtureResult({ burstMultiplier: 1 }),
      outcome: {
        status: "degraded" as const,
        message:
          "1 accepted jobs were lost: no result and not in the DLQ when the drain ended (first ids: j-7)",
        lostJobIds: ["j-7"],
      },
    };
    const a = advise(doc, resolveProfile({ slo: "p99=5s" }), prices);
    expect(a.recommendation).toBe("none");
    expect(a.rule).toBe("run-not-completed");
    expect(a.headline).toMatch(/^No advice: the run did not complete/);
    expect(a.settings).toBeNull();
    expect(a.verdictByVolume).toEqual([]);
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

  it("takes memory, BatchSize, window and concurrency from the joint search when a combination fits", () => {
    // Arrange: the fixture's p99 outside the handler is ~2 s, so a 5 s objective leaves room
    const doc = fixtureResult();
    const profile = resolveProfile({ slo: "p99=5s", peakRate: 50 });

    // Act
    const a = advise(doc, profile, prices);
    const async = architectureOf(doc, "async");
    const input = async && jointInputOf(async, a.projection, 5_000, prices.table);
    const chosen = input ? jointSettings(input).chosen : null;

    // Assess: the run's report recommends what the suite's search picks, not a one-at-a-time rule
    expect(chosen?.fits).toBe(true);
    expect(a.settings?.memorySizeMB).toBe(chosen?.memoryMb);
    expect(a.settings?.batchSize).toBe(chosen?.batchSize);
    expect(a.settings?.batchingWindowSeconds).toBe(chosen?.windowSeconds);
    expect(a.settings?.maximumConcurrency).toBe(chosen?.maximumConcurrency);
    expect(a.settings?.batchSize ?? 0).toBeGreaterThan(1);
    expect(a.settings?.reasons.batchSize).toMatch(/chosen together/);
  });
});
