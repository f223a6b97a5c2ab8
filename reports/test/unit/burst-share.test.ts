import { COMMON_SERIES_COLUMNS, PHASE_CODES } from "@queueshift/shared-model";
import { describe, expect, it } from "vitest";
import {
  advise,
  burstShare,
  choosePrices,
  parseObjectives,
  resolveProfile,
} from "../../src/index.js";
import { fixtureResult, withArchitecture } from "../fixtures/result-fixture.js";

// One second of a hand-built series: [phase, offered, achieved, errors, p50 ms, p99 ms].
type Second = readonly [number, number, number, number, number, number];

function withSeries(seconds: readonly Second[]) {
  const cols = [...COMMON_SERIES_COLUMNS];
  const at = (name: (typeof COMMON_SERIES_COLUMNS)[number]) => cols.indexOf(name);
  const rows = seconds.map(([phase, offered, achieved, errors, p50, p99]) => {
    const row = cols.map(() => 0 as number | null);
    row[at("phase")] = phase;
    row[at("offered")] = offered;
    row[at("achieved")] = achieved;
    row[at("errors")] = errors;
    row[at("p50Us")] = p50 * 1000;
    row[at("p99Us")] = p99 * 1000;
    return row;
  });
  const doc = withArchitecture(fixtureResult({ burstMultiplier: 1 }), "sync", (a) => ({
    ...a,
    timeSeries: { intervalSeconds: 1, columns: cols, rows },
  }));
  const sync = doc.architectures.find((a) => a.architecture === "sync");
  if (sync === undefined) throw new Error("no sync design");
  return sync;
}

const M = PHASE_CODES.measure;
const calm: Second = [M, 10, 10, 0, 10, 20];

describe("burstShare", () => {
  it("bounds the share of the burst window's arrivals within the objective (hand-computed)", () => {
    // Prepare: 10 calm seconds, 2 burst seconds (40 offered, p50 300 ms, p99 900 ms), one
    // second still slow (p50 100 ms > 2 x the usual 10 ms), then calm again
    const arch = withSeries([
      ...new Array<Second>(10).fill(calm),
      [M, 40, 40, 0, 300, 900],
      [M, 40, 40, 0, 300, 900],
      [M, 10, 10, 0, 100, 200],
      ...new Array<Second>(5).fill(calm),
    ]);

    // Act
    const b = burstShare(arch, parseObjectives("p99=500ms"));

    // Assess: window 10-13 s; 90 arrivals; burst seconds count 50 % of 40 each (only p50
    // within), the slow second 99 % of 10 = 9: 49 / 90
    expect(b?.startSeconds).toBe(10);
    expect(b?.endSeconds).toBe(13);
    expect(b?.arrivals).toBe(90);
    expect(b?.objectives[0]?.withinAtLeast).toBe(49);
    expect(b?.objectives[0]?.share).toBeCloseTo(49 / 90, 12);
  });

  it("gives each of several bursts its own window, leaving the calm seconds between them out", () => {
    // Prepare: three bursts of 2 s (40 offered, p50 300 ms, p99 900 ms) 10 s apart in 36 calm
    // seconds, each followed by one slow second; the second and third 5 s apart are joined when
    // the second one's slow tail reaches the third
    const burst: Second = [M, 40, 40, 0, 300, 900];
    const slow: Second = [M, 10, 10, 0, 100, 200];
    const calms = (n: number) => new Array<Second>(n).fill(calm);
    const arch = withSeries([
      ...calms(10),
      burst,
      burst,
      slow,
      ...calms(9),
      burst,
      burst,
      slow,
      ...calms(9),
      burst,
      burst,
      slow,
      ...calms(5),
    ]);

    // Act
    const b = burstShare(arch, parseObjectives("p99=500ms"));

    // Assess: windows 10-13, 22-25, 34-37 s; 3 x 90 arrivals, 3 x 49 within (as one burst above)
    expect(b?.windows).toEqual([
      { startSeconds: 10, endSeconds: 13 },
      { startSeconds: 22, endSeconds: 25 },
      { startSeconds: 34, endSeconds: 37 },
    ]);
    expect([b?.startSeconds, b?.endSeconds]).toEqual([10, 37]);
    expect(b?.arrivals).toBe(270);
    expect(b?.objectives[0]?.withinAtLeast).toBe(147);

    // A burst whose slow tail runs into the next one's first second shares its window
    const joined = burstShare(
      withSeries([...calms(10), burst, slow, slow, burst, ...calms(20)]),
      parseObjectives("p99=500ms"),
    );
    expect(joined?.windows).toEqual([{ startSeconds: 10, endSeconds: 14 }]);
  });

  it("takes error responses off a second's count (they sit in sync's percentiles)", () => {
    // Prepare: a burst second of 40 completions + 10 errors, all fast
    const arch = withSeries([...new Array<Second>(10).fill(calm), [M, 50, 40, 10, 10, 20], calm]);

    // Act
    const b = burstShare(arch, parseObjectives("p99=500ms"));

    // Assess: floor(0.99 x 50) - 10 = 39 of 50 arrivals
    expect(b?.objectives[0]?.withinAtLeast).toBe(39);
  });

  it("finds no burst in a steady measure phase", () => {
    expect(
      burstShare(withSeries(new Array<Second>(20).fill(calm)), parseObjectives("p99=1s")),
    ).toBeNull();
  });

  it("draws the burst reason from the measured share, never contradicting the objectives", () => {
    // Act: the default fixture's 3x burst backs the queue up for seconds
    const a = advise(fixtureResult(), resolveProfile({ slo: "p99=500ms" }), choosePrices());
    const reason = a.reasons.find((r) => r.startsWith("Bursts"));

    // Assess
    const async = a.burstShares.find((s) => s.architecture === "async");
    expect(async?.objectives[0]?.share ?? 1).toBeLessThan(0.99);
    expect(reason).toMatch(
      /async \(\d+-\d+ s of its series, \d+ arrivals\) at least [\d.]+% within 500 ms/,
    );
    expect(reason).not.toMatch(/miss it/);
  });
});
