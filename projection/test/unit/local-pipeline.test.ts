// The local pipeline's stages in design B: per-invocation overhead holds the environment and
// the mapping's slot; the result hop delays a job's end but frees nothing.
import { describe, expect, it } from "vitest";
import { deterministic, resolveAsyncParams, runAsync } from "../../src/index.js";
import { evenJobs } from "./even-jobs.js";

// One environment and one slot; a job every `gap` s for 60 s (the first 10 s warm up).
function oneSlot(gap: number, stages: { overhead?: number; resultHop?: number }) {
  return runAsync({
    params: resolveAsyncParams({
      batchSize: 1,
      maximumConcurrency: 2,
      initialEnvironments: 1,
      accountConcurrency: 1,
    }),
    durations: {
      accept: deterministic(0.002),
      hop: deterministic(0.003),
      init: deterministic(0.3),
      handlerPerMessage: deterministic(0.01),
      ...(stages.overhead === undefined
        ? {}
        : { invocationOverhead: deterministic(stages.overhead) }),
      ...(stages.resultHop === undefined ? {} : { resultHop: deterministic(stages.resultHop) }),
    },
    ...evenJobs(gap),
    drainLimitSeconds: 60,
  });
}

const p50Ms = (out: ReturnType<typeof oneSlot>) =>
  out.recorder.latency.getValueAtPercentile(50) / 1_000;

describe("the local pipeline's stages in design B", () => {
  it("ends a job after its result hop, and bills the overhead with the handler", () => {
    // Act: a job every 50 ms, far apart enough that nothing queues.
    const plain = oneSlot(0.05, {});
    const staged = oneSlot(0.05, { overhead: 0.01, resultHop: 0.005 });

    // Assess: accept 2 + hop 3 + handler 10 ms, then the 5 ms result hop.
    expect(p50Ms(plain)).toBeCloseTo(15, 0);
    expect(p50Ms(staged)).toBeCloseTo(20, 0);
    expect(staged.recorder.counts.succeeded).toBe(1_000);
    expect(plain.totals.billedMs / plain.totals.invocations).toBe(10);
    expect(staged.totals.billedMs / staged.totals.invocations).toBe(20);
  });

  it("keeps the environment and the slot busy through the overhead, so jobs queue behind it", () => {
    // Act: a job every 15 ms; the environment needs 10 ms without overhead and 20 ms with it.
    const plain = oneSlot(0.015, {});
    const staged = oneSlot(0.015, { overhead: 0.01 });

    // Assess: without it nothing waits; with it one environment (the account's limit of 1)
    // cannot keep up, the backlog grows, and every job still ends in exactly one outcome.
    expect(plain.totals.throttles).toBe(0);
    expect(p50Ms(plain)).toBeLessThan(20);
    expect(p50Ms(staged)).toBeGreaterThan(1_000);
    const c = staged.recorder.counts;
    expect(c.succeeded + c.failed + c.timeouts + staged.totals.unfinished).toBe(c.scheduled);
  });
});
