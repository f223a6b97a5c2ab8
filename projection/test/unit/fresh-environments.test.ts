// A fresh execution environment runs its first analyses before the JIT has compiled the code:
// the run's analyses by ordinal become multipliers of a new environment's first handler draws.
import {
  type AnalysesByOrdinal,
  type ArchitectureResult,
  ASYNC_SERIES_COLUMNS,
  COMMON_SERIES_COLUMNS,
  type InvocationsByOrdinal,
  PROJECTION_SERIES_COLUMNS,
} from "@queueshift/shared-model";
import { describe, expect, it } from "vitest";
import { Environments } from "../../src/async/environments.js";
import {
  deterministic,
  encodeHdr,
  freshEnvironments,
  freshInvocations,
  newHdr,
  resolveAsyncParams,
  runAsync,
} from "../../src/index.js";
import { localRun } from "./local-run.js";

const COLUMNS = [...COMMON_SERIES_COLUMNS, ...ASYNC_SERIES_COLUMNS, ...PROJECTION_SERIES_COLUMNS];

// Jobs at 0, 20 and 40 s (the first in the warm-up), 10 ms of handler each; the 1st analysis of an
// environment takes 5x, its 2nd 3x.
function threeJobs(o: {
  keepAliveSeconds: number;
  initialEnvironments?: number;
  fresh?: number[];
  /** Seconds a new environment's 1st, 2nd, ... invocation takes beyond the overhead. */
  freshCalls?: number[];
}) {
  return runAsync({
    params: resolveAsyncParams({
      batchSize: 1,
      maximumConcurrency: 2,
      keepAliveSeconds: o.keepAliveSeconds,
      ...(o.initialEnvironments === undefined
        ? {}
        : { initialEnvironments: o.initialEnvironments }),
    }),
    durations: {
      accept: deterministic(0.002),
      hop: deterministic(0.003),
      init: deterministic(0.2),
      handlerPerMessage: deterministic(0.01),
      ...(o.fresh ? { freshFactors: Float64Array.from(o.fresh) } : {}),
      ...(o.freshCalls ? { freshInvocationExtra: Float64Array.from(o.freshCalls) } : {}),
    },
    minuteRates: Float64Array.from([3 / 60]),
    schedule: { times: Float64Array.from([0, 20, 40]) },
    window: { start: 10, end: 60 },
    intervalSeconds: 1,
    seed: 3,
    columns: COLUMNS,
    drainLimitSeconds: 60,
  });
}

/** The measured jobs' handler times, ms: [shortest, longest]. */
function handlerMs(out: ReturnType<typeof threeJobs>): [number, number] {
  const h = out.histograms.handler;
  return [h.minNonZeroValue / 1_000, h.maxValue / 1_000];
}

describe("a new environment's first analyses", () => {
  it("take the fresh factors by the environment's own count, across its invocations", () => {
    // Act: one environment, created cold by the warm-up's job, runs all three
    const out = threeJobs({ keepAliveSeconds: 300, initialEnvironments: 0, fresh: [5, 3] });

    // Assess: the measured jobs are its 2nd (3x) and 3rd (warm) analyses
    const [low, high] = handlerMs(out);
    expect(low).toBeCloseTo(10, 0);
    expect(high).toBeCloseTo(30, 0);
    expect(out.totals.coldStarts).toBe(0); // the one cold start was in the warm-up
  });

  it("start over in every environment created after the idle ones were reaped", () => {
    // Act: idle for 20 s against a 5 s keep-alive: each job meets a new environment
    const out = threeJobs({ keepAliveSeconds: 5, initialEnvironments: 0, fresh: [5, 3] });

    // Assess: both measured jobs are a new environment's first, 5x
    expect(handlerMs(out)[0]).toBeCloseTo(50, 0);
    expect(handlerMs(out)[1]).toBeCloseTo(50, 0);
    expect(out.totals.coldStarts).toBe(2);
  });

  it("leave the warmed-up fleet and a projection without factors alone", () => {
    // Act: the fleet the warm-up leaves is warm (its JIT long done); no factors at all
    const warm = threeJobs({ keepAliveSeconds: 300, fresh: [5, 3] });
    const none = threeJobs({ keepAliveSeconds: 5, initialEnvironments: 0 });

    // Assess
    expect(handlerMs(warm)).toEqual(handlerMs(none));
    expect(handlerMs(warm)[1]).toBeCloseTo(10, 0);
    expect(warm.totals.coldStarts).toBe(0);
  });

  it("are billed at their fresh length", () => {
    const fresh = threeJobs({ keepAliveSeconds: 5, initialEnvironments: 0, fresh: [5, 3] });
    const none = threeJobs({ keepAliveSeconds: 5, initialEnvironments: 0 });
    // Two measured invocations, each 40 ms longer with a new environment's first analysis.
    expect(fresh.totals.billedMs - none.totals.billedMs).toBe(80);
  });
});

