import { describe, expect, it } from "vitest";
import {
  createSchedule,
  FakeClock,
  LoadError,
  runOpenModel,
  type Send,
  type SendOutcome,
} from "../../src/load/index.js";
import { IntervalRecorder, type Sample } from "../../src/metrics/index.js";

// Pure runner logic in virtual time: a fake clock and a fake target, no sockets, no sleeping.

function fakeTarget(clock: FakeClock, serviceUs: (index: number) => number): Send {
  return async (arrival) => {
    await clock.sleepUs(serviceUs(arrival.index));
    return { kind: "response", status: 200 } satisfies SendOutcome;
  };
}

describe("runOpenModel (virtual time)", () => {
  it("sends every arrival on time and measures latency from the intended time", async () => {
    const clock = new FakeClock();
    const recorder = new IntervalRecorder();
    const schedule = createSchedule({ executor: "constant-arrival-rate", rate: 100, duration: 2 });

    const result = await runOpenModel({
      schedule,
      send: fakeTarget(clock, () => 5_000),
      clock,
      onSample: recorder.add,
    });
    const run = recorder.finish();

    expect(result).toMatchObject({
      offered: 200,
      sent: 200,
      completed: 200,
      abandoned: 0,
      maxLagUs: 0,
    });
    expect(result.missed).toEqual({ "max-in-flight": 0, "generator-lag": 0 });
    expect(result.achievedRate).toBeCloseTo(100, 6);
    expect(run.latency.minUs).toBe(5_000);
    expect(run.latency.percentile(100)).toBeLessThanOrEqual(5_005);
    expect(run.rows.map((r) => r.offered)).toEqual([100, 100]);
  });

  it("charges a stall to every arrival it delays, not only to the one in flight", async () => {
    const clock = new FakeClock();
    const recorder = new IntervalRecorder();
    const schedule = createSchedule({ executor: "constant-arrival-rate", rate: 100, duration: 10 });
    // The target answers in 1 ms, but everything arriving in [3 s, 4 s) waits until 4 s.
    const send: Send = async (arrival) => {
      const t = arrival.intendedUs;
      const wait = t >= 3_000_000 && t < 4_000_000 ? 4_000_000 - t : 1_000;
      await clock.sleepUs(wait);
      return { kind: "response", status: 200 };
    };

    await runOpenModel({ schedule, send, clock, onSample: recorder.add });
    const run = recorder.finish();

    // 100 of 1000 requests wait 10 ms..1000 ms: p99 is the 990th value = 900 ms, p90 stays 1 ms.
    expect(run.latency.percentile(99)).toBeGreaterThanOrEqual(899_000);
    expect(run.latency.percentile(99)).toBeLessThanOrEqual(901_000);
    expect(run.latency.percentile(90)).toBeLessThanOrEqual(1_001);
  });

  it("counts arrivals that find the in-flight cap reached as missed, never silently", async () => {
    const clock = new FakeClock();
    const samples: Sample[] = [];
    const schedule = createSchedule({ executor: "constant-arrival-rate", rate: 100, duration: 1 });

    const result = await runOpenModel({
      schedule,
      send: fakeTarget(clock, () => 100_000),
      maxInFlight: 2,
      clock,
      onSample: (s) => samples.push(s),
    });

    // Each 100 ms window: 2 sends fill the cap, the next 8 arrivals are missed.
    expect(result.sent).toBe(20);
    expect(result.missed["max-in-flight"]).toBe(80);
    expect(result.sent + result.missed["max-in-flight"]).toBe(result.offered);
    expect(samples.filter((s) => s.type === "missed")).toHaveLength(80);
  });

  it("counts arrivals as missed when the generator itself falls too far behind", async () => {
    const clock = new FakeClock();
    const schedule = createSchedule({
      executor: "constant-arrival-rate",
      rate: 1_000,
      duration: 1,
    });
    // Arrival 100 blocks the generator for 300 ms (a stand-in for a long GC pause).
    const send: Send = async (arrival) => {
      if (arrival.index === 100) clock.advanceUs(300_000);
      return { kind: "response", status: 200 };
    };

    const result = await runOpenModel({
      schedule,
      send,
      clock,
      lagThresholdUs: 100_000,
      onSample: () => {},
    });

    // The generator wakes at 400 ms: arrivals due at 101..299 ms are more than 100 ms late and
    // missed (199); the one due at 300 ms is exactly 100 ms late and is still sent, late.
    expect(result.missed["generator-lag"]).toBe(199);
    expect(result.sent).toBe(801);
    expect(result.lateSends).toBeGreaterThan(0);
  });

  it("stops after the schedule plus grace and reports what is still in flight as timeouts", async () => {
    const clock = new FakeClock();
    const samples: Sample[] = [];
    const schedule = createSchedule({ executor: "constant-arrival-rate", rate: 10, duration: 1 });
    const send: Send = (_arrival, { signal }) =>
      new Promise((resolve) =>
        signal.addEventListener("abort", () => resolve({ kind: "timeout" })),
      );

    const result = await runOpenModel({
      schedule,
      send,
      clock,
      graceUs: 500_000,
      onSample: (s) => samples.push(s),
    });

    expect(result).toMatchObject({ sent: 10, completed: 0, abandoned: 10 });
    const timeouts = samples.filter((s) => s.type === "timeout");
    expect(timeouts).toHaveLength(10);
    // The first arrival (t = 0) waited until 0.9 s + 0.5 s grace.
    expect(Math.max(...timeouts.map((t) => t.latencyUs))).toBe(1_400_000);
    expect(clock.nowUs()).toBe(1_400_000);
  });

  it("on abort, reports the arrivals it never reached", async () => {
    const clock = new FakeClock();
    const controller = new AbortController();
    const schedule = createSchedule({ executor: "constant-arrival-rate", rate: 100, duration: 10 });
    const send: Send = async (arrival) => {
      if (arrival.index === 249) controller.abort();
      return { kind: "response", status: 200 };
    };

    const result = await runOpenModel({
      schedule,
      send,
      clock,
      signal: controller.signal,
      onSample: () => {},
    });

    expect(result).toMatchObject({ aborted: true, offered: 250, sent: 250, notOffered: 750 });
  });

  it("turns a throwing sender into error samples and rejects bad options", async () => {
    const clock = new FakeClock();
    const samples: Sample[] = [];
    const schedule = createSchedule({ executor: "constant-arrival-rate", rate: 10, duration: 1 });
    const send: Send = () => {
      throw Object.assign(new Error("boom"), { code: "EBOOM" });
    };

    await runOpenModel({ schedule, send, clock, onSample: (s) => samples.push(s) });

    expect(samples.filter((s) => s.type === "error" && s.kind === "EBOOM")).toHaveLength(10);
    await expect(
      runOpenModel({ schedule, send, clock, maxInFlight: 0, onSample: () => {} }),
    ).rejects.toThrow(LoadError);
  });
});
