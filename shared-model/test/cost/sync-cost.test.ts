import {
  CostModelError,
  profileFromHourlyRates,
  type SyncCostInput,
  syncMonthlyCost,
  trafficProfile,
  US_EAST_1,
} from "@queueshift/shared-model";
import { describe, expect, it } from "vitest";
import { expectClose } from "./close.js";

/** Worked example 2 of docs/cost-model.md. */
function example2(overrides: Partial<SyncCostInput> = {}): SyncCostInput {
  return {
    capacityPerVcpu: 200,
    traffic: trafficProfile("steady", 3_000_000),
    platform: { kind: "fargate", architecture: "x86", vcpu: 1, memoryGb: 2 },
    requestBytes: 2048,
    responseBytes: 4096,
    ...overrides,
  };
}

function cost(result: ReturnType<typeof syncMonthlyCost>, component: string): number {
  return result.items.find((i) => i.component === component)?.cost ?? 0;
}

// 365 hours at 1,000 req/s and 365 hours at 100 req/s.
const twoLevel = profileFromHourlyRates([
  ...new Array<number>(365).fill(1000),
  ...new Array<number>(365).fill(100),
]);

describe("syncMonthlyCost, worked example 2", () => {
  it("prices 3M requests a month on two Fargate tasks behind an ALB", () => {
    // Act
    const result = syncMonthlyCost(example2(), US_EAST_1);
    // Assess
    // Peak 3M / (730 x 3600) = 1.14 req/s; capacity 200 x 1 vCPU x 0.6 = 120 -> 1 task -> min 2
    expect(result.plan.tasksAtPeak).toBe(2);
    // 2 tasks x 730 h = 1,460 task-hours
    expect(result.plan.taskHours).toBe(1460);
    // vCPU: 1,460 x 1 x $0.04048 = $59.1008; memory: 1,460 x 2 GB x $0.004445 = $12.9794
    expectClose(cost(result, "fargate.vcpuHours"), 59.1008);
    expectClose(cost(result, "fargate.gbHours"), 12.9794);
    // ALB: 730 h x $0.0225 = $16.425
    expectClose(cost(result, "alb.hours"), 16.425);
    // LCU: new connections 1.14 / 25 = 0.04566 per hour (largest dimension; processed bytes
    // 1.14 x 3600 x 6,144 B / 2^30 = 0.0235 GB) x 730 h = 33.33 LCU-h x $0.008 = $0.26667
    expectClose(result.plan.lcuHours, 33.3333);
    expectClose(cost(result, "alb.lcuHours"), 0.266667);
    // IPv4: 2 addresses x 730 h x $0.005 = $7.30
    expectClose(cost(result, "alb.publicIpv4"), 7.3);
    // The tasks' own public IPv4 (default network): 1,460 task-hours x $0.005 = $7.30
    expectClose(cost(result, "network.taskPublicIpv4"), 7.3);
    // Total: 59.1008 + 12.9794 + 16.425 + 0.266667 + 7.30 + 7.30 = $103.371867
    expectClose(result.total, 103.371867);
  });

  it("adds a REST API Gateway in front when asked", () => {
    const result = syncMonthlyCost(example2({ apiGateway: "rest" }), US_EAST_1);
    // 3M x $3.50/1M = $10.50 on top of $103.371867
    expectClose(cost(result, "apiGateway.rest"), 10.5);
    expectClose(result.total, 113.871867);
  });

  it("prices NAT gateways per AZ and per GB instead of task addresses", () => {
    // Prepare: private subnets, 2 gateways, 10,000 B of outbound calls per request
    const network = { kind: "nat-gateway" as const, natBytesPerRequest: 10_000 };

    // Act
    const result = syncMonthlyCost(example2({ network }), US_EAST_1);

    // Assess
    // 2 gateways x 730 h x $0.045 = $65.70
    expectClose(cost(result, "network.natGatewayHours"), 65.7);
    // 3M x 10,000 B = 3e10 B / 2^30 = 27.939677 GB x $0.045 = $1.257285
    expectClose(cost(result, "network.natGatewayGb"), 1.257285);
    expect(cost(result, "network.taskPublicIpv4")).toBe(0);
    // 96.071867 (no task addresses) + 65.70 + 1.257285 = $163.029152
    expectClose(result.total, 163.029152);
  });

  it("adds no network line with network: none", () => {
    const result = syncMonthlyCost(example2({ network: { kind: "none" } }), US_EAST_1);
    expect(result.items.some((i) => i.component.startsWith("network."))).toBe(false);
    expectClose(result.total, 96.071867);
  });
});

