// A run's own arrivals for a replay: exact counts in the run's phases, the recorded rate shape.
import type { ArchitectureResult } from "@queueshift/shared-model";
import { describe, expect, it } from "vitest";
import { runArrivals } from "../../src/traffic/run-arrivals.js";
import { localRun } from "./local-run.js";

// The fixture's sync design with a recorded series: a 2 s warm-up at 10/s, then a 6 s measure
// phase at 20/s with a 60/s burst in its third and fourth seconds (200 arrivals).
function spikeRun(): ArchitectureResult {
  const a = localRun({ sync: true }).architectures[0] as ArchitectureResult;
  const offered = [10, 10, 20, 20, 60, 60, 20, 20];
  return {
    ...a,
    settings: { ...a.settings, warmup: { durationSeconds: 2, sent: 20 } },
    phases: [
      { name: "warmup", startSeconds: 0, endSeconds: 2 },
      { name: "measure", startSeconds: 2, endSeconds: 8 },
    ],
    counters: { ...a.counters, scheduled: 200 },
    timeSeries: {
      intervalSeconds: 1,
      columns: ["t", "offered"],
      rows: offered.map((n, i) => [i + 1, n]),
    },
  };
}

const within = (times: Float64Array, from: number, to: number) =>
  [...times].filter((t) => t >= from && t < to).length;

describe("a run's arrivals for a replay", () => {
  it("places the warm-up's sends and exactly the scheduled arrivals, evenly, in the recorded shape", () => {
    // Act
    const r = runArrivals(spikeRun(), false, 1);

    // Assess
    const t = r.arrivals.times;
    expect(r.window).toEqual({ start: 2, end: 8 });
    expect(t.length).toBe(220);
    expect(within(t, 0, 2)).toBe(20);
    expect(within(t, 2, 8)).toBe(200);
    // The burst's seconds hold three times the arrivals of the others (200 = 4 x 20 + 2 x 60).
    expect(within(t, 4, 6)).toBe(120);
    expect(within(t, 6, 8)).toBe(40);
    // Even spacing inside a constant-rate stretch: every gap of the measure's first 2 s is 50 ms.
    const gaps = [...t].slice(20, 60).map((x, i, all) => (all[i + 1] ?? x + 0.05) - x);
    for (const g of gaps) expect(g).toBeCloseTo(0.05, 9);
    for (let i = 1; i < t.length; i++) expect(t[i]).toBeGreaterThanOrEqual(t[i - 1] as number);
  });

  it("draws Poisson arrivals with the same counts when the scenario asked for them", () => {
    // Act
    const r = runArrivals(spikeRun(), true, 1);

    // Assess: same counts per phase, sorted, and not evenly spaced.
    const t = r.arrivals.times;
    expect(within(t, 0, 2)).toBe(20);
    expect(within(t, 2, 8)).toBe(200);
    const gaps = [...t].slice(21, 60).map((x, i) => x - (t[20 + i] as number));
    expect(Math.max(...gaps) - Math.min(...gaps)).toBeGreaterThan(0.02);
    for (let i = 1; i < t.length; i++) expect(t[i]).toBeGreaterThanOrEqual(t[i - 1] as number);
  });

  it("spreads a run without an offered series evenly over its measure phase", () => {
    // Act: the fixture records only t (40 req/s over 40 s, 1,600 scheduled).
    const a = localRun({ async: true }).architectures[0] as ArchitectureResult;
    const r = runArrivals(a, false, 1);

    // Assess
    expect(r.arrivals.times.length).toBe(1_600);
    expect(r.arrivals.times[1]).toBeCloseTo(0.025, 9);
    expect(r.window).toEqual({ start: 0, end: 40 });
  });
});
