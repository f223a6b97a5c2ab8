import {
  CostModelError,
  mergePriceTable,
  PRICE_TABLES,
  type PriceOverrides,
  priceTableFor,
  syncMonthlyCost,
  trafficProfile,
  US_EAST_1,
} from "@queueshift/shared-model";
import { describe, expect, it } from "vitest";
import { expectClose } from "./close.js";

function figures(
  node: unknown,
  path = "",
): Array<{ path: string; figure: Record<string, unknown> }> {
  if (node === null || typeof node !== "object") return [];
  const record = node as Record<string, unknown>;
  if ("confidence" in record) return [{ path, figure: record }];
  return Object.entries(record).flatMap(([k, v]) => figures(v, path ? `${path}.${k}` : k));
}

function issuesOf(overrides: PriceOverrides): string[] {
  try {
    mergePriceTable(US_EAST_1, overrides);
  } catch (err) {
    expect(err).toBeInstanceOf(CostModelError);
    expect((err as CostModelError).code).toBe("QS_COST_INVALID_OVERRIDE");
    return (err as CostModelError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  return [];
}

describe("the us-east-1 price table", () => {
  it("is registered first, dated and frozen all the way down", () => {
    expect(Object.keys(PRICE_TABLES)[0]).toBe("us-east-1");
    expect(priceTableFor("us-east-1")).toBe(US_EAST_1);
    expect(US_EAST_1.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Object.isFrozen(US_EAST_1.lambda.x86.gbSecondTiers.tiers[0])).toBe(true);
  });

  it("gives every figure a unit, a source and a confidence letter", () => {
    const all = figures(US_EAST_1);
    expect(all.length).toBeGreaterThan(20);
    for (const { path, figure } of all) {
      expect(figure.source, path).toMatch(/aws-facts\.md/);
      expect(figure.unit, path).toMatch(/\S/);
      expect(["A", "B", "C"], path).toContain(figure.confidence);
    }
  });

  it("names the components it leaves out because the sheet has no figure", () => {
    expect(US_EAST_1.omitted.some((o) => o.includes("Event Poller Units"))).toBe(true);
  });

  it("refuses an unknown region", () => {
    expect(() => priceTableFor("eu-west-1")).toThrowError(/no price table for eu-west-1/);
  });
});

describe("mergePriceTable", () => {
  it("applies an override, marks it as the user's and leaves both inputs alone", () => {
    const overrides = { lambda: { requestsPerMillion: { value: 0.25 } } };
    // Act
    const merged = mergePriceTable(US_EAST_1, overrides);
    // Assess
    expect(merged.lambda.requestsPerMillion.value).toBe(0.25);
    expect(merged.lambda.requestsPerMillion.confidence).toBe("user");
    expect(merged.lambda.requestsPerMillion.source).toBe("user override");
    expect(merged.lambda.freeTierRequests).toEqual(US_EAST_1.lambda.freeTierRequests);
    expect(US_EAST_1.lambda.requestsPerMillion.value).toBe(0.2);
    expect(Object.isFrozen(merged.lambda)).toBe(true);
    expect(Object.isFrozen(overrides.lambda)).toBe(false);
  });

  it("replaces a tier list whole", () => {
    const tiers = [{ upTo: null, price: 0.5 }];
    const merged = mergePriceTable(US_EAST_1, { sqs: { standardPerMillionTiers: { tiers } } });
    expect(merged.sqs.standardPerMillionTiers.tiers).toEqual(tiers);
    expect(merged.sqs.standardPerMillionTiers.confidence).toBe("user");
  });

  it("accepts a complete new EC2 instance type and prices it", () => {
    const merged = mergePriceTable(US_EAST_1, {
      ec2: {
        instances: {
          "c7g.xlarge": {
            vcpu: 4,
            memoryGiB: 8,
            architecture: "arm64",
            hourly: {
              value: 0.145,
              unit: "USD per instance-hour",
              source: "my quote",
              confidence: "user",
            },
            note: "from the live page",
          },
        },
      },
    });
    const result = syncMonthlyCost(
      {
        capacityPerVcpu: 100,
        traffic: trafficProfile("steady", 100 * 3600 * 730),
        platform: { kind: "ec2", instanceType: "c7g.xlarge" },
        requestBytes: 0,
        responseBytes: 0,
        loadBalancer: { kind: "none" },
        network: { kind: "none" },
      },
      merged,
    );
    // 100 x 4 vCPU x 0.6 = 240 req/s per instance -> 1 -> min 2; 2 x 730 x $0.145 = $211.70
    expectClose(result.total, 211.7);
  });

  it("rejects unknown keys, negative prices and bad tiers, each by path", () => {
    const issues = issuesOf({
      lambda: { requestsPerMillion: { value: -1 } },
      sqs: { bogus: 1 } as PriceOverrides["sqs"],
      apiGateway: {
        httpPerMillionTiers: {
          tiers: [
            { upTo: 100, price: 1 },
            { upTo: 50, price: -2 },
          ],
        },
      },
      alb: { lcuDimensions: { newConnectionsPerSecond: 0 } },
    });
    expect(issues).toEqual([
      "lambda.requestsPerMillion.value: must be a finite number >= 0",
      "sqs.bogus: unknown key",
      "apiGateway.httpPerMillionTiers.tiers[1].price: must be a finite price >= 0",
      "apiGateway.httpPerMillionTiers.tiers[1].upTo: the last tier must have upTo: null",
      "alb.lcuDimensions.newConnectionsPerSecond: must be a finite number > 0",
    ]);
  });

  it("requires every field of a new EC2 instance", () => {
    const issues = issuesOf({ ec2: { instances: { "c7g.xlarge": { vcpu: 4 } } } });
    expect(issues).toContain("ec2.instances.c7g.xlarge.hourly: required for a new entry");
  });
});
