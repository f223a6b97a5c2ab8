import { describe, expect, it } from "vitest";
import {
  choosePrices,
  costInputs,
  projectCosts,
  resolveProfile,
  trafficFor,
} from "../../src/index.js";
import { fixtureResult, withArchitecture } from "../fixtures/result-fixture.js";

const within = (actual: number | undefined, expected: number) =>
  expect(Math.abs((actual ?? Number.NaN) - expected) / expected).toBeLessThan(0.001);

// A run whose usage is set to round numbers, so the monthly cost can be worked out by hand.
function handRun() {
  let doc = fixtureResult();
  doc = withArchitecture(doc, "sync", (a) => ({
    ...a,
    capacityPerVcpu: 200,
    settings: { ...a.settings, responseBytes: 1024 },
  }));
  return withArchitecture(doc, "async", (a) => ({
    ...a,
    achievedRate: 10,
    settings: { ...a.settings, logBytesPerInvocation: 600 },
    lambda: {
      memorySizeMB: 1024,
      architecture: "x86_64",
      invocations: 1000,
      coldStarts: 2,
      environmentsCreated: 2,
      billedDurationMsTotal: 205_000, // 205 ms per invocation
      initDurationMsTotal: 1600, // 800 ms per cold start
      maxMemoryUsedMB: 200,
      batchSizeMean: 10,
      maxConcurrency: 1,
    },
    queue: {
      sends: 10_000,
      receives: 1000,
      emptyReceives: 0,
      deletes: 1000,
      meanMessageBytes: 2048,
    },
  }));
}

describe("applying the cost model to a run", () => {
  const profile = resolveProfile({ monthlyRequests: 3_000_000, shape: "steady" });
  const prices = choosePrices({ arch: "x86" });

  it("prices the async design from the measured Lambda and queue usage (hand-computed)", () => {
    // Prepare
    const doc = handRun();

    // Act
    const p = projectCosts(doc, profile, prices);

    // Assess: 3M jobs, 2,048 B, HTTP API, batch 10, 205 ms x 1 GB per invocation,
    // 730 cold starts (1 environment x 730 h) x 800 ms, 600 log bytes, results queue 1,024 B.
    // API 3M x $1/1M = 3.00; SQS (3M + 300k + 357k empty + 300k + 3 x 300k results) x 0.40/1M
    // = 1.9428; Lambda 300k x 0.2/1M = 0.06; (61,500 + 584) GB-s x 0.0000166667 = 1.0347353;
    // logs 1.8e8 B / 2^30 x 0.5 = 0.0838190.
    within(p.async?.total, 3 + 1.9428 + 0.06 + 1.0347353 + 0.083819);
    within(p.async?.usage.invocations, 300_000);
    within(p.async?.usage.gbSeconds, 62_084);
  });

  it("prices the sync design from the measured capacity per vCPU (hand-computed)", () => {
    // Prepare
    const doc = handRun();

    // Act
    const p = projectCosts(doc, profile, prices);

    // Assess: 2 tasks minimum x 730 h of 1 vCPU / 2 GB Fargate x86 = 59.1008 + 12.9794; ALB
    // 16.425 + 33.333 LCU-h x 0.008 (new connections dimension) + 2 IPv4 x 730 x 0.005 = 7.3.
    within(p.sync?.total, 59.1008 + 12.9794 + 16.425 + ((730 * 1.1415525) / 25) * 0.008 + 7.3);
    expect(p.sync?.plan.tasksAtPeak).toBe(2);
  });

  it("infers sync capacity as achieved rate / workers when the run did not measure it", () => {
    // Prepare
    const doc = withArchitecture(fixtureResult(), "sync", (a) => ({
      ...a,
      achievedRate: 48,
      settings: { workers: 4 },
    }));

    // Act
    const inputs = costInputs(doc, prices, trafficFor(profile));

    // Assess
    expect(inputs.sync?.capacityPerVcpu).toBe(12);
    expect(inputs.notes.join(" ")).toMatch(/inferred/);
  });

  it("uses arm64 Lambda and Fargate prices when asked, making both designs cheaper", () => {
    // Prepare
    const doc = handRun();

    // Act
    const x86 = projectCosts(doc, profile, prices);
    const arm = projectCosts(doc, profile, choosePrices({ arch: "arm64" }));

    // Assess
    expect(arm.inputs.architecture).toBe("arm64");
    expect(arm.async?.total ?? 0).toBeLessThan(x86.async?.total ?? 0);
    expect(arm.sync?.total ?? 0).toBeLessThan(x86.sync?.total ?? 0);
  });

  it("gives break-even curves for steady, diurnal and spiky traffic from 1M to 1,000M", () => {
    // Act
    const p = projectCosts(handRun(), profile, prices);

    // Assess
    expect(p.curves.map((c) => c.shape)).toEqual(["steady", "diurnal", "spiky"]);
    for (const c of p.curves) {
      expect(c.points[0]?.monthlyRequests).toBe(1e6);
      expect(c.points.at(-1)?.monthlyRequests).toBe(1e9);
    }
    const steady = p.curves[0];
    expect(steady?.crossingVolume).not.toBeNull();
    expect(p.memory.length).toBeGreaterThan(5);
    expect(p.batch.map((b) => b.batchSize)).toContain(10);
  });

  it("prices only the measured design of a sync-only run", () => {
    // Act
    const p = projectCosts(fixtureResult({ architectures: ["sync"] }), profile, prices);

    // Assess
    expect(p.async).toBeNull();
    expect(p.sync?.total ?? 0).toBeGreaterThan(0);
    expect(p.curves[0]?.points.every((pt) => pt.asyncCost === null && pt.syncCost !== null)).toBe(
      true,
    );
  });
});
