// No computed-then-dropped data: every kind of `Sample` an executor, the platform or the run's
// pollers emit must change what at least one output (time series, progress line, result
// figures) ends up with. The kinds come from `SAMPLE_TYPES`, the const array the union is
// checked against, so a new kind without a route fails here.
import { ASYNC_SERIES_COLUMNS, COMMON_SERIES_COLUMNS } from "@queueshift/shared-model";
import { describe, expect, it } from "vitest";
import { MetricsEngine } from "../../src/metrics/engine.js";
import { SAMPLE_TYPES, type Sample, type SampleType } from "../../src/metrics/samples.js";
import { ProgressOutput } from "../../src/output/progress-output.js";
import { TimeSeriesOutput } from "../../src/output/time-series-output.js";
import type { ProgressSnapshot } from "../../src/run/run-types.js";

const environments = { busy: 1, idle: 2, starting: 1 };

/** One sample of each kind; the mapped type makes a missing factory a compile error too. */
const FACTORIES: { readonly [T in SampleType]: () => Extract<Sample, { type: T }> } = {
  sent: () => ({ type: "sent", atUs: 10, lagUs: 5 }),
  missed: () => ({ type: "missed", atUs: 10, reason: "max-in-flight" }),
  response: () => ({ type: "response", atUs: 10, latencyUs: 900, serviceUs: 800, status: 202 }),
  error: () => ({ type: "error", atUs: 10, latencyUs: 900, kind: "ECONNRESET" }),
  timeout: () => ({ type: "timeout", atUs: 10, latencyUs: 10_000_000 }),
  gauge: () => ({ type: "gauge", atUs: 10, name: "inFlight", value: 3 }),
  completed: () => ({
    type: "completed",
    latencyUs: 1_500,
    ok: true,
    phase: "measure",
    stages: {
      enqueueUs: 50,
      queueWaitUs: 100,
      batchWaitUs: 200,
      handlerUs: 1_000,
      resultWaitUs: 300,
    },
  }),
  invocation: () => ({ type: "invocation", atUs: 10, ok: true, cold: true }),
  environment: () => ({ type: "environment", atUs: 10, event: "reaped", environmentId: "e1" }),
  batch: () => ({
    type: "batch",
    atUs: 10,
    size: 7,
    payloadBytes: 700,
    outcome: "success",
    deleted: 7,
    retried: 0,
  }),
  throttle: () => ({ type: "throttle", atUs: 10 }),
  scaling: () => ({
    type: "scaling",
    atUs: 10,
    concurrencyTarget: 5,
    pollers: 5,
    invocationsInFlight: 1,
    environments,
  }),
  queue: () => ({
    type: "queue",
    jobsInFlight: 4,
    oldestUnfinishedAgeMs: 250,
    depth: { visible: 3, inFlight: 1, dlq: 0 },
  }),
  resources: () => ({ type: "resources", harnessCpu: 0.1, stackCpu: 0.5, stackRssMB: 90 }),
};

/** Runs the async engine with every output over one measured interval; returns what they hold. */
function outputsAfter(samples: readonly Sample[]): unknown {
  const series = new TimeSeriesOutput([...COMMON_SERIES_COLUMNS, ...ASYNC_SERIES_COLUMNS]);
  const progress: ProgressSnapshot[] = [];
  const progressOutput = new ProgressOutput({
    scenario: "routing",
    architecture: "async",
    plannedSeconds: 1,
    elapsedBeforeSeconds: 0,
    onProgress: (p) => progress.push(p),
  });
  const engine = new MetricsEngine({ responsesComplete: false, outputs: [series, progressOutput] });
  engine.beginPhase("measure");
  engine.openLoadRun();
  for (const s of samples) engine.add(s);
  engine.flush(1, "measure");
  engine.stop();
  const loadRun = engine.finishLoadRun();
  return JSON.parse(
    JSON.stringify({
      series: series.build(),
      progress,
      load: { counters: loadRun.counters, latency: loadRun.latency.count },
      platform: engine.platform.totals(),
      init: engine.platform.init.count,
      jobs: Object.values(engine.jobs).map((h) => h.count),
      outputErrors: engine.outputErrors,
    }),
  );
}

describe("sample routing", () => {
  const baseline = outputsAfter([]);

  it.each(SAMPLE_TYPES)("a %s sample reaches at least one output", (type) => {
    // Act
    const after = outputsAfter([FACTORIES[type]()]);

    // Assess
    expect(after).not.toEqual(baseline);
  });

  it("records a started environment's INIT CPU time when its runtime said it, and only then", () => {
    // Prepare: two started environments, one whose runtime said INIT's CPU time
    const engine = new MetricsEngine({ responsesComplete: false, outputs: [] });
    const started = { type: "environment", atUs: 10, event: "started" } as const;
    // One in the warm-up, which the run's figures leave out as they do its INIT
    engine.add({ ...started, environmentId: "e0", initDurationMs: 230, initCpuMs: 80 });
    engine.beginPhase("measure");

    // Act
    engine.add({ ...started, environmentId: "e1", initDurationMs: 240, initCpuMs: 90.5 });
    engine.add({ ...started, environmentId: "e2", initDurationMs: 250 });

    // Assess
    expect(engine.platform.init.count).toBe(2);
    expect(engine.platform.initCpu.count).toBe(1);
    expect(engine.platform.initCpu.maxUs).toBeGreaterThanOrEqual(90_000);
    expect(engine.platform.initCpu.maxUs).toBeLessThanOrEqual(91_000);
  });

  it("has a factory for exactly the kinds of the union", () => {
    // Assess
    expect(Object.keys(FACTORIES).sort()).toEqual([...SAMPLE_TYPES].sort());
  });

  it("counts an output that throws instead of breaking the run", () => {
    // Prepare
    const throwing = {
      start() {},
      add() {
        throw new Error("output failed");
      },
      stop() {},
    };
    const engine = new MetricsEngine({ responsesComplete: true, outputs: [throwing] });

    // Act
    engine.flush(1, "measure");

    // Assess
    expect(engine.outputErrors).toBe(1);
  });
});
