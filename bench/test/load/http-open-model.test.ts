import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createHttpSender,
  createSchedule,
  createWorkloadMix,
  type HttpSender,
  LoadError,
  runOpenModel,
} from "../../src/load/index.js";
import { IntervalRecorder } from "../../src/metrics/index.js";
import { startTarget, type TestTarget } from "./helpers/target-server.js";

// Real sockets on 127.0.0.1: the runner, the undici sender and node:http targets.
// The box is 2 shared cores, so generator-lag misses are tolerated up to 2 s here (late sends
// are still timed from their intended time); these tests are about the target's behaviour.
const LAG_TOLERANT = 2_000_000;

describe("open model over HTTP", () => {
  let fast: TestTarget;
  let slow: TestTarget;
  const senders: HttpSender[] = [];

  beforeAll(async () => {
    [fast, slow] = await Promise.all([startTarget(), startTarget({ delayMs: 200 })]);
  });

  afterAll(async () => {
    await Promise.all(senders.map((s) => s.close()));
    await Promise.all([fast?.close(), slow?.close()]);
  });

  const sender = (options: Parameters<typeof createHttpSender>[0]) => {
    const s = createHttpSender(options);
    senders.push(s);
    return s;
  };

  it("achieves the scheduled rate within 1 % against a fast target", async () => {
    const recorder = new IntervalRecorder();
    const { send } = sender({ url: `${fast.url}/v1/analyze`, body: () => "{}" });
    const schedule = createSchedule({ executor: "constant-arrival-rate", rate: 500, duration: 4 });

    const result = await runOpenModel({
      schedule,
      send,
      onSample: recorder.add,
      lagThresholdUs: LAG_TOLERANT,
    });
    const run = recorder.finish();

    expect(result.sent).toBe(2_000);
    expect(result.missed).toEqual({ "max-in-flight": 0, "generator-lag": 0 });
    expect(Math.abs(result.achievedRate - 500) / 500).toBeLessThan(0.01);
    expect(run.counters.statusCodes).toEqual({ "200": 2_000 });
    expect(fast.requests()).toBeGreaterThanOrEqual(2_000);
    // Rows count sends when they happened, so a starved generator shifts a few across a
    // second boundary; together they hold every arrival.
    expect(run.rows.reduce((sum, r) => sum + r.offered, 0)).toBe(2_000);
  }, 20_000);

  it("counts missed arrivals when the target cannot keep up with maxInFlight 2", async () => {
    const recorder = new IntervalRecorder();
    const { send } = sender({ url: `${slow.url}/v1/analyze`, body: () => "{}" });
    const schedule = createSchedule({ executor: "constant-arrival-rate", rate: 50, duration: 2 });

    const result = await runOpenModel({
      schedule,
      send,
      maxInFlight: 2,
      onSample: recorder.add,
      lagThresholdUs: LAG_TOLERANT,
    });
    const run = recorder.finish();

    // 200 ms per request, 2 at a time: ~10 of 50 arrivals per second can be sent.
    expect(result.offered).toBe(100);
    expect(result.sent + result.missed["max-in-flight"] + result.missed["generator-lag"]).toBe(100);
    expect(result.missed["max-in-flight"]).toBeGreaterThanOrEqual(60);
    expect(run.counters.missedByReason["max-in-flight"]).toBe(result.missed["max-in-flight"]);
    // Every latency includes the 200 ms service time. The bound allows for two documented
    // inexactnesses (observed once: 199,552 us): Node's timers have 1 ms granularity and may fire
    // up to 1 ms early against performance.now(), and HDR reports a bucket's lowest equivalent
    // value, up to 0.1 % (200 us) below the recorded one. A latency without the service time
    // would be ~1 ms, so the check still fails if the delay were missing.
    expect(run.latency.minUs).toBeGreaterThanOrEqual(200_000 - 1_000 - 200);
  }, 20_000);

  it("hands each response body to the hook (the async side reads job ids this way)", async () => {
    const ids: number[] = [];
    const mix = createWorkloadMix([
      { name: "light", weight: 3, body: { dataset: { kind: "synthetic", size: 10, seed: 1 } } },
      { name: "heavy", weight: 1, body: { dataset: { kind: "synthetic", size: 1000, seed: 2 } } },
    ]);
    const { send } = sender({
      url: `${fast.url}/v1/jobs`,
      body: mix.bodyFor,
      onResponse: ({ body }) => ids.push((JSON.parse(body) as { id: number }).id),
    });
    const schedule = createSchedule({ executor: "constant-arrival-rate", rate: 100, duration: 1 });

    const result = await runOpenModel({
      schedule,
      send,
      onSample: () => {},
      lagThresholdUs: LAG_TOLERANT,
    });

    expect(result.completed).toBe(100);
    expect(new Set(ids).size).toBe(100);
  });

  it("reports sender timeouts and grace-period leftovers as timeouts", async () => {
    const recorder = new IntervalRecorder();
    const { send } = sender({ url: `${slow.url}/v1/analyze`, body: () => "{}", timeoutMs: 50 });
    const schedule = createSchedule({ executor: "constant-arrival-rate", rate: 20, duration: 0.5 });

    const result = await runOpenModel({
      schedule,
      send,
      onSample: recorder.add,
      lagThresholdUs: LAG_TOLERANT,
    });
    const run = recorder.finish();

    expect(result.sent).toBe(10);
    expect(run.counters.timeouts).toBe(10);
    expect(run.latency.count).toBe(0);
  });

  it("refuses non-loopback targets unless explicitly allowed", () => {
    expect(() => createHttpSender({ url: "http://10.1.2.3:8080/v1/analyze" })).toThrow(LoadError);
    expect(() => createHttpSender({ url: "http://10.1.2.3:8080/", connections: 0 })).toThrow(
      /connections/,
    );
  });
});