describe("a new environment's first invocations", () => {
  it("take their extra work by the environment's own count, held and billed", () => {
    // Act: one environment, created by the warm-up's job, runs all three: +40 ms, +20 ms, +0
    const out = threeJobs({
      keepAliveSeconds: 300,
      initialEnvironments: 0,
      freshCalls: [0.04, 0.02],
    });
    const none = threeJobs({ keepAliveSeconds: 300, initialEnvironments: 0 });

    // Assess: the measured jobs are its 2nd and 3rd invocations: 20 ms more billed in all, held
    // beside the handler (its time per message unchanged)
    expect(out.totals.billedMs - none.totals.billedMs).toBe(20);
    expect(handlerMs(out)).toEqual(handlerMs(none));
  });

  it("start over in every new environment, and leave the warmed-up fleet alone", () => {
    const reaped = threeJobs({ keepAliveSeconds: 5, initialEnvironments: 0, freshCalls: [0.04] });
    const none = threeJobs({ keepAliveSeconds: 5, initialEnvironments: 0 });
    expect(reaped.totals.billedMs - none.totals.billedMs).toBe(80); // two new ones measured
    const warm = threeJobs({ keepAliveSeconds: 300, freshCalls: [0.04] });
    const warmNone = threeJobs({ keepAliveSeconds: 300 });
    expect(warm.totals.billedMs).toBe(warmNone.totals.billedMs);
  });
});

describe("Environments", () => {
  it("hands back the analyses an environment has run, newest idle first, and reaps both", () => {
    const envs = new Environments(10, 100, 5);
    envs.warm(1, 0);
    expect(envs.acquire(1)).toBe(0);
    expect(envs.acquiredAnalyses).toBe(Number.POSITIVE_INFINITY);
    expect(envs.acquire(1)).toBe(1);
    expect(envs.acquiredAnalyses).toBe(0);
    envs.release(2, 7, 3);
    envs.release(3, 4, 2);
    expect(envs.acquire(4)).toBe(0);
    expect(envs.acquiredAnalyses).toBe(4); // the most recently used
    expect(envs.acquiredInvocations).toBe(2);
    envs.release(4, 5, 3);
    // The one released at 2 s is idle past the keep-alive at 7.5 s; the other not yet.
    expect(envs.reap(7.5)).toBe(1);
    expect(envs.acquire(8)).toBe(0);
    expect(envs.acquiredAnalyses).toBe(5);
    expect(envs.acquiredInvocations).toBe(3);
  });
});

// Groups as the harness writes them (bench/src/metrics/analyses-by-ordinal.ts), CPU means in us.
function groups(cpu: (number | null)[], wall: number[], counts?: number[]): AnalysesByOrdinal[] {
  const starts = [1, 2, 3, 4, 5, 9, 17, 33, 65];
  return starts.map((from, i) => ({
    from,
    to: i + 1 < starts.length ? (starts[i + 1] as number) - 1 : null,
    count: counts?.[i] ?? 10,
    meanHandlerUs: wall[i] as number,
    meanHandlerCpuUs: cpu[i] as number | null,
  }));
}

// The small fixture run's async design with the warm histograms and `over` on top.
function asyncRun(over: Partial<ArchitectureResult>): ArchitectureResult {
  const a = localRun().architectures.find((x) => x.architecture === "async") as ArchitectureResult;
  const h = newHdr();
  h.recordValue(9_000);
  const warm = encodeHdr(h);
  return {
    ...a,
    histograms: { ...a.histograms, handlerWarm: warm, handlerCpuWarm: warm },
    ...over,
  };
}

