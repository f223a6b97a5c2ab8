import { type ArchitectureResult, assertResultDocument } from "@queueshift/shared-model";
import { describe, expect, it } from "vitest";
import { calibrate, ProjectionError, parseBurst, project } from "../../src/index.js";
import { localRun } from "./local-run.js";
import { column } from "./series.js";

const SMALL = { kind: "shape", shape: "spiky", monthlyRequests: 20_000_000 } as const;

function littlesLaw(a: ArchitectureResult, inSystemColumn: string) {
  const phase = column(a.timeSeries, "phase");
  const inSystem = column(a.timeSeries, inSystemColumn).filter((_, i) => phase[i] === 1);
  const measure = a.phases.find((p) => p.name === "measure");
  const seconds = (measure?.endSeconds ?? 0) - (measure?.startSeconds ?? 0);
  const lambda = a.counters.succeeded / seconds;
  const w = (a.histograms.latency?.mean ?? 0) / 1e6;
  const l = inSystem.reduce((s, x) => s + x, 0) / inSystem.length;
  return { l, lambdaW: lambda * w };
}

describe("project: a result document of origin projection", () => {
  it("is a valid result document with origin, assumptions and both designs' usage and cost", () => {
    // Act
    const doc = project({ run: localRun(), traffic: SMALL, windowMinutes: 60, seed: 5 });

    // Assess
    expect(assertResultDocument(doc)).toBe(doc);
    expect(doc.origin).toBe("projection");
    expect(doc.architectures.map((a) => a.architecture)).toEqual(["sync", "async"]);
    expect(doc.projection?.cost.sync?.total).toBeGreaterThan(0);
    expect(doc.projection?.cost.async?.total).toBeGreaterThan(0);
    const sync = doc.architectures[0] as ArchitectureResult;
    const async = doc.architectures[1] as ArchitectureResult;
    expect(sync.usage?.taskSeconds).toBeGreaterThan(0);
    expect(async.usage?.gbSeconds).toBeGreaterThan(0);
    expect(async.usage?.sqsRequests).toBeGreaterThan(async.counters.scheduled);
    const kinds = new Map(doc.assumptions?.map((a) => [a.name, a.kind]));
    expect(kinds.get("sync.serviceTime")).toBe("measured");
    expect(kinds.get("async.init")).toBe("measured");
    expect(kinds.get("async.hop")).toBe("assumed");
    expect(kinds.get("sync.taskStartMinSeconds")).toBe("assumed");
  });

  it("counts every arrival: succeeded + failed + timeouts (+ lost) = scheduled", () => {
    // Act
    const doc = project({ run: localRun(), traffic: SMALL, windowMinutes: 30, seed: 2 });

    // Assess
    for (const a of doc.architectures) {
      const c = a.counters;
      expect(c.succeeded + c.failed + c.timeouts + (c.lost ?? 0)).toBe(c.scheduled);
      expect(c.scheduled).toBeGreaterThan(0);
    }
  });

  it("holds Little's law within 1 % in its outputs, for both designs", () => {
    // Act: a 1 h window of 30 M requests a month, steady.
    const doc = project({
      run: localRun(),
      traffic: { kind: "shape", shape: "steady", monthlyRequests: 30_000_000 },
      windowMinutes: 60,
      seed: 11,
    });
    const [sync, async] = doc.architectures as [ArchitectureResult, ArchitectureResult];

    // Assess: L (time-averaged in the system) = lambda (completions/s) x W (mean latency).
    const s = littlesLaw(sync, "inFlight");
    const a = littlesLaw(async, "jobsInFlight");
    expect(Math.abs(s.l / s.lambdaW - 1)).toBeLessThan(0.01);
    expect(Math.abs(a.l / a.lambdaW - 1)).toBeLessThan(0.01);
  });

  it("is deterministic: the same run, profile and seed give byte-identical JSON; another seed differs", () => {
    // Prepare
    const input = {
      run: localRun(),
      traffic: SMALL,
      windowMinutes: 20,
      bursts: [parseBurst("10x for 5 min at 14:00", "burst")],
    };

    // Act
    const a = JSON.stringify(project({ ...input, seed: 9 }));
    const b = JSON.stringify(project({ ...input, seed: 9 }));
    const c = JSON.stringify(project({ ...input, seed: 10 }));

    // Assess
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it("simulates by default the busiest window holding the largest burst", () => {
    // Act
    const doc = project({
      run: null,
      traffic: { kind: "shape", shape: "steady", monthlyRequests: 5_000_000 },
      windowMinutes: 30,
      bursts: [parseBurst("10x for 5 min at day 3 09:00", "burst")],
      designs: "sync",
    });

    // Assess
    const burstMinute = 2 * 1_440 + 9 * 60;
    const start = doc.projection?.windowStartMinute ?? -1;
    expect(start).toBeLessThanOrEqual(burstMinute);
    expect(start + 30).toBeGreaterThanOrEqual(burstMinute + 5);
    expect(doc.assumptions?.find((x) => x.name === "sync.serviceTime")?.kind).toBe("assumed");
  });

  it("refuses a run without the histograms it needs, naming the field", () => {
    // Prepare
    const run = localRun({ sync: true });
    const bare = {
      ...run,
      architectures: run.architectures.map((a) => ({ ...a, histograms: {} })),
    };

    // Act
    const act = () => calibrate(bare);

    // Assess
    expect(act).toThrow(ProjectionError);
    expect(act).toThrow(/histograms\.serviceTime/);
  });

  it("borrows the other design's measured duration when the run measured only one design", () => {
    // Act
    const cal = calibrate(localRun({ sync: true }));

    // Assess
    expect(cal.handlerPerMessage.mean).toBeCloseTo(cal.service.mean, 6);
    expect(cal.assumptions.find((a) => a.name === "async.handlerPerMessage")?.source).toMatch(
      /other design/,
    );
  });
});
