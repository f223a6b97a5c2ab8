import { analyze } from "@queueshift/shared-model";
import { describe, expect, it } from "vitest";
import { customer, inlineRequest } from "./fixtures.js";

// "email": five customers given out of order. Sorted monetary: 10, 20, 30, 40, 100.
const email = [
  { monetary: 40, frequency: 3, recencyDays: 60 },
  { monetary: 10, frequency: 1, recencyDays: 5 },
  { monetary: 100, frequency: 8, recencyDays: 200 },
  { monetary: 30, frequency: 2, recencyDays: 30 },
  { monetary: 20, frequency: 1, recencyDays: 10 },
].map((c) => customer({ ...c, channel: "email" }));
const app = [5, 15].map((monetary) => customer({ monetary, channel: "app" }));
const zeta = [customer({ monetary: 7, frequency: 4, recencyDays: 3, channel: "Zeta" })];

describe("descriptive statistics per channel", () => {
  it("computes count, mean, median, p90, population std, min and max by hand", () => {
    // Prepare
    const request = inlineRequest([...email, ...app, ...zeta], ["descriptive"]);

    // Act
    const section = analyze(request).descriptive;

    // Assess
    const emailStats = section?.channels.find((c) => c.channel === "email");
    expect(emailStats?.count).toBe(5);
    // monetary: mean 200 / 5 = 40; median x[2] = 30; p90 h = 4 * 0.9 = 3.6 -> 40 + 0.6 * (100 - 40) = 76;
    // deviations -30 -20 -10 0 60 -> squares sum 5000 -> / 5 = 1000 -> sqrt = 31.6227766...
    expect(emailStats?.monetary).toEqual({
      mean: 40,
      median: 30,
      p90: 76,
      std: 31.622777,
      min: 10,
      max: 100,
    });
    // frequency 1 1 2 3 8: mean 3; median 2; p90 3 + 0.6 * 5 = 6; squares 4 4 1 0 25 = 34 / 5 = 6.8 -> 2.6076809...
    expect(emailStats?.frequency).toEqual({
      mean: 3,
      median: 2,
      p90: 6,
      std: 2.607681,
      min: 1,
      max: 8,
    });
    // recency 5 10 30 60 200: mean 61; median 30; p90 60 + 0.6 * 140 = 144;
    // squares 3136 2601 961 1 19321 = 26020 / 5 = 5204 -> 72.1387551...
    expect(emailStats?.recencyDays).toEqual({
      mean: 61,
      median: 30,
      p90: 144,
      std: 72.138755,
      min: 5,
      max: 200,
    });
  });

  it("interpolates quantiles of two values and gives std 0 for a single customer", () => {
    // Prepare
    const request = inlineRequest([...app, ...zeta], ["descriptive"]);

    // Act
    const channels = analyze(request).descriptive?.channels ?? [];

    // Assess
    // app monetary 5, 15: mean 10; median h = 0.5 -> 10; p90 h = 0.9 -> 5 + 0.9 * 10 = 14; deviations +-5 -> std 5.
    expect(channels.find((c) => c.channel === "app")?.monetary).toEqual({
      mean: 10,
      median: 10,
      p90: 14,
      std: 5,
      min: 5,
      max: 15,
    });
    expect(channels.find((c) => c.channel === "Zeta")?.monetary).toEqual({
      mean: 7,
      median: 7,
      p90: 7,
      std: 0,
      min: 7,
      max: 7,
    });
  });

  it("sorts channels by code unit (locale-independent: upper case before lower case)", () => {
    // Prepare
    const request = inlineRequest([...email, ...zeta, ...app], ["descriptive"]);

    // Act
    const section = analyze(request).descriptive;

    // Assess
    expect(section?.channels.map((c) => c.channel)).toEqual(["Zeta", "app", "email"]);
    expect(section?.standardDeviation).toBe("population");
  });
});
