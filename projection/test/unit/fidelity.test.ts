// The fidelity replay on a small run: the run's own settings and offered rate in, errors out.
import { describe, expect, it } from "vitest";
import { FIDELITY_GOALS, replayFidelity } from "../../src/index.js";
import { localRun } from "./local-run.js";

describe("replaying a run in the projection", () => {
  it("reproduces an unsaturated 40 req/s run's throughput within 2 % for both designs", () => {
    // Act: the fixture run offers 40 req/s for 40 s to 2 workers (~12 ms) and 2 environments.
    const rows = replayFidelity(localRun());

    // Assess
    expect(rows.map((r) => `${r.design} ${r.metric}`)).toEqual([
      "sync throughput",
      "sync p50",
      "sync p99",
      "async throughput",
      "async p50",
      "async p99",
    ]);
    for (const r of rows) {
      expect(r.error).toBeCloseTo(r.projected / r.run - 1, 12);
      expect(r.goal).toBe(FIDELITY_GOALS[r.metric]);
      expect(r.met).toBe(Math.abs(r.error) <= r.goal);
    }
    for (const r of rows.filter((x) => x.metric === "throughput")) {
      expect(r.run).toBe(40);
      expect(Math.abs(r.error), r.design).toBeLessThanOrEqual(FIDELITY_GOALS.throughput);
    }
    // Sync latency is queueing + the measured service time (~12 ms) at utilisation ~0.24.
    const p50 = rows.find((r) => r.design === "sync" && r.metric === "p50");
    expect(p50?.projected).toBeGreaterThan(10);
    expect(p50?.projected).toBeLessThan(20);
  });
});
