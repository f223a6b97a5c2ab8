import { describe, expect, it } from "vitest";
import { MetricsEngine } from "../../src/metrics/engine.js";
import { JobTracker } from "../../src/run/job-tracker.js";
import type { CollectedResult } from "../../src/stack/index.js";

function result(
  jobId: string,
  receivedAtMs: number,
  over: Partial<CollectedResult> = {},
): CollectedResult {
  return {
    jobId,
    receivedAtMs,
    duplicate: false,
    result: {
      jobId,
      status: "succeeded",
      receiveCount: 1,
      environmentId: "env-1",
      coldStart: false,
      timings: {
        submittedAt: 1_001,
        sentAt: 1_002,
        firstReceivedAt: 1_012,
        handlerStartAt: 1_015,
        handlerEndAt: 1_025,
        handlerCpuMs: 9.5,
        batchEndAt: 1_030,
      },
      analysis: null,
    },
    ...over,
  };
}

describe("JobTracker", () => {
  it("times end-to-end latency from the intended submit time, and the stages from the timings", () => {
    // Prepare
    const tracker = new JobTracker();
    tracker.accept("a", 1_000, "measure");

    const engine = new MetricsEngine({ responsesComplete: false, outputs: [] });

    // Act
    const joined = tracker.result(result("a", 1_050));
    if (joined !== undefined) engine.add({ type: "completed", ...joined });

    // Assess
    expect(joined).toEqual({
      phase: "measure",
      latencyUs: 50_000,
      ok: true,
      stages: {
        inFlightAtAccept: 0,
        enqueueUs: 2_000,
        queueWaitUs: 10_000,
        batchWaitUs: 3_000,
        handlerUs: 10_000,
        resultWaitUs: 25_000,
        handlerCpuUs: 9_500,
        resultDeliveryUs: 20_000,
      },
    });
    const h = engine.jobs;
    expect(h.latency.percentile(50)).toBeCloseTo(50_000, -2);
    // HDR buckets at 3 significant digits: within 0.1 %.
    expect(h.queueWait.percentile(50)).toBeCloseTo(10_000, -2);
    expect(h.batchWait.percentile(50)).toBeCloseTo(3_000, -1);
    expect(h.handler.percentile(50)).toBeCloseTo(10_000, -2);
    expect(h.resultWait.percentile(50)).toBeCloseTo(25_000, -2);
    expect(h.enqueue.percentile(50)).toBeCloseTo(2_000, -1);
    expect(h.handlerCpu.percentile(50)).toBeCloseTo(9_500, -1);
    expect(h.resultDelivery.percentile(50)).toBeCloseTo(20_000, -2);
    // It waited 10 ms in the queue: not one of the calm jobs
    expect(h.enqueueCalm.count).toBe(0);
    expect(h.resultDeliveryCalm.count).toBe(0);
    expect(tracker.unfinished).toBe(0);
  });

  it("keeps the hops of the jobs that met no wait in the queue apart as the calm ones", () => {
    // Prepare: "calm" was received in the millisecond it was sent, "queued" 10 ms later
    const tracker = new JobTracker();
    const engine = new MetricsEngine({ responsesComplete: false, outputs: [] });
    tracker.accept("calm", 1_000, "measure");
    tracker.accept("queued", 1_000, "measure");
    const calm = result("calm", 1_050);
    const calmResult = {
      ...calm,
      result: { ...calm.result, timings: { ...calm.result.timings, firstReceivedAt: 1_003 } },
    };

    // Act
    for (const r of [calmResult, result("queued", 1_050)]) {
      const joined = tracker.result(r);
      if (joined !== undefined) engine.add({ type: "completed", ...joined });
    }

    // Assess: both count in the whole-run hops, only the first in the calm ones
    const h = engine.jobs;
    expect(h.enqueue.count).toBe(2);
    expect(h.enqueueCalm.count).toBe(1);
    expect(h.resultDeliveryCalm.count).toBe(1);
    expect(h.resultDeliveryCalm.percentile(50)).toBeCloseTo(20_000, -2);
  });

  it("groups every phase's analyses by their place in their environment, and keeps the warm ones' times", () => {
    // Prepare: a fresh environment's 1st and 2nd analyses (the first in the warm-up), a warm one's 70th
    const tracker = new JobTracker();
    const engine = new MetricsEngine({ responsesComplete: false, outputs: [] });
    const at = (jobId: string, ordinal: number, cpuMs: number): CollectedResult => {
      const r = result(jobId, 1_050);
      return {
        ...r,
        result: {
          ...r.result,
          analysisOrdinal: ordinal,
          timings: { ...r.result.timings, handlerCpuMs: cpuMs },
        },
      };
    };
    tracker.accept("first", 900, "warmup");
    tracker.accept("second", 1_000, "measure");
    tracker.accept("warm", 1_000, "measure");
    tracker.accept("older", 1_000, "measure");

    // Act
    for (const r of [
      at("first", 1, 70),
      at("second", 2, 40),
      at("warm", 70, 9),
      result("older", 1_050),
    ]) {
      const joined = tracker.result(r);
      if (joined !== undefined) engine.add({ type: "completed", ...joined });
    }

    // Assess: the warm-up's first analysis counts in its group; a result without an ordinal in none
    const groups = engine.jobs.ordinals.result() ?? [];
    expect(groups.map((g) => [g.from, g.to, g.count])).toEqual([
      [1, 1, 1],
      [2, 2, 1],
      [3, 3, 0],
      [4, 4, 0],
      [5, 8, 0],
      [9, 16, 0],
      [17, 32, 0],
      [33, 64, 0],
      [65, null, 1],
    ]);
    expect(groups[0]?.meanHandlerCpuUs).toBeCloseTo(70_000, 6);
    expect(groups[8]?.meanHandlerCpuUs).toBeCloseTo(9_000, 6);
    expect(groups[0]?.meanHandlerUs).toBeCloseTo(10_000, 6);
    expect(engine.jobs.handlerCpuWarm.count).toBe(1);
    // HDR buckets at 3 significant digits: within 0.1 %.
    expect(engine.jobs.handlerCpuWarm.percentile(50)).toBeCloseTo(9_000, -2);
    expect(engine.jobs.handlerWarm.count).toBe(1);
    // The measured CPU histogram still holds every measured analysis, fresh or warm.
    expect(engine.jobs.handlerCpu.count).toBe(3);
  });

  it("groups invocations by their place in their environment, less their records' analyses", () => {
    // Prepare: an environment's 1st invocation (one record, in the warm-up) and a warm one's 80th
    // (two records); REPORT Durations 90 and 30 ms, the runtime's CPU 80 and 20 ms
    const tracker = new JobTracker();
    const engine = new MetricsEngine({ responsesComplete: false, outputs: [] });
    const at = (jobId: string, invocation: number, cpuMs: number): CollectedResult => {
      const r = result(jobId, 1_050); // handler time 10 ms
      return {
        ...r,
        result: {
          ...r.result,
          invocationOrdinal: invocation,
          timings: { ...r.result.timings, handlerCpuMs: cpuMs },
        },
      };
    };
    const invocation = (ordinal: number, durationMs: number, cpuMs: number) =>
      engine.add({
        type: "invocation",
        atUs: 0,
        ok: true,
        cold: ordinal === 1,
        ordinal,
        report: {
          requestId: `r${ordinal}`,
          environmentId: "e",
          durationMs,
          billedDurationMs: Math.ceil(durationMs),
          memorySizeMB: 1769,
          maxMemoryUsedMB: 100,
        },
        cpuMs,
      });
    tracker.accept("cold", 900, "warmup");
    tracker.accept("w1", 1_000, "measure");
    tracker.accept("w2", 1_000, "measure");

    // Act
    for (const r of [at("cold", 1, 60), at("w1", 80, 8), at("w2", 80, 9)]) {
      const joined = tracker.result(r);
      if (joined !== undefined) engine.add({ type: "completed", ...joined });
    }
    invocation(1, 90, 80);
    invocation(80, 30, 20);

    // Assess: overhead = duration - records' handler time; CPU overhead = CPU - records' CPU
    const groups = engine.jobs.invocationOrdinals.result() ?? [];
    expect(groups).toHaveLength(9);
    expect(groups[0]).toMatchObject({ from: 1, to: 1, count: 1 });
    expect(groups[0]?.meanOverheadUs).toBeCloseTo(80_000, 6);
    expect(groups[0]?.meanOverheadCpuUs).toBeCloseTo(20_000, 6);
    expect(groups[8]).toMatchObject({ from: 65, to: null, count: 1 });
    expect(groups[8]?.meanDurationUs).toBeCloseTo(30_000, 6);
    expect(groups[8]?.meanOverheadUs).toBeCloseTo(10_000, 6);
    expect(groups[8]?.meanCpuUs).toBeCloseTo(20_000, 6);
    expect(groups[8]?.meanOverheadCpuUs).toBeCloseTo(3_000, 6);
    expect(groups[1]?.count).toBe(0);
  });

  it("takes a group's CPU from the invocations that said it, and none where no record did", () => {
    // Prepare: two warm invocations, one timed out without the runtime's CPU time; a first one
    // whose record lacks the handler's CPU time
    const tracker = new JobTracker();
    const engine = new MetricsEngine({ responsesComplete: false, outputs: [] });
    tracker.accept("w", 1_000, "measure");
    tracker.accept("c", 1_000, "measure");
    const w = result("w", 1_050); // handler time 10 ms, CPU 9.5 ms
    const c = result("c", 1_050);
    const noCpu = { ...c.result.timings };
    delete noCpu.handlerCpuMs;
    for (const r of [
      { ...w, result: { ...w.result, invocationOrdinal: 70 } },
      { ...c, result: { ...c.result, invocationOrdinal: 1, timings: noCpu } },
    ]) {
      const joined = tracker.result(r);
      if (joined !== undefined) engine.add({ type: "completed", ...joined });
    }
    const report = (durationMs: number) => ({
      requestId: "r",
      environmentId: "e",
      durationMs,
      billedDurationMs: Math.ceil(durationMs),
      memorySizeMB: 1769,
      maxMemoryUsedMB: 100,
    });
    engine.add({
      type: "invocation",
      atUs: 0,
      ok: true,
      cold: false,
      ordinal: 70,
      report: report(20),
      cpuMs: 12,
    });
    engine.add({
      type: "invocation",
      atUs: 0,
      ok: false,
      cold: false,
      ordinal: 71,
      report: report(900),
    });
    engine.add({
      type: "invocation",
      atUs: 0,
      ok: true,
      cold: true,
      ordinal: 1,
      report: report(40),
      cpuMs: 30,
    });

    // Act
    const groups = engine.jobs.invocationOrdinals.result() ?? [];

    // Assess: the warm group's CPU over the one that said it, its records' CPU over both (the
    // timed-out one delivered none); the first group's CPU unknown
    const warm = groups[8];
    expect(warm?.count).toBe(2);
    expect(warm?.meanDurationUs).toBeCloseTo(460_000, 6);
    expect(warm?.meanCpuUs).toBeCloseTo(12_000, 6);
    expect(warm?.meanOverheadCpuUs).toBeCloseTo(12_000 - 9_500 / 2, 6);
    expect(groups[0]?.meanCpuUs).toBeNull();
    expect(groups[0]?.meanOverheadCpuUs).toBeNull();
    expect(groups[0]?.meanOverheadUs).toBeCloseTo(30_000, 6);
  });

  it("has no groups when no result says its ordinal (a handler that does not)", () => {
    const tracker = new JobTracker();
    const engine = new MetricsEngine({ responsesComplete: false, outputs: [] });
    tracker.accept("a", 1_000, "measure");
    const joined = tracker.result(result("a", 1_050));
    if (joined !== undefined) engine.add({ type: "completed", ...joined });
    expect(engine.jobs.ordinals.result()).toBeUndefined();
    expect(engine.jobs.invocationOrdinals.result()).toBeUndefined();
    expect(engine.jobs.handlerWarm.count).toBe(0);
  });

  it("counts no job as calm that was accepted while more than 4 others were unfinished", () => {
    // Prepare: six jobs accepted one after another, none finished: the 6th met 5 in flight
    const tracker = new JobTracker();
    const engine = new MetricsEngine({ responsesComplete: false, outputs: [] });
    const ids = ["a", "b", "c", "d", "e", "f"];
    for (const id of ids) tracker.accept(id, 1_000, "measure");
    const calm = (id: string) => {
      const r = result(id, 1_050);
      return {
        ...r,
        result: { ...r.result, timings: { ...r.result.timings, firstReceivedAt: 1_002 } },
      };
    };

    // Act: all six met no wait in the queue
    const joined = ids.map((id) => tracker.result(calm(id)));
    for (const j of joined) if (j !== undefined) engine.add({ type: "completed", ...j });

    // Assess: the first five are calm (0-4 in flight), the sixth is not
    expect(joined.map((j) => j?.stages.inFlightAtAccept)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(engine.jobs.enqueue.count).toBe(6);
    expect(engine.jobs.enqueueCalm.count).toBe(5);
    expect(engine.jobs.batchWaitCalm.count).toBe(5);
    expect(engine.jobs.resultDeliveryCalm.count).toBe(5);
  });

  it("joins a result that overtook its own 202 response", () => {
    // Prepare
    const tracker = new JobTracker();
    expect(tracker.result(result("early", 1_020))).toBeUndefined();

    // Act
    const joined = tracker.accept("early", 1_000, "measure");

    // Assess
    expect(joined?.latencyUs).toBe(20_000);
    expect(tracker.counts().succeeded).toBe(1);
    expect(tracker.unmatched).toBe(0);
  });

  it("counts duplicates and retries, and keeps warm-up jobs out of the measured figures", () => {
    // Prepare
    const tracker = new JobTracker();
    tracker.accept("w", 900, "warmup");
    tracker.accept("r", 1_000, "measure");

    const engine = new MetricsEngine({ responsesComplete: false, outputs: [] });

    // Act
    const joins = [
      tracker.result(result("w", 950)),
      tracker.result(result("r", 1_100, { result: { ...result("r", 0).result, receiveCount: 2 } })),
      tracker.result(result("r", 1_200, { duplicate: true })),
    ];
    for (const j of joins) if (j !== undefined) engine.add({ type: "completed", ...j });

    // Assess
    expect(tracker.counts()).toEqual({
      accepted: 1,
      succeeded: 1,
      failed: 0,
      duplicates: 1,
      retries: 1,
      warmupDone: 1,
    });
    expect(joins.map((j) => j?.phase)).toEqual(["warmup", "measure", undefined]);
    expect(engine.jobs.latency.count).toBe(1);
  });

  it("reports the oldest unfinished job", () => {
    // Prepare
    const tracker = new JobTracker();
    tracker.accept("a", 1_000, "measure");
    tracker.accept("b", 2_000, "measure");

    // Act
    tracker.result(result("a", 1_500));

    // Assess
    expect(tracker.unfinished).toBe(1);
    expect(tracker.oldestUnfinishedMs()).toBe(2_000);
  });
  it("counts a failed result as failed, by code and job id, outside the success histograms", () => {
    const tracker = new JobTracker();
    tracker.accept("big", 1_000, "measure");
    tracker.accept("ok", 1_000, "measure");
    const failed = result("big", 1_040);
    const engine = new MetricsEngine({ responsesComplete: false, outputs: [] });
    const joins = [
      tracker.result({
        ...failed,
        result: {
          ...failed.result,
          status: "failed",
          error: { code: "QS_RESULT_TOO_LARGE", message: "too big" },
        },
      }),
      tracker.result(result("ok", 1_050)),
    ];
    for (const j of joins) if (j !== undefined) engine.add({ type: "completed", ...j });

    expect(tracker.counts()).toMatchObject({ accepted: 2, succeeded: 1, failed: 1 });
    expect(joins.map((j) => j?.ok)).toEqual([false, true]);
    expect(engine.jobs.handler.count).toBe(1);
    expect([...tracker.failures()]).toEqual([
      ["QS_RESULT_TOO_LARGE", { count: 1, jobIds: ["big"] }],
    ]);
    expect(tracker.unfinished).toBe(0);
  });
});
