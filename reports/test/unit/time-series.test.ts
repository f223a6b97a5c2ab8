import { describe, expect, it } from "vitest";
import { burstBehaviour, percentileSpectrum, recordHistogram, seriesOf } from "../../src/index.js";
import { fixtureResult, withArchitecture } from "../fixtures/result-fixture.js";

describe("time series columns", () => {
  it("reads each series from its contract column and converts its unit (counts, us, ms)", () => {
    // Prepare
    const ts = {
      intervalSeconds: 2,
      columns: ["offered", "p99Us", "oldestUnfinishedAgeMs"],
      rows: [
        [10, 2000, 1500],
        [null, 4000, 500],
      ],
    };

    // Act
    const offered = seriesOf(ts, "offered");
    const p99 = seriesOf(ts, "p99");
    const age = seriesOf(ts, "oldestAge");

    // Assess
    expect(offered?.y).toEqual([5, null]);
    expect(offered?.t).toEqual([0, 2]);
    expect(offered?.unit).toBe("1/s");
    expect(p99?.y).toEqual([2, 4]);
    expect(p99?.unit).toBe("ms");
    expect(age?.y).toEqual([1.5, 0.5]);
    expect(age?.unit).toBe("s");
    expect(seriesOf(ts, "queueVisible")).toBeNull();
  });

  it("does not guess: other spellings of a contract column are not read", () => {
    // Prepare
    const ts = {
      intervalSeconds: 1,
      columns: ["offeredRate", "p99_us", "oldestAgeSeconds"],
      rows: [[10, 2000, 1.5]],
    };

    // Act
    const found = (["offered", "p99", "oldestAge"] as const).map((key) => seriesOf(ts, key));

    // Assess
    expect(found).toEqual([null, null, null]);
  });
});

describe("burst behaviour", () => {
  it("finds the peak backlog and the time it took to get back to the usual level", () => {
    // Prepare: 2 messages usually in flight; a backlog of 100 at t=3 s, usual again at t=7 s
    const visible = [0, 0, 0, 100, 60, 30, 10, 0, 0, 0, 0];
    const doc = withArchitecture(fixtureResult(), "async", (a) => ({
      ...a,
      timeSeries: {
        intervalSeconds: 1,
        columns: ["queueVisible", "queueInFlight", "oldestUnfinishedAgeMs"],
        rows: visible.map((v, i) => [v, 2, i === 4 ? 3_500 : 100]),
      },
    }));

    // Act
    const async = doc.architectures.find((a) => a.architecture === "async");
    if (async === undefined) throw new Error("the fixture has an async architecture");
    const b = burstBehaviour(async);

    // Assess
    expect(b.peakBacklog).toBe(102);
    expect(b.peakAtSeconds).toBe(3);
    expect(b.drainSeconds).toBe(4);
    expect(b.maxOldestAgeSeconds).toBe(3.5);
  });
});

describe("percentile spectrum", () => {
  it("decodes an encoded histogram into log-spaced percentiles that never decrease", () => {
    // Prepare: 1..10,000 ms once each
    const h = recordHistogram(Array.from({ length: 10_000 }, (_, i) => i + 1));

    // Act
    const s = percentileSpectrum(h);

    // Assess
    expect(s.length).toBeGreaterThan(50);
    expect(s[0]?.percentile).toBe(0);
    const p50 = s.find((p) => p.percentile === 50);
    expect(Math.abs((p50?.valueMs ?? 0) - 5000)).toBeLessThan(6);
    for (let i = 1; i < s.length; i++)
      expect(s[i]?.valueMs ?? 0).toBeGreaterThanOrEqual(s[i - 1]?.valueMs ?? 0);
  });
});
