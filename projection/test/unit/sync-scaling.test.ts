import { COMMON_SERIES_COLUMNS, PROJECTION_SERIES_COLUMNS } from "@queueshift/shared-model";
import { describe, expect, it } from "vitest";
import { exponential, resolveSyncParams, runSync, type SyncParams } from "../../src/index.js";
import { between, column } from "./series.js";

const COLUMNS = [...COMMON_SERIES_COLUMNS, ...PROJECTION_SERIES_COLUMNS];
const SERVICE = exponential(0.01); // 10 ms per request at 1 vCPU
// 100 req/s x 10 ms = 1 vCPU busy: 2 tasks at 60 % target are just under it (50 %).
const BASE_RATE = 100;

function simulate(rates: Float64Array, overrides: Partial<SyncParams> = {}) {
  return runSync({
    params: resolveSyncParams({ initialTasks: 2, ...overrides }),
    service: SERVICE,
    minuteRates: rates,
    window: { start: 0, end: rates.length * 60 },
    intervalSeconds: 10,
    seed: 3,
    columns: COLUMNS,
  });
}

describe("ECS target tracking behind the ALB (simulated time)", () => {
  it("scales out only after 3 datapoints, the alarm delay and the task start time", () => {
    // Prepare: 5 quiet minutes, then 4x the rate from t = 300 s on.
    const rates = new Float64Array(20).fill(BASE_RATE);
    rates.fill(4 * BASE_RATE, 5);
    const step = 300;

    // Act
    const out = simulate(rates);
    const first = out.scaleEvents[0];
    const running = column(out.series, "tasksRunning");
    const t = column(out.series, "t");
    const firstMore = t[running.findIndex((n) => n > 2)] as number;

    // Assess: datapoints end at 360, 420, 480 s; the action follows 183 s later (aws-facts 0.8),
    // and new tasks serve 30-90 s after that (aws-facts 8.4).
    expect(first).toBeDefined();
    expect(first?.t).toBeGreaterThanOrEqual(step + 3 * 60 + 183);
    expect(first?.t).toBeLessThanOrEqual(step + 4 * 60 + 183);
    expect(first?.to).toBeGreaterThan(2);
    expect(firstMore).toBeGreaterThanOrEqual((first?.t ?? 0) + 30);
    expect(firstMore).toBeLessThanOrEqual((first?.t ?? 0) + 90 + 10);
    expect(Math.max(...between(out.series, "tasksRunning", 0, step + 3 * 60 + 183 + 30))).toBe(2);
  });

  it("reacts faster with 20 s metrics: 3 x 20 s + 26 s (aws-facts 0.8)", () => {
    // Prepare
    const rates = new Float64Array(12).fill(BASE_RATE);
    rates.fill(4 * BASE_RATE, 5);

    // Act
    const out = simulate(rates, { metricPeriodSeconds: 20 });

    // Assess
    expect(out.scaleEvents[0]?.t).toBeGreaterThanOrEqual(300 + 60 + 26);
    expect(out.scaleEvents[0]?.t).toBeLessThanOrEqual(300 + 80 + 26);
  });

  it("a 10x burst shorter than the scale-out lag shows as queueing and timeouts, not as extra tasks", () => {
    // Prepare: 10x for 5 minutes from t = 600 s; the lag is >= 3 x 60 + 183 + 30 = 393 s.
    const rates = new Float64Array(30).fill(BASE_RATE);
    rates.fill(10 * BASE_RATE, 10, 15);

    // Act
    const out = simulate(rates);
    const before = Math.max(...between(out.series, "p99Us", 300, 600));
    const during = Math.max(...between(out.series, "p99Us", 600, 900));

    // Assess
    expect(Math.max(...between(out.series, "tasksRunning", 0, 900))).toBe(2);
    expect(out.recorder.counts.timeouts).toBeGreaterThan(0);
    expect(during).toBeGreaterThan(100 * before);
    // Every arrival is accounted for: served, timed out or failed.
    const c = out.recorder.counts;
    expect(c.succeeded + c.timeouts + c.failed).toBe(c.scheduled);
  });

  it("scales in after 15 low datapoints, never below the minimum", () => {
    // Prepare: start with 10 tasks at a rate 2 keep at target.
    const rates = new Float64Array(40).fill(BASE_RATE);

    // Act
    const out = simulate(rates, { initialTasks: 10 });
    const running = column(out.series, "tasksRunning");

    // Assess
    const firstIn = out.scaleEvents.find((e) => e.to < e.from);
    expect(firstIn?.t).toBeGreaterThanOrEqual(15 * 60 + 183);
    expect(Math.min(...running)).toBeGreaterThanOrEqual(2);
    expect(running.at(-1)).toBeLessThan(10);
  });
});
