import { tieredCost, tieredCostAfterFree, US_EAST_1 } from "@queueshift/shared-model";
import { describe, it } from "vitest";
import { expectClose } from "./close.js";

const { lambda, apiGateway, sqs } = US_EAST_1;

describe("tieredCost", () => {
  it("crosses the Lambda x86 6 B GB-s tier", () => {
    // Prepare: 10 B GB-s on x86.
    // Act
    const cost = tieredCost(10e9, lambda.x86.gbSecondTiers);
    // Assess: 6e9 x $0.0000166667 = $100,000.20; 4e9 x $0.000015 = $60,000 -> $160,000.20
    expectClose(cost, 160_000.2);
  });

  it("crosses both Lambda x86 tiers above 15 B GB-s", () => {
    const cost = tieredCost(20e9, lambda.x86.gbSecondTiers);
    // 6e9 x 0.0000166667 = 100,000.20; 9e9 x 0.000015 = 135,000; 5e9 x 0.0000133334 = 66,667
    // -> $301,667.20
    expectClose(cost, 301_667.2);
  });

  it("uses the arm64 breakpoints of 7.5 B and 18.75 B, not x86's", () => {
    const cost = tieredCost(10e9, lambda.arm64.gbSecondTiers);
    // 7.5e9 x 0.0000133334 = 100,000.50; 2.5e9 x 0.0000120001 = 30,000.25 -> $130,000.75
    expectClose(cost, 130_000.75);
  });

  it("crosses the API Gateway HTTP 300M tier", () => {
    const cost = tieredCost(500e6, apiGateway.httpPerMillionTiers);
    // 300M x $1.00/1M = $300; 200M x $0.90/1M = $180 -> $480
    expectClose(cost, 480);
  });

  it("crosses the API Gateway REST 333M and 1B tiers", () => {
    const cost = tieredCost(1.5e9, apiGateway.restPerMillionTiers);
    // 333M x 3.50 = 1,165.50; 667M x 2.80 = 1,867.60; 500M x 2.38 = 1,190.00 -> $4,223.10
    expectClose(cost, 4_223.1);
  });

  it("takes a free tier off the bottom of the first tier", () => {
    const cost = tieredCostAfterFree(4_857_000, sqs.standardPerMillionTiers, 1_000_000);
    // (4,857,000 - 1,000,000) x $0.40/1M = 3.857 x 0.40 = $1.5428
    expectClose(cost, 1.5428);
  });

  it("costs nothing when usage stays inside the free tier", () => {
    const cost = tieredCostAfterFree(61_580, lambda.arm64.gbSecondTiers, 400_000);
    // 61,580 GB-s < 400,000 free GB-s -> $0
    expectClose(cost, 0);
  });
});
