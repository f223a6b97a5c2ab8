import {
  ASYNC_SERIES_COLUMNS,
  COMMON_SERIES_COLUMNS,
  SERIES_COLUMNS,
  type SeriesColumn,
} from "@queueshift/shared-model";
import { describe, expect, it } from "vitest";
import { MetricsEngine } from "../../src/metrics/engine.js";
import { TimeSeriesOutput } from "../../src/output/time-series-output.js";
import { type ProcReader, ResourceSampler, readProc } from "../../src/run/resource-sampler.js";

function engineWith(series: TimeSeriesOutput): MetricsEngine {
  return new MetricsEngine({ responsesComplete: true, outputs: [series] });
}

describe("TimeSeriesOutput fed by the metrics engine", () => {
  it("writes one row per interval: counters from 0, gauges null until set, p50/p99 per interval", () => {
    // Prepare
    const series = new TimeSeriesOutput(["t", "sent", "inFlight", "p50Us", "p99Us"]);
    const engine = engineWith(series);
    for (let i = 0; i < 3; i++) engine.add({ type: "sent", atUs: i, lagUs: 0 });
    engine.add({ type: "gauge", atUs: 3, name: "inFlight", value: 2 });
    for (const us of [100, 200, 300]) {
      engine.add({ type: "response", atUs: us, latencyUs: us, serviceUs: us, status: 200 });
    }

    // Act
    engine.flush(1, "measure");
    engine.flush(2, "measure");
    const built = series.build();

    // Assess
    expect(built.columns).toEqual(["t", "sent", "inFlight", "p50Us", "p99Us"]);
    expect(built.rows[0]).toEqual([1, 3, 2, 200, 300]);
    expect(built.rows[1]).toEqual([2, 0, null, null, null]);
  });

  it("writes the contract's async columns in order: counters and environments 0, the rest null", () => {
    // Prepare
    const columns = [...COMMON_SERIES_COLUMNS, ...ASYNC_SERIES_COLUMNS];
    const series = new TimeSeriesOutput(columns);

    // Act
    engineWith(series).flush(1, undefined);
    const built = series.build();

    // Assess
    expect(built.columns).toEqual(columns);
    const row = built.rows[0] ?? [];
    const zero = (c: SeriesColumn) =>
      SERIES_COLUMNS[c].unit === "count/interval" || c.startsWith("env");
    const blank = columns.map((c) => (zero(c) ? 0 : null));
    expect(row.slice(1)).toEqual(blank.slice(1));
    expect(row[0]).toBe(1);
  });

  it("keeps only its own columns and restarts counters every interval", () => {
    // Prepare
    const series = new TimeSeriesOutput(["t", "errors"]);
    const engine = engineWith(series);
    engine.add({ type: "error", atUs: 1, latencyUs: 5, kind: "ECONNRESET" });
    engine.add({ type: "sent", atUs: 2, lagUs: 0 });

    // Act
    engine.flush(1, "warmup");
    engine.flush(2, "warmup");

    // Assess
    expect(series.build().rows).toEqual([
      [1, 1],
      [2, 0],
    ]);
  });
});

describe("ResourceSampler", () => {
  it("sums CPU since markStart per component and keeps the peak RSS of exited processes", () => {
    // Prepare: a fake /proc where pid 2 exits after the first sample
    const cpu = new Map([
      [1, 10],
      [2, 5],
    ]);
    const alive = new Set([1, 2]);
    const read: ProcReader = (pid) =>
      alive.has(pid)
        ? { cpuSeconds: cpu.get(pid) ?? 0, rssBytes: 100 * pid, peakRssBytes: 150 * pid }
        : undefined;
    const sampler = new ResourceSampler(read);
    const procs = [
      { component: "worker", pid: 1 },
      { component: "worker", pid: 2 },
    ];
    sampler.markStart(procs);

    // Act
    cpu.set(1, 12);
    cpu.set(2, 6.5);
    sampler.sample(procs);
    alive.delete(2);
    cpu.set(1, 13);
    sampler.sample(procs);
    const result = sampler.result();

    // Assess
    const worker = result.find((r) => r.component === "worker");
    expect(worker?.cpuSeconds).toBeCloseTo(3 + 1.5, 6);
    expect(worker?.peakRssBytes).toBe(300);
    expect(result.some((r) => r.component === "harness")).toBe(true);
  });

  it("reads this very process from /proc", () => {
    // Act
    const reading = readProc(process.pid);

    // Assess
    expect(reading?.rssBytes).toBeGreaterThan(0);
    expect(reading?.peakRssBytes).toBeGreaterThanOrEqual(reading?.rssBytes ?? 0);
    expect(reading?.cpuSeconds).toBeGreaterThan(0);
  });
});
