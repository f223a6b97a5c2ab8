import {
  asyncMonthlyCost,
  batchSizeSensitivity,
  expectedBatchSize,
  monthlyMeanBatchSize,
  profileFromHourlyRates,
  trafficProfile,
  US_EAST_1,
} from "@queueshift/shared-model";
import { describe, expect, it } from "vitest";
import { expectClose } from "./close.js";

const duration = { durationPerInvocationMs: 5, durationPerMessageMs: 20 };
const noWindow = { maxBatchSize: 10, windowSeconds: 0, pollers: 5 };

describe("expectedBatchSize (aws-facts.md 0.10)", () => {
  it("holds one message at a low rate with a 0 s window, whatever BatchSize is", () => {
    // 1 req/s over 5 pollers: 0.2/s each; busy fill 0.2 x 0.005 / (1 - 0.2 x 0.02) = 0.001
    expect(expectedBatchSize(1, noWindow, duration)).toBe(1);
    expect(expectedBatchSize(1, { ...noWindow, maxBatchSize: 1000 }, duration)).toBe(1);
  });

  it("fills 1 + rate per poller x window with a window", () => {
    // 10 req/s / 5 pollers = 2/s; 1 + 2 x 2 s = 5 (busy fill 2 x 0.005 / 0.96 = 0.0104)
    expectClose(expectedBatchSize(10, { ...noWindow, windowSeconds: 2 }, duration), 5);
  });

  it("fills with what arrives while a poller is busy", () => {
    // 200 req/s / 5 = 40/s per poller; 100 ms fixed, 2 ms a message: 40 x 0.1 / (1 - 0.08) = 4.347826
    const slow = { durationPerInvocationMs: 100, durationPerMessageMs: 2 };
    expectClose(expectedBatchSize(200, noWindow, slow), 4.347826);
  });

  it("fills to BatchSize where one poller cannot keep up", () => {
    // 300 req/s / 5 = 60/s x 0.02 s = 1.2 messages per message processed
    expect(expectedBatchSize(300, noWindow, duration)).toBe(10);
    expect(expectedBatchSize(10, { ...noWindow, windowSeconds: 300 }, duration)).toBe(10);
  });

  it("is 1 when nothing arrives", () => {
    expect(expectedBatchSize(0, noWindow, duration)).toBe(1);
  });
});

describe("monthlyMeanBatchSize", () => {
  it("is jobs / invocations over the hours (a harmonic mean)", () => {
    // Prepare: one hour at 1 req/s (batch 1), one at 10 req/s (batch 5 with a 2 s window)
    const fill = { ...noWindow, windowSeconds: 2 };
    // Act
    const m = monthlyMeanBatchSize([1, 10], fill, duration);
    // Assess: 1 req/s: 1 + 0.2 x 2 = 1.4; jobs 3,600 + 36,000 = 39,600;
    // invocations 3,600 / 1.4 + 36,000 / 5 = 2,571.43 + 7,200 = 9,771.43 -> 4.052632
    expectClose(m, 4.052632);
  });
});

describe("asyncMonthlyCost with batchFill", () => {
  const input = {
    traffic: trafficProfile("steady", 2_628_000), // 1 req/s all month
    requestBytes: 1024,
    apiGateway: "none" as const,
    queue: { meanBatchSize: 10, pollers: 0, batchFill: noWindow },
    lambda: {
      architecture: "x86" as const,
      memoryMb: 128,
      ...duration,
      coldStarts: 0,
      initMs: 0,
      logBytesPerInvocation: 0,
    },
  };

  it("invokes once per job at 1 req/s instead of once per 10 jobs", () => {
    // Act
    const filled = asyncMonthlyCost(input, US_EAST_1);
    const assumedFull = asyncMonthlyCost(
      { ...input, queue: { meanBatchSize: 10, pollers: 0 } },
      US_EAST_1,
    );
    // Assess: batch 1 -> 2,628,000 invocations x $0.20/1M = $0.5256; assumed full: 262,800
    expect(filled.usage.invocations).toBe(2_628_000);
    expectClose(filled.items.find((i) => i.component === "lambda.requests")?.cost ?? 0, 0.5256);
    expect(assumedFull.usage.invocations).toBe(262_800);
  });

  it("follows the volume: a busier month fills its batches", () => {
    // 300 req/s all month: one poller gets 60/s x 20 ms > 1, so batches fill to 10
    const busy = { ...input, traffic: profileFromHourlyRates(new Array<number>(730).fill(300)) };
    const r = asyncMonthlyCost(busy, US_EAST_1);
    expectClose(r.usage.invocations, (300 * 3600 * 730) / 10);
  });

  it("prices the batch sensitivity at each BatchSize with the same fill", () => {
    // At 1 req/s every BatchSize gives batches of 1: the curve is flat
    const points = batchSizeSensitivity(input, US_EAST_1, [1, 10, 100]);
    expect(new Set(points.map((p) => p.invocations))).toEqual(new Set([2_628_000]));
  });
});
