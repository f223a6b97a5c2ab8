import {
  type AsyncCostInput,
  asyncMonthlyCost,
  CostModelError,
  profileFromHourlyRates,
  trafficProfile,
  US_EAST_1,
} from "@queueshift/shared-model";
import { describe, expect, it } from "vitest";
import { expectClose } from "./close.js";

/** Worked example 1 of docs/cost-model.md. */
function example1(overrides: Partial<AsyncCostInput> = {}): AsyncCostInput {
  return {
    traffic: trafficProfile("steady", 3_000_000),
    requestBytes: 2048,
    apiGateway: "http",
    queue: { meanBatchSize: 10 }, // 5 pollers, 20 s wait by default
    lambda: {
      architecture: "arm64",
      memoryMb: 1024,
      durationPerInvocationMs: 5,
      durationPerMessageMs: 20,
      coldStarts: 100,
      initMs: 800,
      logBytesPerInvocation: 600,
    },
    results: { enabled: true, resultBytes: 1024 },
    ...overrides,
  };
}

/** A bare input: no API Gateway, no pollers, no results, so one line can be checked alone. */
function bare(monthly: number, overrides: Partial<AsyncCostInput> = {}): AsyncCostInput {
  return {
    traffic: trafficProfile("steady", monthly),
    requestBytes: 1024,
    apiGateway: "none",
    queue: { meanBatchSize: 1, pollers: 0 },
    lambda: {
      architecture: "x86",
      memoryMb: 128,
      durationPerInvocationMs: 0,
      durationPerMessageMs: 1,
      coldStarts: 0,
      initMs: 0,
      logBytesPerInvocation: 0,
    },
    ...overrides,
  };
}

function cost(result: ReturnType<typeof asyncMonthlyCost>, component: string): number {
  return result.items.find((i) => i.component === component)?.cost ?? 0;
}

function quantity(result: ReturnType<typeof asyncMonthlyCost>, component: string): number {
  return result.items.find((i) => i.component === component)?.quantity ?? 0;
}

describe("asyncMonthlyCost, worked example 1", () => {
  it("prices every line of 3M jobs a month, free tier excluded", () => {
    // Act
    const result = asyncMonthlyCost(example1(), US_EAST_1);
    // Assess
    // API Gateway HTTP: 3,000,000 x ceil(2,048 / 524,288) = 3M metered x $1.00/1M = $3.00
    expectClose(cost(result, "apiGateway.http"), 3);
    // SQS sends: 3,000,000 x ceil(2,048 / 65,536) = 3,000,000 requests
    expectClose(quantity(result, "sqs.send"), 3_000_000);
    // Receives with jobs: 3M / 10 per batch = 300,000 invocations x 1 call
    expectClose(quantity(result, "sqs.receive"), 300_000);
    // Empty polls: floor 5 pollers x 3600/20 = 900 calls/h; jobs need 3M/730/10 = 410.96 calls/h
    // -> (900 - 410.96) x 730 = 657,000 - 300,000 = 357,000
    expectClose(quantity(result, "sqs.receiveEmpty"), 357_000);
    expectClose(quantity(result, "sqs.delete"), 300_000);
    // Results: 300,000 SendMessageBatch (10 x 1 KB < 64 KB); consumer 3M/10 = 300,000 receives
    // (410.96/h > its 180/h floor, so no empty polls) and 300,000 deletes
    expectClose(quantity(result, "sqs.results.send"), 300_000);
    expectClose(quantity(result, "sqs.results.receive"), 300_000);
    expectClose(quantity(result, "sqs.results.delete"), 300_000);
    // SQS total 4,857,000 x $0.40/1M = $1.9428
    expectClose(result.usage.sqsRequests, 4_857_000);
    // Lambda requests: 300,000 x $0.20/1M = $0.06
    expectClose(cost(result, "lambda.requests"), 0.06);
    // Duration: 5 + 20 x 10 = 205 ms; 300,000 x 0.205 s x 1 GB = 61,500 GB-s
    // Init: 100 x 0.8 s x 1 GB = 80 GB-s; (61,580) x $0.0000133334 = $0.821071
    expect(result.usage.billedDurationMs).toBe(205);
    expectClose(result.usage.gbSeconds, 61_580);
    expectClose(cost(result, "lambda.gbSeconds") + cost(result, "lambda.initGbSeconds"), 0.821071);
    expectClose(cost(result, "lambda.initGbSeconds"), 80 * 0.0000133334);
    // Logs: 300,000 x 600 B = 180,000,000 B / 2^30 = 0.167638 GB x $0.50 = $0.083819
    expectClose(cost(result, "logs.lambda"), 0.083819);
    // Total: 3.00 + 1.9428 + 0.06 + 0.821071 + 0.083819 = $5.907690
    expectClose(result.total, 5.90769);
  });

  it("drops the Lambda, SQS and Logs free tiers when they are included", () => {
    const result = asyncMonthlyCost(example1({ includeFreeTier: true }), US_EAST_1);
    // Lambda: 300,000 requests < 1M free, 61,580 GB-s < 400,000 free -> $0
    expectClose(cost(result, "lambda.requests"), 0);
    expectClose(cost(result, "lambda.gbSeconds"), 0);
    // Logs: 0.1676 GB < 5 GB free -> $0
    expectClose(cost(result, "logs.lambda"), 0);
    // SQS: (4,857,000 - 1,000,000) x $0.40/1M = $1.5428; API Gateway (no free tier) $3.00
    // Total: 3.00 + 1.5428 = $4.5428
    expectClose(result.total, 4.5428);
  });
});

