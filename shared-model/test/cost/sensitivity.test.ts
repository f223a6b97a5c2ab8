import {
  type AsyncCostInput,
  batchSizeSensitivity,
  memorySensitivity,
  scaleDurationForMemory,
  trafficProfile,
  US_EAST_1,
} from "@queueshift/shared-model";
import { describe, expect, it } from "vitest";
import { expectClose } from "./close.js";

// 1M jobs, batch 1, x86, no API Gateway, no pollers, no logs: SQS is 3M requests = $1.20 and
// Lambda requests 1M x $0.20/1M = $0.20 at every memory size.
const input: AsyncCostInput = {
  traffic: trafficProfile("steady", 1_000_000),
  requestBytes: 1024,
  apiGateway: "none",
  queue: { meanBatchSize: 1, pollers: 0 },
  lambda: {
    architecture: "x86",
    memoryMb: 1769,
    durationPerInvocationMs: 0,
    durationPerMessageMs: 100, // measured at 1,769 MB
    coldStarts: 0,
    initMs: 0,
    logBytesPerInvocation: 0,
  },
};

describe("scaleDurationForMemory", () => {
  it("slows a handler below one vCPU and does not speed it up above", () => {
    // 100 ms at 1,769 MB -> at 512 MB: 100 x 1769 / 512 = 345.508 ms; at 3,538 MB: still 100 ms
    expectClose(scaleDurationForMemory(100, 1769, 512), 345.508);
    expectClose(scaleDurationForMemory(100, 1769, 3538), 100);
    // measured at 512 MB (345.508 ms) -> at 1,769 MB: 345.508 x 512 / 1769 = 100 ms
    expectClose(scaleDurationForMemory(345.508, 512, 1769), 100);
  });
});

describe("memorySensitivity", () => {
  it("prices B at each memory size with the scaled duration", () => {
    const [m512, m1769, m3538] = memorySensitivity(input, US_EAST_1, 1769, [512, 1769, 3538]);
    // 512 MB: ceil(345.508) = 346 ms; 1M x 0.346 s x 0.5 GB = 173,000 GB-s x 0.0000166667
    // = $2.883339 + $1.40 = $4.283339
    expect(m512?.billedDurationMs).toBe(346);
    expectClose(m512?.total ?? 0, 4.283339);
    // 1,769 MB: 1M x 0.1 s x 1.727539 GB = 172,753.9 GB-s -> $2.879238 + $1.40 = $4.279238
    expectClose(m1769?.total ?? 0, 4.279238);
    // 3,538 MB: 100 ms x 3.455078 GB x 1M = 345,507.8 GB-s -> $5.758475 + $1.40 = $7.158475
    expectClose(m3538?.total ?? 0, 7.158475);
  });
});

describe("batchSizeSensitivity", () => {
  it("trades fewer invocations and SQS calls against longer ones", () => {
    const arm = {
      ...input,
      lambda: {
        ...input.lambda,
        architecture: "arm64" as const,
        memoryMb: 128,
        durationPerInvocationMs: 20,
        durationPerMessageMs: 10,
      },
    };
    const [b1, b10] = batchSizeSensitivity(arm, US_EAST_1, [1, 10]);
    // batch 1: 1M x 30 ms x 0.125 GB = 3,750 GB-s x 0.0000133334 = $0.05000025; requests $0.20;
    //   SQS 1M + 1M + 1M = 3M x $0.40/1M = $1.20 -> $1.45000025
    expectClose(b1?.total ?? 0, 1.45000025);
    // batch 10: 100k x 120 ms x 0.125 GB = 1,500 GB-s -> $0.0200001; requests $0.02;
    //   SQS 1M + 100k + 100k = 1.2M -> $0.48 -> $0.5200001
    expect(b10?.invocations).toBe(100_000);
    expect(b10?.billedDurationMs).toBe(120);
    expectClose(b10?.total ?? 0, 0.5200001);
  });
});
