import { describe, expect, it } from "vitest";
import {
  type Arrival,
  createSchedule,
  LoadError,
  type ScheduleSpec,
  validateScheduleSpec,
} from "../../src/load/index.js";

const all = (spec: ScheduleSpec): Arrival[] => [...createSchedule(spec)];

describe("schedules", () => {
  it("constant-arrival-rate: exact count, even spacing, all inside the duration", () => {
    const arrivals = all({ executor: "constant-arrival-rate", rate: 100, duration: 10 });

    expect(arrivals).toHaveLength(1_000);
    expect(arrivals[0]).toEqual({ index: 0, intendedUs: 0 });
    expect(arrivals[1]?.intendedUs).toBe(10_000);
    expect(arrivals[999]?.intendedUs).toBe(9_990_000);
  });

  it("rounds a fractional integral up: 3/s for 1.5 s asks for 4.5, so 5 arrivals", () => {
    const arrivals = all({ executor: "constant-arrival-rate", rate: 3, duration: 1.5 });

    expect(arrivals.map((a) => a.intendedUs)).toEqual([0, 333_333, 666_667, 1_000_000, 1_333_333]);
  });

  it("ramping-arrival-rate: integrates the linear ramps exactly", () => {
    const spec: ScheduleSpec = {
      executor: "ramping-arrival-rate",
      startRate: 0,
      stages: [
        { target: 100, duration: 10 },
        { target: 100, duration: 20 },
        { target: 0, duration: 10 },
      ],
    };

    const arrivals = all(spec);

    // Areas: 0->100 over 10 s = 500; 100 for 20 s = 2000; 100->0 over 10 s = 500.
    expect(arrivals).toHaveLength(3_000);
    expect(arrivals.filter((a) => a.intendedUs < 10_000_000)).toHaveLength(500);
    expect(arrivals.filter((a) => a.intendedUs >= 30_000_000)).toHaveLength(500);
    // On the first ramp N(t) = 5 t^2, so arrival 125 is at t = 5 s.
    expect(arrivals[125]?.intendedUs).toBe(5_000_000);
    expect(createSchedule(spec).expectedArrivals).toBe(3_000);
    for (let i = 1; i < arrivals.length; i += 1) {
      expect(arrivals[i]?.intendedUs).toBeGreaterThan(arrivals[i - 1]?.intendedUs ?? -1);
    }
  });

  it("spike: base rate around a spike window", () => {
    const arrivals = all({
      executor: "spike",
      baseRate: 10,
      spikeRate: 200,
      spikeStart: 5,
      spikeDuration: 2,
      duration: 20,
    });

    expect(arrivals).toHaveLength(10 * 18 + 200 * 2);
    const inSpike = arrivals.filter((a) => a.intendedUs >= 5_000_000 && a.intendedUs < 7_000_000);
    expect(inSpike).toHaveLength(400);
  });

  it("spike: repeated spikes every spikeEvery seconds, the base rate between and after them", () => {
    const spec: ScheduleSpec = {
      executor: "spike",
      baseRate: 10,
      spikeRate: 100,
      spikeStart: 5,
      spikeDuration: 2,
      spikeCount: 3,
      spikeEvery: 10,
      duration: 30,
    };
    const schedule = createSchedule(spec);
    const arrivals = [...schedule];
    const between = (from: number, to: number) =>
      arrivals.filter((a) => a.intendedUs >= from * 1e6 && a.intendedUs < to * 1e6).length;

    // Spikes at [5, 7), [15, 17), [25, 27): 6 s at 100/s, 24 s at 10/s.
    expect(arrivals).toHaveLength(100 * 6 + 10 * 24);
    for (const start of [5, 15, 25]) expect(between(start, start + 2)).toBe(200);
    expect(between(7, 15)).toBe(80);
    expect(between(27, 30)).toBe(30);
    expect(schedule.rateAt(16_000_000)).toBe(100);
    expect(schedule.rateAt(20_000_000)).toBe(10);
    expect(schedule.describe()).toBe(
      "spike: 10/s, 100/s from 5 s for 2 s, 3 times every 10 s, 30 s total (840 even arrivals)",
    );
  });

  it("spike validation: a count needs spikeEvery, spikes may not overlap or outlast duration", () => {
    const base = {
      executor: "spike",
      baseRate: 10,
      spikeRate: 100,
      spikeStart: 5,
      spikeDuration: 2,
      duration: 30,
    };
    const paths = (extra: object) =>
      validateScheduleSpec({ ...base, ...extra }).map((i) => `${i.path}: ${i.message}`);

    expect(paths({ spikeCount: 3 })).toEqual([
      "spikeEvery: is needed when spikeCount is more than 1",
    ]);
    expect(paths({ spikeCount: 3, spikeEvery: 1 })).toEqual([
      "spikeEvery: must be at least spikeDuration (spikes do not overlap)",
    ]);
    expect(paths({ spikeCount: 3, spikeEvery: 13 })).toEqual([
      "spikeEvery: the last of 3 spikes ends at 33 s, after `duration` (30 s)",
    ]);
    expect(paths({ spikeCount: 3, spikeEvery: -1 })).toEqual([
      "spikeEvery: must be a number between 0 and 86,400",
    ]);
    expect(paths({ spikeEvery: 10 })).toEqual([
      "spikeEvery: needs a spikeCount of more than 1 beside it",
    ]);
    expect(paths({ spikeCount: 1, spikeEvery: 10 })).toEqual([]);
    expect(paths({ spikeCount: 0.5, spikeEvery: 10 })).toEqual([
      "spikeCount: must be an integer between 1 and 1,000",
    ]);
    expect(paths({ spikeCount: 3, spikeEvery: 11.5 })).toEqual([]); // the last ends at 30 s
  });

  it("poisson arrivals are reproducible from the seed and close to the expected count", () => {
    const spec: ScheduleSpec = {
      executor: "constant-arrival-rate",
      rate: 1_000,
      duration: 10,
      arrivals: "poisson",
      seed: 42,
    };

    const a = all(spec);
    const b = all(spec);
    const c = all({ ...spec, seed: 43 });

    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    // Poisson count: mean 10,000, sd 100; 5 sd is a wide, deterministic-seed-safe band.
    expect(Math.abs(a.length - 10_000)).toBeLessThan(500);
  });

  it("is lazy: a 24 h schedule at 100,000/s yields its first arrivals at once", () => {
    const schedule = createSchedule({
      executor: "constant-arrival-rate",
      rate: 100_000,
      duration: 86_400,
    });

    const first: Arrival[] = [];
    for (const a of schedule) {
      first.push(a);
      if (first.length === 3) break;
    }

    expect(schedule.expectedArrivals).toBe(8_640_000_000);
    expect(first.map((a) => a.intendedUs)).toEqual([0, 10, 20]);
  });

  it("reports the intended rate over time and describes itself in one line", () => {
    const schedule = createSchedule({
      executor: "ramping-arrival-rate",
      startRate: 10,
      stages: [{ target: 30, duration: 4 }],
    });

    expect(schedule.rateAt(2_000_000)).toBe(20);
    expect(schedule.describe()).toBe(
      "ramping-arrival-rate: from 10/s, 30/s over 4 s (80 even arrivals)",
    );
  });

  it("validation returns every problem, including unknown fields", () => {
    const issues = validateScheduleSpec({
      executor: "spike",
      baseRate: -1,
      spikeRate: 10,
      spikeStart: 8,
      spikeDuration: 5,
      duration: 10,
      colour: "red",
    });

    expect(issues.map((i) => i.path).sort()).toEqual(["baseRate", "colour", "spikeDuration"]);
  });

  it("createSchedule throws a typed error with a stable code", () => {
    const bad = { executor: "constant-arrival-rate", rate: 5, duration: 0 } as const;

    expect(() => createSchedule(bad)).toThrow(LoadError);
    try {
      createSchedule(bad);
    } catch (err) {
      expect((err as LoadError).code).toBe("QS_LOAD_INVALID_SCHEDULE");
      expect((err as LoadError).issues[0]?.path).toBe("duration");
    }
  });
});
