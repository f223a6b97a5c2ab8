import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createHttpSender,
  createWorkloadMix,
  FakeClock,
  LoadError,
  runClosedLoop,
  runClosedModel,
  type Send,
} from "../../src/load/index.js";
import { IntervalRecorder } from "../../src/metrics/index.js";
import { startTarget, type TestTarget } from "./helpers/target-server.js";

describe("closed model (autocannon)", () => {
  let target: TestTarget;

  beforeAll(async () => {
    target = await startTarget();
  });

  afterAll(async () => {
    await target?.close();
  });

  it("returns throughput and a microsecond histogram with one sample per response", async () => {
    const result = await runClosedModel({
      url: `${target.url}/v1/analyze`,
      connections: 2,
      durationSeconds: 1,
      body: "{}",
    });

    const responses = Object.values(result.statusCodes).reduce((a, b) => a + b, 0);
    expect(result.requests).toBeGreaterThan(0);
    expect(result.latency.count).toBe(responses);
    expect(result.statusCodes).toEqual({ "200": responses });
    expect(result.autocannonLatency).toMatchObject({ unit: "ms", source: "autocannon" });
    expect(result.throughput).toBeCloseTo(result.requests / result.durationSeconds, 6);
  });

  it("rejects unbounded or remote runs before starting", async () => {
    await expect(
      runClosedModel({ url: target.url, connections: 1, durationSeconds: 0 }),
    ).rejects.toThrow(LoadError);
    await expect(
      runClosedModel({ url: "http://192.0.2.1/", connections: 1, durationSeconds: 1 }),
    ).rejects.toThrow(/non-loopback/);
  });
});

describe("closed loop (our undici sender)", () => {
  it("keeps one request per connection in flight and stops at the duration", async () => {
    const clock = new FakeClock();
    const recorder = new IntervalRecorder();
    let inFlight = 0;
    let maxInFlight = 0;
    const send: Send = async () => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await clock.sleepUs(10_000);
      inFlight -= 1;
      return { kind: "response", status: 200 };
    };

    const result = await runClosedLoop({
      send,
      connections: 4,
      durationUs: 1_000_000,
      clock,
      onSample: recorder.add,
    });
    const run = recorder.finish();

    // 4 connections x (1 s / 10 ms) = 400 requests, each timed at exactly 10 ms.
    expect(result).toMatchObject({ sent: 400, completed: 400, unsent: 0 });
    expect(result.throughput).toBeCloseTo(400, 6);
    expect(maxInFlight).toBe(4);
    expect(run.serviceTime.minUs).toBe(10_000);
    expect(run.serviceTime.maxUs).toBeLessThanOrEqual(10_010);
  });

  it("drives a real target through the HTTP sender", async () => {
    const target = await startTarget();
    const sender = createHttpSender({
      url: `${target.url}/v1/analyze`,
      connections: 2,
      body: () => "{}",
    });
    try {
      const recorder = new IntervalRecorder();

      const result = await runClosedLoop({
        send: sender.send,
        connections: 2,
        durationUs: 500_000,
        onSample: recorder.add,
      });

      expect(result.completed).toBeGreaterThan(0);
      expect(recorder.finish().counters.statusCodes).toEqual({ "200": result.completed });
    } finally {
      await sender.close();
      await target.close();
    }
  });
});

describe("workload mix", () => {
  it("chooses by (seed, arrival index): reproducible and close to the weights", () => {
    const entries = [
      { name: "light", weight: 3, body: { size: 10 } },
      { name: "heavy", weight: 1, body: { size: 1000 } },
    ];
    const a = createWorkloadMix(entries, 7);
    const b = createWorkloadMix(entries, 7);
    const arrivals = Array.from({ length: 10_000 }, (_, index) => ({ index, intendedUs: index }));

    const names = arrivals.map((x) => a.entryFor(x).name);

    expect(arrivals.map((x) => b.bodyFor(x))).toEqual(arrivals.map((x) => a.bodyFor(x)));
    const heavy = names.filter((n) => n === "heavy").length;
    // Expected 2,500 (sd ~43): a 10-sd band.
    expect(Math.abs(heavy - 2_500)).toBeLessThan(430);
    expect(a.bodyFor({ index: names.indexOf("heavy"), intendedUs: 0 })).toBe('{"size":1000}');
    expect(() => createWorkloadMix([{ name: "x", weight: 0, body: {} }])).toThrow(LoadError);
  });
});
