// A replay on the local host's cores (fidelity only): handlers slow down and jobs queue once the
// environments and the stack's background work ask for more CPU than the host has.
import { describe, expect, it } from "vitest";
import { deterministic, resolveAsyncParams, runAsync } from "../../src/index.js";
import { evenJobs } from "./even-jobs.js";

const WORK = 0.01; // 10 ms of handler work per message

// 2 environments, a job every `gap` s for 60 s (the first 10 s warm up), with or without a host.
function replay(gap: number, host?: { cores: number; perJob: number }) {
  return runAsync({
    params: resolveAsyncParams({ batchSize: 1, maximumConcurrency: 2, initialEnvironments: 2 }),
    durations: {
      accept: deterministic(0.002),
      hop: deterministic(0.003),
      init: deterministic(0.3),
      handlerPerMessage: deterministic(WORK),
    },
    ...evenJobs(gap),
    drainLimitSeconds: 120,
    ...(host === undefined
      ? {}
      : {
          host: {
            spec: {
              cores: host.cores,
              environmentCores: 1,
              background: [
                { name: "stack", cpuPerJob: host.perJob, cpuPerInvocation: 0, threads: 1 },
              ],
            },
            handlerWork: deterministic(WORK),
          },
        }),
  });
}

const handlerMeanMs = (out: ReturnType<typeof replay>) => out.histograms.handler.mean / 1_000;
const p50Ms = (out: ReturnType<typeof replay>) =>
  out.recorder.latency.getValueAtPercentile(50) / 1_000;

describe("a replay on the local host's cores", () => {
  it("runs handlers at full speed while the host has cores to spare", () => {
    // Act: 20 jobs/s, 10 ms each plus 10 ms of stack work: 0.4 of 2 cores.
    const out = replay(0.05, { cores: 2, perJob: 0.01 });

    // Assess
    expect(handlerMeanMs(out)).toBeCloseTo(10, 0);
    expect(p50Ms(out)).toBeCloseTo(15, 0);
  });

  it("stretches handlers and queues jobs once the host is short of cores", () => {
    // Act: 80 jobs/s, 10 ms of handler and 4 ms of stack work each on one core (1.12 cores).
    const without = replay(0.0125);
    const shared = replay(0.0125, { cores: 1, perJob: 0.004 });

    // Assess: without the host two environments keep up (0.8 of their capacity); on one core
    // the handlers run at a share of it and the backlog grows, yet every job is accounted for.
    expect(handlerMeanMs(without)).toBeCloseTo(10, 0);
    expect(p50Ms(without)).toBeLessThan(40);
    expect(handlerMeanMs(shared)).toBeGreaterThan(15);
    expect(p50Ms(shared)).toBeGreaterThan(1_000);
    const c = shared.recorder.counts;
    expect(c.succeeded + c.failed + c.timeouts + shared.totals.unfinished).toBe(c.scheduled);
  });

  it("runs a cold start's INIT on the host's cores, so cold starts that coincide share them", () => {
    // Prepare: two jobs at once at 20 s meet no environment (the warm-up's one was reaped after
    // its 5 s keep-alive): two INITs of 300 ms of CPU each, then 10 ms of handler work each.
    const twoColdStarts = (cores: number) =>
      runAsync({
        params: resolveAsyncParams({
          batchSize: 1,
          maximumConcurrency: 2,
          initialEnvironments: 0,
          keepAliveSeconds: 5,
        }),
        durations: {
          accept: deterministic(0.002),
          hop: deterministic(0.003),
          init: deterministic(0.3),
          handlerPerMessage: deterministic(WORK),
        },
        ...evenJobs(60),
        schedule: { times: Float64Array.from([0, 20, 20.0001]) },
        drainLimitSeconds: 60,
        host: {
          spec: {
            cores,
            environmentCores: 1,
            background: [{ name: "stack", cpuPerJob: 0.0001, cpuPerInvocation: 0, threads: 1 }],
          },
          handlerWork: deterministic(WORK),
        },
      });

    // Act
    const apart = twoColdStarts(2);
    const shared = twoColdStarts(1);

    // Assess: on two cores each INIT takes its 300 ms; on one they take twice as long together
    const maxMs = (out: ReturnType<typeof twoColdStarts>) => out.recorder.latency.maxValue / 1_000;
    expect(apart.totals.coldStarts).toBe(2);
    expect(shared.totals.coldStarts).toBe(2);
    expect(maxMs(apart)).toBeGreaterThan(310);
    expect(maxMs(apart)).toBeLessThan(330);
    expect(maxMs(shared)).toBeGreaterThan(600);
    expect(maxMs(shared)).toBeLessThan(640);
    // The init histogram holds each INIT's wall time, as a run's does: 300 ms apart, 600 shared
    const initMs = (out: ReturnType<typeof twoColdStarts>) => [
      out.histograms.init.minNonZeroValue / 1_000,
      out.histograms.init.maxValue / 1_000,
    ];
    expect(apart.histograms.init.totalCount).toBe(2);
    for (const v of initMs(apart)) expect(v).toBeCloseTo(300, -1);
    for (const v of initMs(shared)) expect(v).toBeCloseTo(600, -1);
  });
});
