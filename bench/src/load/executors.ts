import { epochMs } from "../clock/index.js";
import type { Histogram } from "../metrics/histogram.js";
import type { LoadSample } from "../metrics/samples.js";
import type { ClosedSpec, LoadSpec, WarmupSpec } from "../scenario/scenario-types.js";
import { runClosedLoop } from "./closed-loop.js";
import { runClosedModel } from "./closed-model.js";
import { runOpenModel } from "./open-model.js";
import { createSchedule } from "./schedule.js";
import type { ScheduleSpec } from "./schedule-spec.js";
import type { Send } from "./send.js";
import type { BodyChooser } from "./workload-mix.js";

/** The sync target as autocannon loads it: the same method, headers and bodies as `send`. */
export interface AutocannonTarget {
  readonly url: string;
  readonly method?: "GET" | "POST" | "PUT" | "DELETE";
  readonly headers?: Readonly<Record<string, string>>;
  /** One body for every request, a body per request index, or none (GET). */
  readonly body?: string | BodyChooser;
  readonly allowNonLoopback?: boolean;
}

/** What every executor run gets: where to send, where its samples go. */
export interface ExecutorContext {
  readonly send: Send;
  readonly signal: AbortSignal;
  readonly onSample: (s: LoadSample) => void;
  /** Receives the epoch ms at which the run's time 0 lies (to place intended times). */
  readonly onStart?: (startEpochMs: number) => void;
  /** Microseconds in-flight sends may finish after the last arrival (open model). */
  readonly graceUs: number;
  /**
   * Max-throughput target for autocannon (the sync side's closed measurement). Without it the
   * closed executor runs the harness's own closed loop through `send`, which emits samples.
   */
  readonly autocannon?: AutocannonTarget;
}

/** What an executor run did, beyond the samples it emitted. */
export interface ExecutorRun {
  readonly scheduled: number;
  readonly sent: number;
  readonly missed: number;
  readonly durationSeconds: number;
  readonly notes: string[];
  /** Figures measured outside the sample stream (autocannon keeps its own). */
  readonly external?: {
    readonly errors: number;
    readonly timeouts: number;
    readonly statusCodes: Readonly<Record<string, number>>;
    readonly latency: Histogram;
  };
}

/** One kind of load (k6's executor): runs its spec, derives its warm-up. */
export interface Executor<S extends LoadSpec> {
  run(spec: S, ctx: ExecutorContext): Promise<ExecutorRun>;
  /** The warm-up run for a scenario of this kind (undefined: none). */
  warmup(spec: S, warmup: WarmupSpec): LoadSpec | undefined;
  /** True when the schedule's end is known in advance (the drain phase can start on time). */
  readonly endsOnSchedule: boolean;
}

// Late generator sends are tolerated up to 2 s and still timed from their intended time: on 2
// shared cores GC or a busy stack delay the generator now and then.
const LAG_THRESHOLD_US = 2_000_000;

async function runOpen(spec: ScheduleSpec, ctx: ExecutorContext): Promise<ExecutorRun> {
  const schedule = createSchedule(spec);
  ctx.onStart?.(epochMs());
  const model = await runOpenModel({
    schedule,
    send: ctx.send,
    signal: ctx.signal,
    graceUs: ctx.graceUs,
    lagThresholdUs: LAG_THRESHOLD_US,
    onSample: ctx.onSample,
  });
  return {
    scheduled: Math.round(schedule.expectedArrivals),
    sent: model.sent,
    missed: model.missed["generator-lag"] + model.missed["max-in-flight"],
    durationSeconds: schedule.profile.duration,
    notes: model.aborted ? [`interrupted: ${model.notOffered} arrivals not offered`] : [],
  };
}

function openExecutor<S extends ScheduleSpec>(): Executor<S> {
  return {
    run: runOpen,
    warmup: (_spec, w) =>
      w.duration > 0 && w.rate > 0
        ? { executor: "constant-arrival-rate", rate: w.rate, duration: w.duration }
        : undefined,
    endsOnSchedule: true,
  };
}

async function runClosed(spec: ClosedSpec, ctx: ExecutorContext): Promise<ExecutorRun> {
  if (ctx.autocannon !== undefined) {
    // autocannon runs its fixed duration; it cannot be interrupted half-way.
    const { url, method, headers, body, allowNonLoopback } = ctx.autocannon;
    const r = await runClosedModel({
      url,
      connections: spec.connections,
      durationSeconds: spec.duration,
      ...(method === undefined ? {} : { method }),
      ...(headers === undefined ? {} : { headers }),
      ...(body === undefined ? {} : { body }),
      ...(allowNonLoopback ? { allowNonLoopback } : {}),
    });
    const failed = Object.entries(r.statusCodes).reduce(
      (n, [c, k]) => n + (Number(c) >= 400 ? k : 0),
      0,
    );
    return {
      scheduled: r.requests,
      sent: r.requests,
      missed: 0,
      durationSeconds: r.durationSeconds,
      external: {
        errors: r.errors + failed,
        timeouts: r.timeouts,
        statusCodes: r.statusCodes,
        latency: r.latency,
      },
      notes: [
        "closed model (autocannon): latency is timed from the actual send, not an intended time (coordinated omission possible); no per-second load columns",
      ],
    };
  }
  ctx.onStart?.(epochMs());
  const r = await runClosedLoop({
    send: ctx.send,
    connections: spec.connections,
    durationUs: Math.round(spec.duration * 1e6),
    signal: ctx.signal,
    onSample: ctx.onSample,
  });
  const notes = [
    "closed model on the enqueue API: the harness's closed loop, not autocannon (job ids are needed to join results)",
  ];
  return { scheduled: r.sent, sent: r.sent, missed: 0, durationSeconds: spec.duration, notes };
}

/** The executors, keyed by `load.executor` (the scenario's discriminator). */
export const EXECUTORS: {
  readonly [K in LoadSpec["executor"]]: Executor<Extract<LoadSpec, { executor: K }>>;
} = {
  "constant-arrival-rate": openExecutor(),
  "ramping-arrival-rate": openExecutor(),
  spike: openExecutor(),
  closed: {
    run: runClosed,
    warmup: (spec, w) =>
      w.duration > 0
        ? { executor: "closed", connections: spec.connections, duration: w.duration }
        : undefined,
    endsOnSchedule: false,
  },
};

/** The executor registered for `spec.executor`. */
export function executorFor<S extends LoadSpec>(spec: S): Executor<S> {
  return EXECUTORS[spec.executor] as unknown as Executor<S>;
}
