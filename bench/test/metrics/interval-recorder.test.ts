import { describe, expect, it } from "vitest";
import {
  IntervalRecorder,
  type IntervalRow,
  MetricsError,
  mergeHistograms,
} from "../../src/metrics/index.js";

const S = 1_000_000; // 1 s in us

describe("IntervalRecorder", () => {
  it("emits one compact row per second with counts, percentiles, errors and gauges", () => {
    const emitted: IntervalRow[] = [];
    const recorder = new IntervalRecorder({ onRow: (row) => emitted.push(row) });

    for (let i = 0; i < 100; i += 1) {
      recorder.add({ type: "sent", atUs: i * 10_000, lagUs: 0 });
      recorder.add({
        type: "response",
        atUs: i * 10_000 + 1,
        latencyUs: (i + 1) * 100,
        serviceUs: 50,
        status: 200,
      });
    }
    recorder.add({ type: "gauge", atUs: 500_000, name: "queueDepth", value: 7 });
    recorder.add({ type: "gauge", atUs: 600_000, name: "queueDepth", value: 3 });
    recorder.add({ type: "missed", atUs: 1.2 * S, reason: "max-in-flight" });
    recorder.add({ type: "response", atUs: 1.5 * S, latencyUs: 9_000, serviceUs: 10, status: 503 });
    recorder.add({ type: "error", atUs: 1.6 * S, latencyUs: 10, kind: "ECONNRESET" });
    recorder.add({ type: "timeout", atUs: 1.7 * S, latencyUs: 10 * S });
    const run = recorder.finish();

    expect(emitted).toEqual(run.rows);
    expect(run.rows).toHaveLength(2);
    const [first, second] = run.rows as [IntervalRow, IntervalRow];
    expect(first).toMatchObject({
      startUs: 0,
      offered: 100,
      sent: 100,
      missed: 0,
      count: 100,
      errors: 0,
    });
    // HDR precision is 3 significant digits: values are bucket tops, within 0.1 %.
    for (const [actual, expected] of [
      [first.p50Us, 5_000],
      [first.p99Us, 9_900],
      [first.maxUs, 10_000],
    ] as const) {
      expect(Math.abs(actual - expected)).toBeLessThanOrEqual(expected * 0.001);
    }
    expect(first.gauges.queueDepth).toEqual({ last: 3, max: 7 });
    expect(second).toMatchObject({
      startUs: S,
      offered: 1,
      missed: 1,
      count: 1,
      errors: 2,
      timeouts: 1,
    });
    // The gauge still holds its last value in the next interval.
    expect(second.gauges.queueDepth).toEqual({ last: 3, max: 3 });
    expect(run.counters).toMatchObject({
      sent: 100,
      responses: 101,
      errors: 2,
      timeouts: 1,
      missed: 1,
      missedByReason: { "max-in-flight": 1 },
      statusCodes: { "200": 100, "503": 1 },
      transportErrors: { ECONNRESET: 1 },
    });
    expect(run.latency.count).toBe(101);
    expect(run.serviceTime.percentile(50)).toBe(50);
  });

  it("emits empty rows for quiet intervals and on tick, so the series has no holes", () => {
    const recorder = new IntervalRecorder({ intervalUs: 100_000 });

    recorder.add({
      type: "response",
      atUs: 50_000,
      latencyUs: 1_000,
      serviceUs: 1_000,
      status: 200,
    });
    recorder.tick(450_000);
    recorder.add({
      type: "response",
      atUs: 460_000,
      latencyUs: 2_000,
      serviceUs: 2_000,
      status: 200,
    });
    const run = recorder.finish();

    expect(run.rows.map((r) => [r.startUs, r.count])).toEqual([
      [0, 1],
      [100_000, 0],
      [200_000, 0],
      [300_000, 0],
      [400_000, 1],
    ]);
  });

  it("can keep interval histograms whose merge equals the whole-run histogram", () => {
    const recorder = new IntervalRecorder({ keepIntervalHistograms: true });

    for (let i = 0; i < 3_000; i += 1) {
      recorder.add({
        type: "response",
        atUs: i * 1_000,
        latencyUs: 100 + (i % 977),
        serviceUs: 1,
        status: 200,
      });
    }
    const run = recorder.finish();

    const merged = mergeHistograms(run.rows.map((r) => r.histogram ?? ""));
    expect(run.rows).toHaveLength(3);
    expect(merged.count).toBe(run.latency.count);
    expect(merged.percentile(99)).toBe(run.latency.percentile(99));
  });

  it("never lets a failing output break recording; it counts the failure", () => {
    const recorder = new IntervalRecorder({
      onRow: () => {
        throw new Error("disk full");
      },
    });

    recorder.add({ type: "response", atUs: 0, latencyUs: 5, serviceUs: 5, status: 200 });
    recorder.add({ type: "response", atUs: 2 * S, latencyUs: 5, serviceUs: 5, status: 200 });
    const run = recorder.finish();

    expect(run.outputErrors).toBe(3);
    expect(run.latency.count).toBe(2);
  });

  it("keeps the target's own time only for responses that stated it", () => {
    const recorder = new IntervalRecorder();
    recorder.add({ type: "response", atUs: 1, latencyUs: 900, serviceUs: 800, status: 200 });
    recorder.add({
      type: "response",
      atUs: 2,
      latencyUs: 900,
      serviceUs: 800,
      inWorkerUs: 300,
      status: 200,
    });
    const run = recorder.finish();
    expect(run.serviceTime.count).toBe(2);
    expect(run.serviceInWorker.count).toBe(1);
    expect(run.serviceInWorker.percentile(50)).toBeCloseTo(300, -1);
  });

  it("rejects an interval below 1 ms", () => {
    expect(() => new IntervalRecorder({ intervalUs: 10 })).toThrow(MetricsError);
  });
});
