import {
  type BreakEvenInput,
  breakEven,
  CostModelError,
  logSpacedVolumes,
  US_EAST_1,
} from "@queueshift/shared-model";
import { describe, expect, it } from "vitest";
import { expectClose } from "./close.js";

// A: two 0.25 vCPU / 0.5 GB x86 tasks, no load balancer, no network line, so a flat cost while 2 tasks suffice:
//    2 x 730 h x (0.25 x $0.04048 + 0.5 x $0.004445 = $0.0123425) = $18.02005 a month.
//    (capacity 10,000 x 0.25 x 0.6 = 1,500 req/s per task: 2 tasks carry 1e9/month steady.)
// B: linear in volume, per 1M jobs (1 KB, batch 10, no pollers, no results, no logs):
//    API Gateway HTTP 1M x $1.00 = $1.00; SQS 1M sends + 100k receives + 100k deletes = 1.2M
//    x $0.40 = $0.48; Lambda 100k x $0.20/1M = $0.02; 100k x 0.1 s x 0.125 GB = 1,250 GB-s
//    x $0.0000133334 = $0.01666675 -> $1.51666675 per 1M jobs.
// Crossing: 18.02005 / 1.51666675 = 11.88135 M requests a month.
const input: BreakEvenInput = {
  sync: {
    capacityPerVcpu: 10_000,
    platform: { kind: "fargate", architecture: "x86", vcpu: 0.25, memoryGb: 0.5 },
    requestBytes: 1024,
    responseBytes: 1024,
    loadBalancer: { kind: "none" },
    network: { kind: "none" },
  },
  async: {
    requestBytes: 1024,
    apiGateway: "http",
    queue: { meanBatchSize: 10, pollers: 0 },
    lambda: {
      architecture: "arm64",
      memoryMb: 128,
      durationPerInvocationMs: 0,
      durationPerMessageMs: 10,
      coldStarts: 0,
      initMs: 0,
      logBytesPerInvocation: 0,
    },
  },
};

describe("breakEven", () => {
  it("finds where B's linear cost meets A's flat cost, for each shape", () => {
    // Act
    const curves = breakEven(input, US_EAST_1);
    // Assess
    expect(curves.map((c) => c.shape)).toEqual(["steady", "diurnal", "spiky"]);
    for (const curve of curves) {
      expect(curve.points).toHaveLength(31);
      expect(curve.cheaperAtMin).toBe("async");
      // A stays at 2 tasks up to the crossing for every shape, so all cross at 11.88135 M
      expectClose(curve.crossingVolume ?? 0, 11_881_351);
    }
  });

  it("prices both sides at each point", () => {
    const [steady] = breakEven({ ...input, shapes: ["steady"], points: 4 }, US_EAST_1);
    // Points 1M, 10M, 100M, 1,000M; at 10M: A $18.02005, B 10 x 1.51666675 = $15.1666675
    const at10M = steady?.points[1];
    expectClose(at10M?.monthlyRequests ?? 0, 10_000_000);
    expectClose(at10M?.syncCost ?? 0, 18.02005);
    expectClose(at10M?.asyncCost ?? 0, 15.1666675);
  });

  it("returns null when one side is cheaper over the whole range", () => {
    const costly = { ...input, sync: { ...input.sync, minTasks: 1000 } };
    // A: 1,000 tasks x 730 h x $0.0123425 = $9,010.03 > B at 1,000M: API Gateway 300 x 1.00
    // + 700 x 0.90 = $930, SQS $480, Lambda $20 + $16.67 -> $1,446.67
    const [steady] = breakEven({ ...costly, shapes: ["steady"] }, US_EAST_1);
    expect(steady?.crossingVolume).toBeNull();
    expect(steady?.cheaperAtMin).toBe("async");
  });

  it("spaces volumes logarithmically and ends exactly on the bounds", () => {
    // 1M x 10^(i/3) for i = 0..3
    const v = logSpacedVolumes(1e6, 1e9, 4);
    expect(v[0]).toBe(1e6);
    expectClose(v[1] ?? 0, 1e7);
    expectClose(v[2] ?? 0, 1e8);
    expect(v[3]).toBe(1e9);
  });

  it("rejects a range whose maximum is below its minimum", () => {
    const bad = { ...input, minMonthlyRequests: 1e9, maxMonthlyRequests: 1e6 };
    expect(() => breakEven(bad, US_EAST_1)).toThrowError(CostModelError);
  });
});