describe("syncMonthlyCost, capacity plans", () => {
  const base = example2({
    traffic: twoLevel,
    loadBalancer: { kind: "none" },
    network: { kind: "none" },
  });

  it("provisions the peak all month with scaling: peak", () => {
    const result = syncMonthlyCost(base, US_EAST_1);
    // 1,000 / 120 = 8.33 -> 9 tasks x 730 h = 6,570 task-hours x (0.04048 + 2 x 0.004445 = 0.04937)
    // = $324.3609
    expect(result.plan.taskHours).toBe(6570);
    expectClose(result.total, 324.3609);
  });

  it("sums each hour's tasks with scaling: hourly", () => {
    const result = syncMonthlyCost({ ...base, scaling: "hourly" }, US_EAST_1);
    // 365 h x 9 tasks + 365 h x max(2, ceil(100 / 120) = 1) = 3,285 + 730 = 4,015 task-hours
    // 4,015 x $0.04937 = $198.22055
    expect(result.plan.taskHours).toBe(4015);
    expectClose(result.total, 198.22055);
  });

  it("counts EC2 instances by their vCPUs", () => {
    const traffic = trafficProfile("steady", 1000 * 3600 * 730); // 1,000 req/s all month
    const input = example2({
      traffic,
      platform: { kind: "ec2", instanceType: "c7g.large" },
      loadBalancer: { kind: "none" },
      network: { kind: "none" },
    });
    const result = syncMonthlyCost(input, US_EAST_1);
    // capacity 200 x 2 vCPU x 0.6 = 240 -> ceil(1,000 / 240 = 4.17) = 5 instances
    // 5 x 730 = 3,650 instance-hours x $0.0725 = $264.625
    expect(result.plan.tasksAtPeak).toBe(5);
    expectClose(result.total, 264.625);
  });

  it("bills the largest LCU dimension, here processed bytes", () => {
    const traffic = trafficProfile("steady", 100 * 3600 * 730); // 100 req/s
    const input = example2({
      traffic,
      requestBytes: 48_576,
      responseBytes: 1_000_000, // 1,048,576 B = 1 MiB per request in total
      loadBalancer: { kind: "alb", newConnectionsPerRequest: 0.01 },
    });
    const result = syncMonthlyCost(input, US_EAST_1);
    // processed: 100 x 3600 x 1 MiB = 351.5625 GiB/h -> 351.5625 LCU (new connections: 0.04)
    // 351.5625 x 730 = 256,640.625 LCU-h x $0.008 = $2,053.125
    expectClose(result.plan.lcuHours, 256_640.625);
    expectClose(cost(result, "alb.lcuHours"), 2_053.125);
  });
});

describe("syncMonthlyCost, validation", () => {
  it("rejects a Fargate size AWS does not offer", () => {
    const input = example2({
      platform: { kind: "fargate", architecture: "arm64", vcpu: 1, memoryGb: 1 },
    });
    expect(() => syncMonthlyCost(input, US_EAST_1)).toThrowError(CostModelError);
    expect(() => syncMonthlyCost(input, US_EAST_1)).toThrowError(
      /1 vCPU \/ 1 GB is not a valid Fargate task size/,
    );
  });

  it("rejects an unknown EC2 type and a utilisation above 1 together", () => {
    const input = example2({
      platform: { kind: "ec2", instanceType: "x9.huge" },
      targetUtilisation: 1.5,
    });
    let caught: unknown;
    try {
      syncMonthlyCost(input, US_EAST_1);
    } catch (err) {
      caught = err;
    }
    expect((caught as CostModelError).issues.map((i) => i.path)).toEqual([
      "targetUtilisation",
      "platform.instanceType",
    ]);
  });
});
