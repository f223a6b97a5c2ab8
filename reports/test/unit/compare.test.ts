import { describe, expect, it } from "vitest";
import {
  compareRuns,
  DEFAULT_THRESHOLDS,
  parseThresholds,
  renderComparison,
  repeatSpread,
  scenarioMismatch,
} from "../../src/index.js";
import { fixtureResult } from "../fixtures/result-fixture.js";

describe("compareRuns", () => {
  it("flags a planted 20% latency regression at p99 for both designs", () => {
    // Prepare: the same seed, every latency 20 % slower
    const a = fixtureResult({ runId: "a" });
    const b = fixtureResult({ runId: "b", latencyScale: 1.2 });

    // Act
    const c = compareRuns(a, b);

    // Assess
    const p99 = c.rows.filter((r) => r.metric === "p99");
    expect(p99.map((r) => r.architecture)).toEqual(["sync", "async"]);
    for (const r of p99) {
      expect(r.regression).toBe(true);
      expect(r.changePercent ?? 0).toBeGreaterThan(19);
      expect(r.changePercent ?? 0).toBeLessThan(21);
    }
    expect(c.regressions).toBeGreaterThan(0);
    expect(renderComparison(c)).toMatch(/p99\s.*REGRESSION/);
  });

  it("finds no regression between identical runs", () => {
    // Act
    const c = compareRuns(fixtureResult(), fixtureResult());

    // Assess
    expect(c.regressions).toBe(0);
    expect(c.rows.every((r) => r.changePercent === 0)).toBe(true);
  });

  it("honours custom thresholds, including a throughput drop and disabled metrics", () => {
    // Prepare
    const a = fixtureResult({ runId: "a" });
    const b = fixtureResult({ runId: "b", latencyScale: 1.2, rate: 15 });
    const loose = parseThresholds("p50=50%,p90=50%,p99=50%,p99.9=off,throughput=10%");

    // Act
    const c = compareRuns(a, b, loose);

    // Assess
    expect(c.rows.filter((r) => r.regression).map((r) => r.metric)).toEqual([
      "throughput",
      "throughput",
    ]);
  });

  it("reports designs present in only one run as not compared", () => {
    // Act
    const c = compareRuns(fixtureResult(), fixtureResult({ architectures: ["sync"] }));

    // Assess
    expect(c.unmatched).toEqual(["async (only in baseline)"]);
    expect(c.rows.every((r) => r.architecture === "sync")).toBe(true);
  });
});

describe("parseThresholds", () => {
  it("overrides defaults by metric and rejects unknown metrics naming them", () => {
    // Act
    const t = parseThresholds("p99=5%,max=30,errorRate=0.5%");

    // Assess
    expect(t).toEqual({ ...DEFAULT_THRESHOLDS, p99: 5, max: 30, errorRate: 0.5 });
    expect(() => parseThresholds("p42=5%")).toThrow(/--threshold "p42=5%"/);
  });
});

describe("compareRuns with the runs' own spread", () => {
  it("flags a change beyond the threshold only when it also exceeds the spread of repeats", () => {
    // Prepare: a 20 % slower candidate; repeats that varied by 25 % or by 15 %
    const a = fixtureResult({ runId: "a" });
    const b = fixtureResult({ runId: "b", latencyScale: 1.2 });

    // Act
    const noisy = compareRuns(a, b, DEFAULT_THRESHOLDS, { sync: { p99: 25 }, async: { p99: 25 } });
    const steady = compareRuns(a, b, DEFAULT_THRESHOLDS, { sync: { p99: 15 }, async: { p99: 15 } });

    // Assess
    expect(noisy.rows.filter((r) => r.metric === "p99").every((r) => !r.regression)).toBe(true);
    expect(steady.rows.filter((r) => r.metric === "p99").every((r) => r.regression)).toBe(true);
    expect(renderComparison(noisy)).toMatch(/\+10% \(spread 25\.0%\)/);
  });

  it("computes a repeat spread as range / median, or the absolute range", () => {
    // (110 - 90) / 100 = 20 %; error rate 0.5..2 pp: 1.5 pp
    expect(repeatSpread([100, 90, 110])).toBe(20);
    expect(repeatSpread([0.5, 2, 1], true)).toBe(1.5);
    expect(repeatSpread([42])).toBe(0);
  });

  it("names the difference between runs of different scenarios", () => {
    // Prepare
    const a = fixtureResult();
    const other = { ...a, scenario: { ...a.scenario, name: "spike" } };
    const longer = { ...a, scenario: { ...a.scenario, definition: { rate: 99 } } };

    // Act / Assess
    expect(scenarioMismatch(a, fixtureResult())).toBeNull();
    expect(scenarioMismatch(a, other)).toBe('scenario "synthetic" vs "spike"');
    expect(scenarioMismatch(a, longer)).toMatch(/different definitions/);
  });
});
