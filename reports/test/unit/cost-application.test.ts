import { describe, expect, it } from "vitest";
import {
  advise,
  breakEvenFlip,
  choosePrices,
  costInputs,
  projectCosts,
  resolveProfile,
  taskStep,
  trafficFor,
} from "../../src/index.js";
import { fixtureResult, withArchitecture } from "../fixtures/result-fixture.js";

const within = (actual: number | undefined, expected: number) =>
  expect(Math.abs((actual ?? Number.NaN) - expected) / expected).toBeLessThan(0.001);

// A run whose usage is set to round numbers, so the monthly cost can be worked out by hand. It
// ran under CPU quotas (1,024 MB's share), so its durations are priced as measured.
function handRun() {
  let doc = fixtureResult();
  doc = withArchitecture(doc, "sync", (a) => ({
    ...a,
    capacityPerVcpu: 200,
    settings: { ...a.settings, responseBytes: 1024 },
  }));
  doc = { ...doc, cpuShares: { status: "applied", mechanism: "cgroup-v1", root: "/x" } };
  return withArchitecture(doc, "async", (a) => ({
    ...a,
    achievedRate: 10,
    settings: { ...a.settings, logBytesPerInvocation: 600, cpuShareCores: 1024 / 1769 },
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

    // Assess: 3M jobs a month (1.1416 req/s) over 5 pollers with a 0 s window: batches of 1
    // (aws-facts.md 0.10), so 3M invocations. Billed handler ms per invocation with INIT taken
    // out once: (205,000 - 1,600) / 1,000 = 203.4 ms for a measured batch of 10 = 20.34 ms a
    // message -> ceil(20.34) = 21 ms per invocation of 1.
    // API 3M x $1/1M = 3.00; SQS: 3M sends + 3M receives (no empty polls: 4,110 receives/h
    // > the 900/h floor) + 3M deletes + results 3M sends + 300k receives + 300k deletes
    // = 12.6M x 0.40/1M = 5.04; Lambda 3M x 0.2/1M = 0.60; GB-s 3M x 0.021 s x 1 GB = 63,000
    // + INIT 730 cold starts (1 environment x 730 h) x 0.8 s = 584 -> 63,584 x 0.0000166667
    // = 1.0597355; logs 3M x 600 B = 1.8e9 B / 2^30 x 0.5 = 0.8381903.
    within(p.async?.total, 3 + 5.04 + 0.6 + 1.0597355 + 0.8381903);
    within(p.async?.usage.invocations, 3_000_000);
    within(p.async?.usage.gbSeconds, 63_584);
  });

  it("counts INIT once: the billed total's INIT comes off before the per-message time", () => {
    // Act
    const inputs = costInputs(handRun(), prices, trafficFor(profile));

    // Assess: (205,000 billed - 1,600 INIT) / 1,000 invocations / batch 10 = 20.34 ms
    within(inputs.async?.lambda.durationPerMessageMs, 20.34);
    within(inputs.async?.lambda.initMs, 800);
  });

  it("fills batches as the volume allows and checks the model against the run's batch", () => {
    // Act: 1B requests a month steady = 380.5 req/s; 76/s per poller x 20.34 ms > 1: full
    const big = projectCosts(
      handRun(),
      resolveProfile({ monthlyRequests: 1e9, shape: "steady" }),
      prices,
    );
    const inputs = costInputs(handRun(), prices, trafficFor(profile));

    // Assess
    within(big.async?.usage.invocations, 1e8);
    expect(inputs.async?.queue.batchFill).toEqual({
      maxBatchSize: 10,
      windowSeconds: 0,
      pollers: 5,
    });
    expect(inputs.notes.join(" ")).toMatch(
      /the model gives 1\.00 at the run's [\d.]+ req\/s \(5 pollers\) where the run measured 10\.00/,
    );
  });

  it("adds the client's result polls as API requests per job", () => {
    // Act
    const p = projectCosts(handRun(), profile, choosePrices({ arch: "x86", resultPolls: 2 }));

    // Assess: 3M x (1 submit + 2 polls) = 9M x $1/1M
    within(p.async?.items.find((i) => i.component === "apiGateway.http")?.cost, 9);
  });

  it("prices the sync design from the measured capacity per vCPU (hand-computed)", () => {
    // Prepare
    const doc = handRun();

    // Act
    const p = projectCosts(doc, profile, prices);

    // Assess: 2 tasks minimum x 730 h of 1 vCPU / 2 GB Fargate x86 = 59.1008 + 12.9794; ALB
    // 16.425 + 33.333 LCU-h x 0.008 (new connections dimension) + 2 IPv4 x 730 x 0.005 = 7.3;
    // the tasks' own public IPv4 (default network): 1,460 task-hours x 0.005 = 7.3.
    within(
      p.sync?.total,
      59.1008 + 12.9794 + 16.425 + ((730 * 1.1415525) / 25) * 0.008 + 7.3 + 7.3,
    );
    expect(p.sync?.plan.tasksAtPeak).toBe(2);
  });

  it("prices NAT gateways instead of task addresses with --sync-network nat-gateway", () => {
    // Act
    const nat = projectCosts(handRun(), profile, choosePrices({ syncNetwork: "nat-gateway" }));

    // Assess: 2 gateways x 730 h x $0.045 = 65.70, no per-task address
    within(nat.sync?.items.find((i) => i.component === "network.natGatewayHours")?.cost, 65.7);
    expect(nat.sync?.items.some((i) => i.component === "network.taskPublicIpv4")).toBe(false);
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

describe("cost flip points", () => {
  const profile = resolveProfile({ monthlyRequests: 3_000_000, shape: "steady" });
  const prices = choosePrices({ arch: "x86" });

  it("names the rate where the sync fleet needs one more task (hand-computed)", () => {
    // Prepare
    const p = projectCosts(handRun(), profile, prices);

    // Act
    const step = p.sync ? taskStep(p.sync, p.traffic.peakRate) : "";

    // Assess: 200 req/s per vCPU x 1 vCPU x 0.6 target utilisation x 2 tasks = 240 req/s
    expect(step).toBe("sync runs 2 tasks for the 1.1 req/s peak and needs 3 above 240 req/s");
  });

  it("prices the verdict-by-volume rows like the projection at that volume", () => {
    // Prepare
    const doc = handRun();
    const a = advise(doc, resolveProfile({ slo: "p99=5s", monthlyRequests: 1e8 }), prices);

    // Act
    const at100M = a.verdictByVolume.find((v) => v.monthlyRequests === 1e8);

    // Assess
    within(at100M?.syncMonthly ?? 0, a.projection.sync?.total ?? 0);
    within(at100M?.asyncMonthly ?? 0, a.projection.async?.total ?? 0);
    expect(at100M?.recommendation).toBe(a.recommendation);
    expect(breakEvenFlip(a.projection)).toMatch(
      /^(break-even at [\d.]+[MB] requests\/month|no break-even)/,
    );
  });
});
