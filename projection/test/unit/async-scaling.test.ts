import {
  ASYNC_SERIES_COLUMNS,
  COMMON_SERIES_COLUMNS,
  PROJECTION_SERIES_COLUMNS,
} from "@queueshift/shared-model";
import { describe, expect, it } from "vitest";
import {
  type AsyncParams,
  AWS_HOP_LATENCY,
  deterministic,
  resolveAsyncParams,
  runAsync,
} from "../../src/index.js";
import { between, column } from "./series.js";

const COLUMNS = [...COMMON_SERIES_COLUMNS, ...ASYNC_SERIES_COLUMNS, ...PROJECTION_SERIES_COLUMNS];

// Minute 0 is quiet (so the mapping starts cold at its floor), then a backlog no fleet can
// drain: 2,000 jobs/s of 2 s each need 4,000 concurrent batches of one.
function sustainedBacklog(overrides: Partial<AsyncParams>, minutes = 6) {
  const rates = new Float64Array(minutes + 1).fill(2_000);
  rates[0] = 0;
  return runAsync({
    params: resolveAsyncParams({
      batchSize: 1,
      functionTimeoutSeconds: 30,
      visibilityTimeoutSeconds: 900,
      ...overrides,
    }),
    durations: {
      accept: deterministic(0.01),
      hop: AWS_HOP_LATENCY,
      init: deterministic(0.3),
      handlerPerMessage: deterministic(2),
    },
    minuteRates: rates,
    window: { start: 60, end: (minutes + 1) * 60 },
    intervalSeconds: 1,
    seed: 7,
    columns: COLUMNS,
    drainLimitSeconds: 0,
  });
}

// Provisioned pollers with room to grow and no account limit in the way.
const PROVISIONED = {
  mode: "provisioned",
  maximumPollers: 2_000,
  accountConcurrency: 100_000,
} as const;

/** The mapping's concurrent batches in the 1 s row ending at `s`. */
function slotsAt(out: ReturnType<typeof sustainedBacklog>, s: number): number {
  return between(out.series, "concurrencyTarget", s - 1, s)[0] as number;
}

/** Asserts the slots at each [second, at least, at most]. */
function expectSlots(out: ReturnType<typeof sustainedBacklog>, checks: [number, number, number][]) {
  for (const [s, low, high] of checks) {
    expect(slotsAt(out, s), `slots at ${s} s`).toBeGreaterThanOrEqual(low);
    expect(slotsAt(out, s), `slots at ${s} s`).toBeLessThanOrEqual(high);
  }
}

describe("event source mapping scaling (simulated time)", () => {
  it("standard mode ramps 5 -> +300 per minute -> the 1,250 cap under a sustained backlog", () => {
    // Act
    const out = sustainedBacklog({ accountConcurrency: 100_000 });
    const slots = column(out.series, "concurrencyTarget");

    // Assess: the backlog starts at 60 s; +5 per second while every slot is busy.
    expectSlots(out, [
      [60, 5, 10],
      [120, 295, 310],
      [180, 595, 610],
      [360, 1_250, 1_250],
    ]);
    expect(Math.max(...slots)).toBe(1_250);
    // New slots found no warm environment: they cold-started (INIT 300 ms each).
    expect(Math.max(...column(out.series, "envStarting"))).toBeGreaterThan(0);
    expect(out.totals.coldStarts).toBeGreaterThan(1_000);
    expect(out.totals.throttles).toBe(0);
  });

  it("MaximumConcurrency caps the ramp", () => {
    // Act
    const out = sustainedBacklog({ accountConcurrency: 100_000, maximumConcurrency: 100 }, 3);

    // Assess
    expect(Math.max(...column(out.series, "concurrencyTarget"))).toBe(100);
    expect(Math.max(...column(out.series, "envBusy"))).toBeLessThanOrEqual(100);
  });

  it("provisioned mode starts at 10 per minimum poller and ramps up to 1,000 per minute", () => {
    // Act
    const out = sustainedBacklog({ ...PROVISIONED, minimumPollers: 2 }, 4);

    // Assess
    expectSlots(out, [
      [60, 20, 40],
      [120, 1_000, 1_040],
      [180, 2_000, 2_040],
    ]);
  });

  it("throttles appear at the account concurrency, and busy environments never exceed it", () => {
    // Act
    const out = sustainedBacklog({}, 8);
    const busy = column(out.series, "envBusy");
    const throttles = column(out.series, "throttles");
    const firstThrottle = throttles.findIndex((x) => x > 0);

    // Assess: the ramp reaches 1,000 after ~200 s of backlog; nothing throttles before that.
    expect(out.totals.throttles).toBeGreaterThan(0);
    expect(Math.max(...busy)).toBeLessThanOrEqual(1_000);
    expect(out.totals.throttlesAtConcurrency).toBe(out.totals.throttles);
    expect(Math.max(...busy)).toBeGreaterThanOrEqual(990);
    expect(firstThrottle).toBeGreaterThan(0);
    expect(busy[firstThrottle - 1]).toBeGreaterThanOrEqual(950);
  });

  it("the function scaling rate throttles new environments beyond its limit per 10 s", () => {
    // Act: provisioned pollers ramp 1,000/min; a 50-per-10-s scaling rate cannot follow.
    const out = sustainedBacklog({ ...PROVISIONED, scalingRatePer10s: 50 }, 3);
    const busy = column(out.series, "envBusy");

    // Assess: at most 50 new environments per 10 s: ~300 per minute of backlog.
    expect(out.totals.throttles).toBeGreaterThan(0);
    expect(Math.max(...busy)).toBeLessThanOrEqual(50 * 18 + 50);
    expect(out.totals.throttlesAtConcurrency).toBe(0);
  });
});
