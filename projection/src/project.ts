import {
  ASYNC_SERIES_COLUMNS,
  type Assumption,
  COMMON_SERIES_COLUMNS,
  PROJECTION_SERIES_COLUMNS,
  priceTableFor,
  RESULT_SCHEMA_VERSION,
  type ResultDocument,
} from "@queueshift/shared-model";
import { type AsyncRunOutput, runAsync } from "./async/async-model.js";
import { type AsyncParams, resolveAsyncParams } from "./async/async-params.js";
import { ConcurrencyRamp } from "./async/event-source-mapping.js";
import { type Calibration, calibrate } from "./calibration/calibrate.js";
import type { LocalHost } from "./calibration/local-host.js";
import { parameterAssumptions } from "./calibration/parameter-assumptions.js";
import type { Distribution } from "./engine/distribution.js";
import { Issues } from "./engine/projection-error.js";
import type { MeasureWindow } from "./engine/recorder.js";
import { asyncArchitecture, syncArchitecture } from "./output/architecture-results.js";
import { asyncCost, syncCost } from "./output/monthly-cost.js";
import { simulateMonthFleet } from "./sync/month-fleet.js";
import { runSync, type SyncRunOutput } from "./sync/sync-model.js";
import { resolveSyncParams, type SyncParams } from "./sync/sync-params.js";
import type { ArrivalSchedule } from "./traffic/arrivals.js";
import type { Burst } from "./traffic/bursts.js";
import { busiestWindow, monthTraffic, type TrafficSource } from "./traffic/traffic-input.js";

/** What to project: a run to calibrate from, the traffic, the window and both designs' settings. */
export interface ProjectionInput {
  /** The measured run (origin local); null projects from assumed durations only. */
  readonly run: ResultDocument | null;
  readonly traffic: TrafficSource;
  readonly bursts?: readonly Burst[];
  readonly windowMinutes?: number;
  /** First minute of the window in the month; null = the busiest window with the largest burst. */
  readonly windowStartMinute?: number | null;
  readonly warmupMinutes?: number;
  readonly intervalSeconds?: number;
  readonly seed?: number;
  readonly designs?: "both" | "sync" | "async";
  readonly sync?: Partial<SyncParams>;
  readonly async?: Partial<AsyncParams>;
  readonly drainLimitSeconds?: number;
  readonly region?: string;
  /** SQS -> Lambda hop instead of AWS's published one (a fidelity replay uses the run's local hop). */
  readonly hop?: Distribution;
  /** Handler end -> job done (a fidelity replay: the run's result hop); none by default. */
  readonly resultHop?: Distribution;
  /**
   * A run's own arrivals and measured window (seconds from the simulation's start), replayed
   * instead of Poisson arrivals at the traffic's minute rates (a fidelity replay).
   */
  readonly replay?: { readonly arrivals: ArrivalSchedule; readonly window: MeasureWindow };
  /** A local run's host, shared by its environments and processes (a fidelity replay only). */
  readonly host?: LocalHost;
}

/** Defaults of ProjectionInput. */
export const PROJECTION_DEFAULTS = Object.freeze({
  windowMinutes: 180, // the busiest three hours
  warmupMinutes: 15, // simulated before the window, not measured: queues and fleets settle
  intervalSeconds: 60, // per-minute series
  seed: 1,
  designs: "both" as "both" | "sync" | "async",
  drainLimitSeconds: 3_600, // after the window, how long a backlog may take to finish
  region: "us-east-1",
});

const SYNC_COLUMNS = [...COMMON_SERIES_COLUMNS, ...PROJECTION_SERIES_COLUMNS];
const ASYNC_COLUMNS = [
  ...COMMON_SERIES_COLUMNS,
  ...ASYNC_SERIES_COLUMNS,
  ...PROJECTION_SERIES_COLUMNS,
];
const NOMINAL_MONTH_START = Date.UTC(2026, 0, 1); // timestamps of a projection are nominal, not clock times

/** Optional progress callback: the CLI prints it; the engine never does I/O. */
export type ProgressSink = (message: string) => void;

function resolveInput(input: ProjectionInput) {
  const o = {
    ...PROJECTION_DEFAULTS,
    ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
  } as typeof PROJECTION_DEFAULTS & ProjectionInput;
  const i = new Issues();
  i.range(o.windowMinutes, "window", 1, 24 * 60);
  i.range(o.warmupMinutes, "warmup", 0, 24 * 60);
  i.check(
    [1, 5, 10, 15, 20, 30, 60].includes(o.intervalSeconds),
    "interval",
    "must divide a minute: 1, 5, 10, 15, 20, 30 or 60",
  );
  i.check(Number.isInteger(o.seed), "seed", "must be an integer");
  i.check(["both", "sync", "async"].includes(o.designs), "designs", "must be both, sync or async");
  i.range(o.drainLimitSeconds, "drainLimit", 0, 86_400);
  i.throwIfAny();
  return o;
}

