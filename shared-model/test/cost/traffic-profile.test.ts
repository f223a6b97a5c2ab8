import { CostModelError, trafficProfile } from "@queueshift/shared-model";
import { describe, expect, it } from "vitest";
import { expectClose } from "./close.js";

const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);

describe("trafficProfile", () => {
  it("spreads a steady month evenly over 730 hours", () => {
    const p = trafficProfile("steady", 3_000_000);
    // 3,000,000 / (730 x 3600) = 1.141553 req/s every hour
    expect(p.hourlyRates).toHaveLength(730);
    expectClose(p.peakRate, 1.141553);
    expectClose(Math.min(...p.hourlyRates), 1.141553);
    expect(p.monthlyRequests).toBe(3_000_000);
  });

  it("draws a diurnal sinusoid with the asked peak/trough ratio and keeps the volume", () => {
    const p = trafficProfile("diurnal", 10_000_000, { peakToTroughRatio: 4, peakHourOfDay: 9 });
    // a = (4 - 1) / (4 + 1) = 0.6 -> busiest hour 1.6 x, quietest 0.4 x: ratio 4
    expectClose(Math.max(...p.hourlyRates) / Math.min(...p.hourlyRates), 4);
    expect(p.hourlyRates.indexOf(Math.max(...p.hourlyRates))).toBe(9);
    expectClose(sum(p.hourlyRates) * 3600, 10_000_000);
  });

  it("puts the documented share of a spiky month into burst hours", () => {
    // n = round(730 x 0.2 / (10 x 0.8 + 0.2)) = round(17.8) = 18 burst hours at 10x baseline
    // weights: 712 x 1 + 18 x 10 = 892; volume 892 x 3600 -> baseline 1 req/s, bursts 10 req/s
    const p = trafficProfile("spiky", 892 * 3600, { burstShare: 0.2, burstMultiplier: 10 });
    expect(p.hourlyRates.filter((r) => r > 5)).toHaveLength(18);
    expectClose(p.peakRate, 10);
    expectClose(Math.min(...p.hourlyRates), 1);
    // burst share actually 180 / 892 = 20.2%
    expect(p.description).toContain("20.2%");
  });

  it("raises the planning peak by the intra-hour factor", () => {
    const p = trafficProfile("steady", 3_600 * 730, { intraHourPeakFactor: 1.5 });
    // 1 req/s mean x 1.5
    expectClose(p.peakRate, 1.5);
    expectClose(p.meanRate, 1);
  });

  it("rejects bad options, naming each", () => {
    let caught: unknown;
    try {
      trafficProfile("diurnal", 1, { peakToTroughRatio: 0.5, burstShare: 1 });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(CostModelError);
    expect((caught as CostModelError).issues.map((i) => i.path)).toEqual([
      "peakToTroughRatio",
      "burstShare",
    ]);
  });
});
