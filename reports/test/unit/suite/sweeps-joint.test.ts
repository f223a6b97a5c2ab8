// Sweep marks from hand-built points, the joint search over memory x BatchSize x window x
// concurrency from a synthetic run's cost input, and the suite's one verdict.
import { describe, expect, it } from "vitest";
import { advise, choosePrices, PROFILE_DEFAULTS, syntheticRun } from "../../../src/index.js";
import { type JointInput, jointSettings } from "../../../src/suite/joint-settings.js";
import type { ScenarioSection } from "../../../src/suite/suite-model.js";
import { jointSentence } from "../../../src/suite/suite-tables.js";
import { suiteVerdict } from "../../../src/suite/suite-verdict.js";
import { EQUAL_COST_TOLERANCE, type SweepPoint, sweepMarks } from "../../../src/suite/sweeps.js";

const pt = (size: number, durationMs: number, monthly: number, meets = true): SweepPoint => ({
  size,
  runId: `r${size}`,
  durationMs,
  p99Ms: durationMs * 2,
  meets,
  monthly,
});

describe("sweepMarks", () => {
  it("marks the cheapest size meeting the objective and the fastest at equal cost", () => {
    // Prepare: 128 MB is cheapest but misses; 512-1769 cost the same within 2 %.
    const points = [
      pt(128, 120, 9, false),
      pt(512, 30, 10),
      pt(1024, 15, 10.1),
      pt(1769, 8.7, 10.2),
      pt(3008, 8.7, 17),
    ];

    // Act
    const marks = sweepMarks(points);

    // Assess
    expect(EQUAL_COST_TOLERANCE).toBe(0.02);
    expect(marks).toEqual({ cheapestMeeting: 512, fastestAtEqualCost: 1769 });
  });

  it("marks nothing when no size meets the objective", () => {
    expect(sweepMarks([pt(512, 30, 10, false)])).toEqual({
      cheapestMeeting: null,
      fastestAtEqualCost: null,
    });
  });

  it("a cost just over the tolerance is not equal", () => {
    expect(sweepMarks([pt(512, 30, 10), pt(1769, 8, 10.21)]).fastestAtEqualCost).toBe(512);
  });
});

function input(budgetMs: number, measuredByMb = new Map<number, number>()): JointInput {
  const advice = advise(syntheticRun(), PROFILE_DEFAULTS, choosePrices());
  const a = advice.projection.inputs.async;
  if (a === null) throw new Error("the synthetic run has an async side");
  return {
    asyncInput: a,
    traffic: advice.projection.traffic,
    perMessageMs: 10,
    measuredAtMb: 1769,
    measuredByMb,
    overheadMs: 40,
    budgetMs,
    prices: choosePrices().table,
  };
}

describe("jointSettings", () => {
  it("picks BatchSize > 1 when the budget leaves room, and no smaller memory at equal cost", () => {
    // Act
    const j = jointSettings(input(500));

    // Assess
    const c = j.chosen;
    expect(c).not.toBeNull();
    expect(c?.batchSize).toBeGreaterThan(1);
    expect(c?.latencyMs).toBeLessThanOrEqual(500);
    for (const other of j.front) {
      const equalCost = other.monthly <= (c?.monthly ?? 0) * (1 + EQUAL_COST_TOLERANCE);
      if (other.memoryMb < (c?.memoryMb ?? 0) && equalCost) {
        expect(other.latencyMs).toBeGreaterThanOrEqual(c?.latencyMs ?? 0);
      }
    }
    // Below one vCPU a CPU-bound message costs the same GB-s and takes longer: 1,769 MB wins.
    expect(c?.memoryMb).toBe(1769);
    expect(j.front.map((x) => x.memoryMb)).toContain(512);
    // The sentence names the choice and says why provisioned pollers were left out.
    const sentence = jointSentence(j);
    expect(sentence).toContain(`${c?.memoryMb} MB, BatchSize ${c?.batchSize}`);
    expect(sentence).toContain("Provisioned pollers are not searched");
  });

  it("uses a swept size's measured duration instead of scaling", () => {
    // Prepare: measured 512 MB as fast as 1,769 MB (a job that does not use a full core).
    const j = jointSettings(input(500, new Map([[512, 10]])));

    // Act
    const at512 = j.front.find((x) => x.memoryMb === 512);

    // Assess
    expect(at512?.measured).toBe(true);
    expect(at512?.perMessageMs).toBe(10);
    expect(j.chosen?.memoryMb).toBe(512); // cheaper GB-s at the same duration
  });

  it("a budget under the overhead leaves nothing to choose", () => {
    // Act
    const j = jointSettings(input(30));

    // Assess
    expect(j.chosen).toBeNull();
    expect(j.feasible).toBe(0);
    // The front still shows each size's fastest combination, marked as over the objective.
    expect(j.front.length).toBeGreaterThan(0);
    expect(j.front.every((x) => !x.fits && x.latencyMs > 30 && x.batchSize === 1)).toBe(true);
    expect(j.searched).toBeGreaterThan(1000);
  });
});

const section = (scenario: string, recommendation: string): ScenarioSection =>
  ({ scenario, verdict: { recommendation, rule: "x", repeats: 2, settle: null } }) as never;

describe("suiteVerdict", () => {
  it.each([
    [["migrate", "migrate"], "migrate"],
    [["migrate", "stay"], "hybrid"],
    [["migrate", "inconclusive"], "inconclusive"],
    [["none", "migrate"], "none"],
  ])("%j -> %s", (each, expected) => {
    // Act
    const v = suiteVerdict(each.map((r, i) => section(`s${i}`, r)));

    // Assess
    expect(v.recommendation).toBe(expected);
    expect(v.reasons[0]).toContain("s0:");
  });
});