/**
 * Projects both designs over the traffic: calibrates from the run, simulates the window (with a
 * warm-up before it), and returns a result document of origin "projection" whose cost comes from
 * the cost model fed with the simulated usage. Pure: the same input gives the same document.
 */
export function project(input: ProjectionInput, progress: ProgressSink = () => {}): ResultDocument {
  const o = resolveInput(input);
  let syncP = resolveSyncParams(o.sync);
  let asyncP = resolveAsyncParams(o.async);
  const cal = calibrate(o.run, o.run === null ? "assumed" : `run ${o.run.runId}`);
  const calibrated = new Set<string>();
  // Service times scale from the CPU each worker of the run had, unless the caller says otherwise.
  if (o.sync?.measuredCoresPerWorker === undefined && cal.coresPerWorker !== null) {
    syncP = resolveSyncParams({ ...o.sync, measuredCoresPerWorker: cal.coresPerWorker });
    calibrated.add("sync.measuredCoresPerWorker");
  }
  // Handler times scale from the CPU share the run measured them at (issue 11 item 2).
  if (o.async?.measuredCpuShare === undefined && cal.handlerCpuShare !== null) {
    asyncP = resolveAsyncParams({ ...o.async, measuredCpuShare: cal.handlerCpuShare });
    calibrated.add("async.measuredCpuShare");
  }
  const month = monthTraffic(o.traffic, o.bursts ?? []);
  const maxStart = month.minuteRates.length - o.windowMinutes;
  const start = o.windowStartMinute ?? busiestWindow(month.minuteRates, o.windowMinutes);
  const i = new Issues();
  i.range(start, "window-start", 0, maxStart);
  i.throwIfAny();
  const warm = Math.min(o.warmupMinutes, start);
  const rates = month.minuteRates.slice(start - warm, start + o.windowMinutes);
  const window: MeasureWindow = o.replay?.window ?? {
    start: warm * 60,
    end: (warm + o.windowMinutes) * 60,
  };
  let windowRequests = 0;
  for (let m = warm; m < rates.length; m++) windowRequests += (rates[m] as number) * 60;
  const total = rates.length * 60;
  // A progress line every 30 simulated minutes (the engine itself never prints).
  const every = (design: string) => (t: number) => {
    if (t % 1_800 === 0) progress(`${design}: ${Math.round(t / 60)}/${total / 60} min simulated`);
  };
  const base = {
    minuteRates: rates,
    ...(o.replay ? { schedule: o.replay.arrivals } : {}),
    window,
    intervalSeconds: o.intervalSeconds,
    seed: o.seed,
  };
  let syncOut: SyncRunOutput | undefined;
  let asyncOut: AsyncRunOutput | undefined;
  if (o.designs !== "async") {
    progress(
      `sync: simulating ${o.windowMinutes} min (+${warm} warm-up), ~${Math.round(windowRequests)} requests`,
    );
    syncOut = runSync({
      ...base,
      params: syncP,
      service: cal.service,
      columns: SYNC_COLUMNS,
      onInterval: every("sync"),
    });
  }
  if (o.designs !== "sync") {
    progress(`async: simulating ${o.windowMinutes} min (+${warm} warm-up)`);
    const durations = {
      accept: cal.accept,
      hop: o.hop ?? cal.hop,
      init: cal.init,
      handlerPerMessage: cal.handlerPerMessage,
      // A replay's host draws its work from the warm analyses only when it has their CPU time.
      ...(cal.freshFactors && (o.host === undefined || o.host.warmWork)
        ? { freshFactors: cal.freshFactors }
        : {}),
      invocationOverhead: cal.invocationOverhead,
      ...(cal.freshInvocationExtra ? { freshInvocationExtra: cal.freshInvocationExtra } : {}),
      // A projection's job is done when its handler is: the results queue is not modelled.
      ...(o.resultHop ? { resultHop: o.resultHop } : {}),
    };
    asyncOut = runAsync({
      ...base,
      params: asyncP,
      durations,
      columns: ASYNC_COLUMNS,
      drainLimitSeconds: o.drainLimitSeconds,
      ...(o.host ? { host: o.host } : {}),
      onInterval: every("async"),
    });
  }
  return document(o, {
    syncP,
    asyncP,
    cal,
    month,
    start,
    window,
    windowRequests,
    syncOut,
    asyncOut,
    calibrated,
  });
}