describe("asyncMonthlyCost, metering and tiers", () => {
  it("bills SQS payloads in 64 KB chunks per call", () => {
    // 200 KB = 204,800 bytes -> ceil(204,800 / 65,536 = 3.125) = 4 requests per message
    const result = asyncMonthlyCost(bare(1_000_000, { requestBytes: 204_800 }), US_EAST_1);
    // sends 1M x 4 = 4M; receives (batch 1) 1M x 4 = 4M; deletes 1M x 1 -> 9M x $0.40/1M = $3.60
    expectClose(result.usage.sqsRequests, 9_000_000);
    expectClose(
      result.items.filter((i) => i.component.startsWith("sqs")).reduce((s, i) => s + i.cost, 0),
      3.6,
    );
  });

  it("bills a batch receive by the batch's total payload", () => {
    const input = bare(1_000_000, {
      requestBytes: 10_000,
      queue: { meanBatchSize: 10, pollers: 0 },
    });
    const result = asyncMonthlyCost(input, US_EAST_1);
    // 100,000 receives of 10 x 10,000 = 100,000 bytes -> ceil(1.526) = 2 each = 200,000
    // sends 1M x ceil(10,000 / 65,536) = 1M; deletes 100,000 -> 1,300,000
    expectClose(quantity(result, "sqs.receive"), 200_000);
    expectClose(result.usage.sqsRequests, 1_300_000);
  });

  it("counts exactly 64 KB as one chunk and one byte more as two", () => {
    const at = asyncMonthlyCost(bare(1_000_000, { requestBytes: 65_536 }), US_EAST_1);
    const over = asyncMonthlyCost(bare(1_000_000, { requestBytes: 65_537 }), US_EAST_1);
    // 1M sends x 1 vs 1M sends x 2
    expectClose(quantity(at, "sqs.send"), 1_000_000);
    expectClose(quantity(over, "sqs.send"), 2_000_000);
  });

  it("meters HTTP API requests in 512 KB steps and REST per request", () => {
    // 600 KB = 614,400 bytes -> ceil(614,400 / 524,288 = 1.17) = 2 metered requests each
    const http = asyncMonthlyCost(
      bare(1_000_000, { requestBytes: 614_400, apiGateway: "http" }),
      US_EAST_1,
    );
    const rest = asyncMonthlyCost(
      bare(1_000_000, { requestBytes: 614_400, apiGateway: "rest" }),
      US_EAST_1,
    );
    // HTTP: 2M x $1.00/1M = $2.00; REST: 1M x $3.50/1M = $3.50
    expectClose(cost(http, "apiGateway.http"), 2);
    expectClose(cost(rest, "apiGateway.rest"), 3.5);
  });

  it("crosses the Lambda x86 6 B GB-s tier at high volume", () => {
    const lambda = { ...bare(1).lambda, memoryMb: 10_240, durationPerMessageMs: 1000 };
    const result = asyncMonthlyCost(bare(1e9, { lambda }), US_EAST_1);
    // 1e9 invocations x 1 s x 10 GB = 1e10 GB-s
    // 6e9 x 0.0000166667 + 4e9 x 0.000015 = 100,000.20 + 60,000 = $160,000.20
    // requests: 1e9 x $0.20/1M = $200
    expectClose(result.usage.gbSeconds, 1e10);
    expectClose(cost(result, "lambda.gbSeconds"), 160_000.2);
    expectClose(cost(result, "lambda.requests"), 200);
  });

  it("rounds each invocation's duration up to the next millisecond", () => {
    const lambda = { ...bare(1).lambda, durationPerMessageMs: 10.2 };
    const result = asyncMonthlyCost(bare(1_000_000, { lambda }), US_EAST_1);
    // 10.2 ms -> 11 ms billed; 1M x 0.011 s x 0.125 GB = 1,375 GB-s
    expect(result.usage.billedDurationMs).toBe(11);
    expectClose(result.usage.gbSeconds, 1_375);
  });

  it("bills empty long polls on an idle queue", () => {
    const idle = profileFromHourlyRates(new Array<number>(730).fill(0));
    const result = asyncMonthlyCost(
      bare(0, { traffic: idle, queue: { meanBatchSize: 10, pollers: 5 } }),
      US_EAST_1,
    );
    // 5 pollers x 3600 / 20 s = 900 polls/h x 730 h = 657,000 x $0.40/1M = $0.2628
    expectClose(result.usage.emptyReceives, 657_000);
    expectClose(result.total, 0.2628);
  });
});

describe("asyncMonthlyCost, validation", () => {
  it("rejects impossible settings with every issue named", () => {
    const lambda = { ...bare(1).lambda, memoryMb: 64, initMs: 20_000 };
    const input = bare(1, { lambda, queue: { meanBatchSize: 0, waitSeconds: 30 } });
    // Act and Assess
    let caught: unknown;
    try {
      asyncMonthlyCost(input, US_EAST_1);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(CostModelError);
    const error = caught as CostModelError;
    expect(error.code).toBe("QS_COST_INVALID_INPUT");
    expect(error.issues.map((i) => i.path)).toEqual([
      "queue.meanBatchSize",
      "queue.waitSeconds",
      "lambda.memoryMb",
      "lambda.initMs",
    ]);
  });
});