describe("freshEnvironments (calibration)", () => {
  it("divides each group's mean CPU time by the warm group's, for every ordinal, never below 1", () => {
    // Prepare: warm 8 ms; the 33rd-64th analyses measured a little faster (noise)
    const cpu = [80_000, 40_000, 24_000, 16_000, 12_000, 8_800, 8_400, 7_600, 8_000];
    const wall = cpu.map((c) => (c as number) * 1.2);

    // Act
    const f = freshEnvironments(asyncRun({ analysesByOrdinal: groups(cpu, wall) }), "run r");

    // Assess
    expect(f?.factors.length).toBe(64);
    const at = (ordinal: number) => f?.factors[ordinal - 1] as number;
    expect(at(1)).toBeCloseTo(10, 9);
    expect(at(4)).toBeCloseTo(2, 9);
    expect(at(5)).toBeCloseTo(1.5, 9);
    expect(at(8)).toBeCloseTo(1.5, 9);
    expect(at(16)).toBeCloseTo(1.1, 9);
    expect(at(40)).toBe(1);
    expect(f?.assumption.name).toBe("async.freshEnvironmentFactors");
    expect(f?.assumption.source).toContain("mean CPU time");
    expect(f?.assumption.source).toContain("1: 10 (n 10)");
  });

  it("falls back to the handler's wall time where the handler measured no CPU time", () => {
    const wall = [50_000, 20_000, 10_000, 10_000, 10_000, 10_000, 10_000, 10_000, 10_000];
    const f = freshEnvironments(
      asyncRun({
        analysesByOrdinal: groups(
          wall.map(() => null),
          wall,
        ),
      }),
      "run r",
    );
    expect(f?.factors[0]).toBeCloseTo(5, 9);
    expect(f?.factors[1]).toBeCloseTo(2, 9);
    expect(f?.assumption.source).toContain("mean handler time");
  });

  it("gives nothing for a run without groups, warm analyses or the warm histogram", () => {
    const cpu = [80_000, 40_000, 24_000, 16_000, 12_000, 8_800, 8_400, 7_600, 8_000];
    const noWarm = groups(cpu, cpu, [5, 5, 5, 5, 5, 5, 5, 5, 0]);
    expect(freshEnvironments(asyncRun({}), "r")).toBeNull();
    expect(freshEnvironments(asyncRun({ analysesByOrdinal: noWarm }), "r")).toBeNull();
    expect(
      freshEnvironments(asyncRun({ analysesByOrdinal: groups(cpu, cpu), histograms: {} }), "r"),
    ).toBeNull();
    expect(freshEnvironments(undefined, "r")).toBeNull();
  });
});

// Invocation groups as the harness writes them (bench analyses-by-ordinal.ts), means in us.
function calls(overheadCpu: (number | null)[], overheadWall: number[]): InvocationsByOrdinal[] {
  const starts = [1, 2, 3, 4, 5, 9, 17, 33, 65];
  return starts.map((from, i) => ({
    from,
    to: i + 1 < starts.length ? (starts[i + 1] as number) - 1 : null,
    count: 10,
    meanDurationUs: (overheadWall[i] as number) + 10_000,
    meanOverheadUs: overheadWall[i] as number,
    meanCpuUs: overheadCpu[i] === null ? null : (overheadCpu[i] as number) + 9_000,
    meanOverheadCpuUs: overheadCpu[i] as number | null,
  }));
}

describe("freshInvocations (calibration)", () => {
  it("takes each group's CPU overhead beyond the warm group's, for every ordinal, never below 0", () => {
    // Prepare: warm 1.5 ms of CPU besides the analyses; the 33rd-64th a little less (noise)
    const cpu = [21_500, 31_500, 7_500, 3_500, 2_500, 2_000, 1_700, 1_400, 1_500];
    const wall = cpu.map((c) => (c as number) * 5);

    // Act
    const f = freshInvocations(asyncRun({ invocationsByOrdinal: calls(cpu, wall) }), "run r");

    // Assess: seconds, per ordinal
    const at = (ordinal: number) => f?.extra[ordinal - 1] as number;
    expect(f?.extra.length).toBe(64);
    expect(at(1)).toBeCloseTo(0.02, 9);
    expect(at(2)).toBeCloseTo(0.03, 9);
    expect(at(8)).toBeCloseTo(0.001, 9);
    expect(at(40)).toBe(0);
    // In all: 20 + 30 + 6 + 2 + 4 x 1 + 8 x 0.5 + 16 x 0.2 ms per new environment
    expect(f?.assumption.value).toBeCloseTo(69.2, 6);
    expect(f?.assumption.source).toContain("CPU time of the runtime");
  });

  it("falls back to REPORT Duration where the runtime measured no CPU time", () => {
    const wall = [50_000, 30_000, 10_000, 10_000, 10_000, 10_000, 10_000, 10_000, 10_000];
    const f = freshInvocations(
      asyncRun({
        invocationsByOrdinal: calls(
          wall.map(() => null),
          wall,
        ),
      }),
      "run r",
    );
    expect(f?.extra[0]).toBeCloseTo(0.04, 9);
    expect(f?.extra[1]).toBeCloseTo(0.02, 9);
    expect(f?.assumption.source).toContain("REPORT Duration");
  });

  it("gives nothing for a run without groups or warm invocations", () => {
    const noWarm = calls([1, 1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1, 1, 1, 1]).map((g) =>
      g.to === null ? { ...g, count: 0 } : g,
    );
    expect(freshInvocations(asyncRun({}), "r")).toBeNull();
    expect(freshInvocations(asyncRun({ invocationsByOrdinal: noWarm }), "r")).toBeNull();
    expect(freshInvocations(undefined, "r")).toBeNull();
  });
});