interface Simulated {
  readonly syncP: SyncParams;
  readonly asyncP: AsyncParams;
  readonly cal: Calibration;
  readonly month: ReturnType<typeof monthTraffic>;
  readonly start: number;
  readonly window: MeasureWindow;
  readonly windowRequests: number;
  readonly syncOut: SyncRunOutput | undefined;
  readonly asyncOut: AsyncRunOutput | undefined;
  readonly calibrated: ReadonlySet<string>;
}

function document(o: ReturnType<typeof resolveInput>, s: Simulated): ResultDocument {
  const prices = priceTableFor(o.region);
  const bytes = { request: s.cal.requestBytes, response: s.cal.responseBytes };
  const architectures = [];
  const cost: NonNullable<ResultDocument["projection"]>["cost"] = {};
  if (s.syncOut) {
    architectures.push(syncArchitecture(s.syncP, s.syncOut, s.window));
    const meanS =
      s.syncOut.serviceTime.totalCount > 0 ? s.syncOut.serviceTime.mean / 1e6 : s.cal.service.mean;
    const usage = {
      fleet: simulateMonthFleet(s.syncP, s.month.minuteRates, meanS),
      windowTaskSeconds: s.syncOut.taskSeconds,
      windowStartMinute: s.start,
      windowMinutes: o.windowMinutes,
    };
    cost.sync = syncCost(s.syncP, meanS, s.month.profile, bytes, usage, prices);
  }
  if (s.asyncOut) {
    architectures.push(
      asyncArchitecture(s.asyncP, s.asyncOut, s.window, s.cal.requestBytes, s.cal.maxMemoryUsedMb),
    );
    const pollers = new ConcurrencyRamp(s.asyncP).floor;
    cost.async = asyncCost(
      s.asyncP,
      s.asyncOut.totals,
      s.asyncOut.recorder.counts.scheduled,
      s.month.profile,
      s.cal.requestBytes,
      pollers,
      prices,
    );
  }
  const at = (minute: number) => new Date(NOMINAL_MONTH_START + minute * 60_000).toISOString();
  const hop = o.hop;
  const assumptions: Assumption[] = [
    ...s.cal.assumptions.map((a) =>
      a.name === "async.hop" && hop !== undefined
        ? {
            ...a,
            kind: "set" as const,
            value: Math.round(hop.mean * 1e6) / 1e3,
            source: hop.description,
          }
        : a,
    ),
    ...(o.resultHop === undefined || o.designs === "sync"
      ? []
      : [
          {
            name: "async.resultHop",
            kind: "set" as const,
            value: Math.round(o.resultHop.mean * 1e6) / 1e3,
            unit: "ms",
            source: o.resultHop.description,
          },
        ]),
    ...(o.host === undefined || o.designs === "sync" ? [] : o.host.assumptions),
    ...parameterAssumptions(o.designs, s.syncP, s.asyncP, o, s.calibrated),
  ];
  return {
    schemaVersion: RESULT_SCHEMA_VERSION,
    origin: "projection",
    assumptions,
    projection: {
      traffic: s.month.description,
      monthlyRequests: s.month.profile.monthlyRequests,
      windowStartMinute: s.start,
      windowMinutes: o.windowMinutes,
      seed: o.seed,
      cost,
    },
    runId: `projection-${o.run?.runId ?? "assumed"}-seed${o.seed}`,
    startedAt: at(s.start),
    finishedAt: at(s.start + o.windowMinutes),
    tool: { name: "queueshift-projection", version: "0.1.0" },
    scenario: {
      name: "projection",
      description: `${s.month.description}; window minutes ${s.start}-${s.start + o.windowMinutes} of the month (timestamps nominal)`,
      definition: {
        traffic: o.traffic.kind === "shape" ? o.traffic : { kind: "rates", name: o.traffic.name },
        bursts: (o.bursts ?? []).map((b) => b.text),
        windowMinutes: o.windowMinutes,
        warmupMinutes: o.warmupMinutes,
        intervalSeconds: o.intervalSeconds,
        seed: o.seed,
        sourceRun: o.run?.runId ?? null,
      },
    },
    machine: {
      cpuModel: "none (simulated)",
      cores: 1,
      memoryBytes: 0,
      os: "none (simulated)",
      node: "none (simulated)",
    },
    versions: {},
    broker: null,
    architectures: architectures as ResultDocument["architectures"],
    outcome: { status: "completed" },
  };
}
