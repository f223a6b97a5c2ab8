import { analyze, wilsonInterval, Z_SCORES } from "@queueshift/shared-model";
import { describe, expect, it } from "vitest";
import { customer, inlineRequest } from "./fixtures.js";

function campaign(name: string, customers: number, conversions: number) {
  return Array.from({ length: customers }, (_, i) =>
    customer({ campaign: name, converted: i < conversions }),
  );
}

// "b-launch" 3 of 10, "a-zero" 0 of 5, "C-all" 4 of 4: 7 of 19 overall.
const customers = [
  ...campaign("b-launch", 10, 3),
  ...campaign("a-zero", 5, 0),
  ...campaign("C-all", 4, 4),
];

describe("conversion per campaign with a Wilson score interval", () => {
  it("matches hand-computed 95 % Wilson bounds", () => {
    // Prepare
    const request = inlineRequest(customers, ["conversion"]);

    // Act
    const conv = analyze(request).conversion;

    // Assess
    // z = 1.95996, z^2 = 3.84146. 3 of 10: p = 0.3, denominator 1 + z^2/10 = 1.384146,
    // centre (0.3 + z^2/20) / 1.384146 = 0.355506, half (z / 1.384146) sqrt(0.021 + z^2/400) = 0.247715.
    expect(conv?.campaigns.find((c) => c.campaign === "b-launch")).toEqual({
      campaign: "b-launch",
      customers: 10,
      conversions: 3,
      rate: 0.3,
      lower: 0.107791,
      upper: 0.603222,
    });
    // 0 of 5: lower 0, upper = (z^2/5) / (1 + z^2/5) = 0.768292 / 1.768292 = 0.434482.
    expect(conv?.campaigns.find((c) => c.campaign === "a-zero")).toMatchObject({
      rate: 0,
      lower: 0,
      upper: 0.434482,
    });
    // 4 of 4: upper 1, lower = 4 / (4 + z^2) = 4 / 7.841459 = 0.510109.
    expect(conv?.campaigns.find((c) => c.campaign === "C-all")).toMatchObject({
      rate: 1,
      lower: 0.510109,
      upper: 1,
    });
    // 7 of 19 overall.
    expect(conv?.overall).toEqual({
      customers: 19,
      conversions: 7,
      rate: 0.368421,
      lower: 0.191495,
      upper: 0.589605,
    });
  });

  it("sorts campaigns by code unit and widens the interval at 99 %", () => {
    // Prepare
    const request = inlineRequest(customers, ["conversion"], { confidenceLevel: 0.99 });

    // Act
    const conv = analyze(request).conversion;

    // Assess
    expect(conv?.campaigns.map((c) => c.campaign)).toEqual(["C-all", "a-zero", "b-launch"]);
    expect(conv?.confidenceLevel).toBe(0.99);
    // z = 2.57583 for 3 of 10: [0.079566, 0.679975], wider than the 95 % [0.107791, 0.603222].
    expect(conv?.campaigns.find((c) => c.campaign === "b-launch")).toMatchObject({
      lower: 0.079566,
      upper: 0.679975,
    });
  });

  it("uses z values that are the two-sided normal quantiles", () => {
    // Prepare: Phi(z) via the complementary error function identity is not in Math, so check the
    // textbook 3-decimal values instead (NIST e-Handbook 1.3.6.7.1).
    const expected = { 0.8: 1.282, 0.9: 1.645, 0.95: 1.96, 0.99: 2.576 };

    // Act
    const got = Object.fromEntries(
      Object.entries(Z_SCORES).map(([k, z]) => [k, Number(z.toFixed(3))]),
    );

    // Assess
    expect(got).toEqual(Object.fromEntries(Object.entries(expected).map(([k, z]) => [k, z])));
    expect(wilsonInterval(0, 0, Z_SCORES[0.95])).toEqual({ lower: 0, upper: 1 });
  });
});
