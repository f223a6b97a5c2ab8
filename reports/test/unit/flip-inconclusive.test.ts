// An inconclusive verdict's flip points: with both designs' objectives straddling their targets,
// each objective's flip names the verdict it would move to at the point estimates, instead of
// saying the verdict does not depend on it (the verdict is inconclusive precisely because it does).
import { describe, expect, it } from "vitest";
import {
  type DecisionFacts,
  type DesignFacts,
  decideRule,
  type ObjectiveCheck,
  objectiveFlip,
} from "../../src/index.js";

const unsure: DesignFacts = {
  meetsObjectives: true,
  objectivesConclusive: false,
  failureShare: 0,
  lost: 0,
};
const facts: DecisionFacts = {
  closedModel: false,
  runIncomplete: false,
  sync: unsure,
  async: unsure,
  syncMonthly: 104,
  asyncMonthly: 33, // async much cheaper: met/met -> migrate; sync only -> hybrid
  shape: "diurnal",
  peakToMean: 2,
};

const check = (architecture: "sync" | "async", allMs: number): ObjectiveCheck => ({
  architecture,
  label: "p99",
  percentile: 99,
  targetMs: 500,
  measuredMs: allMs,
  allArrivalsMs: allMs,
  arrivals: 160,
  within: 160,
  share: 1,
  interval: { lower: 0.977, upper: 1 },
  targetShare: 0.99,
  met: true,
  conclusive: false,
  arrivalsToSettle: 381,
  secondsToSettle: 19,
});

describe("flip points of an inconclusive verdict", () => {
  it("name the verdict each objective would move to at the point estimates", () => {
    expect(decideRule(facts)).toBe("objective-inconclusive");
    const checks = [check("sync", 9.2), check("async", 34.3)];
    const [syncCheck, asyncCheck] = checks as [ObjectiveCheck, ObjectiveCheck];
    expect(objectiveFlip(asyncCheck, checks, facts, "inconclusive")).toBe(
      "async's p99 over all arrivals would have to exceed 500 ms (now 34.3 ms) for the verdict to become hybrid",
    );
    // sync missing its objective would still leave migrate (only async meets): no flip.
    expect(objectiveFlip(syncCheck, checks, facts, "inconclusive")).toMatch(
      /^the verdict does not depend on it/,
    );
  });
});
