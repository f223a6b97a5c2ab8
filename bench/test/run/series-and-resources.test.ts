import {
  ASYNC_SERIES_COLUMNS,
  COMMON_SERIES_COLUMNS,
  SERIES_COLUMNS,
} from "@queueshift/shared-model";
import { describe, expect, it } from "vitest";
import { type ProcReader, ResourceSampler, readProc } from "../../src/run/resource-sampler.js";
import { SeriesBuilder } from "../../src/run/series-builder.js";

describe("SeriesBuilder", () => {
  it("writes one row per flush: counters from 0, gauges null until set, p50/p99 per interval", () => {
    // Prepare
    const series = new SeriesBuilder(["t", "sent", "inFlight", "p50Us", "p99Us"]);
    series.count("sent", 3);
    series.set("inFlight", 2);
    for (const us of [100, 200, 300]) series.latency(us);

    // Act
    series.flush(1);
    series.flush(2);
    const built = series.build();

    // Assess
    expect(built.columns).toEqual(["t", "sent", "inFlight", "p50Us", "p99Us"]);
    expect(built.rows[0]).toEqual([1, 3, 2, 200, 300]);
    expect(built.rows[1]).toEqual([2, 0, null, null, null]);
  });

  it("writes the contract's async columns in order: counters from 0, other columns null", () => {
    // Prepare
    const columns = [...COMMON_SERIES_COLUMNS, ...ASYNC_SERIES_COLUMNS];
    const series = new SeriesBuilder(columns);

    // Act
    series.flush(1);
    const built = series.build();

    // Assess
    expect(built.columns).toEqual(columns);
    const row = built.rows[0] ?? [];
    const blank = columns.map((c) => (SERIES_COLUMNS[c].unit === "count/interval" ? 0 : null));
    expect(row.slice(1)).toEqual(blank.slice(1));
    expect(row[0]).toBe(1);
  });

  it("refuses a column it does not have", () => {
    // Prepare
    const series = new SeriesBuilder(["t"]);

    // Act
    const act = () => series.count("sent");

    // Assess
    expect(act).toThrow(/unknown time series column/);
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
