import { describe, expect, it } from "vitest";
import { ScalingRateLimiter } from "../../src/lambda/index.js";
import { FakeClock } from "./fakes.js";

function take(limiter: ScalingRateLimiter, n: number): number {
  let granted = 0;
  for (let i = 0; i < n; i += 1) if (limiter.tryTake()) granted += 1;
  return granted;
}

describe("ScalingRateLimiter (1,000 new environments per 10 s, aws-facts 0.4)", () => {
  it("grants 1,000 new environments in a 10 s window and throttles the rest until it ends", () => {
    // Prepare
    const clock = new FakeClock();
    const limiter = new ScalingRateLimiter(1_000, 10, clock);

    // Act
    const first = take(limiter, 1_500);
    clock.advance(9_999);
    const late = take(limiter, 10);
    clock.advance(1);
    const next = take(limiter, 1_500);

    // Assess
    expect(first).toBe(1_000);
    expect(late).toBe(0);
    expect(next).toBe(1_000);
  });

  it("does not carry unused rate over to the next window", () => {
    // Prepare
    const clock = new FakeClock();
    const limiter = new ScalingRateLimiter(1_000, 10, clock);
    take(limiter, 10);

    // Act
    clock.advance(30_000); // three quiet windows
    const burst = take(limiter, 5_000);

    // Assess
    expect(burst).toBe(1_000);
  });
});
