import { type Static, type TSchema, Type } from "@sinclair/typebox";
import { TypeCompiler } from "@sinclair/typebox/compiler";
import { pointerToField } from "../contracts.js";
import type { FieldIssue } from "../errors.js";

// Over ~250 lines on purpose: this is the one schema reports and runs must agree on, read top to
// bottom; its parts are not concepts of their own.

/**
 * Bumped on any change of the document; reports read every version in
 * `READABLE_SCHEMA_VERSIONS`. 2: the async series gained the platform's scaling columns
 * (concurrencyTarget ... envStopped); a version-1 document is the same shape without them.
 */
export const RESULT_SCHEMA_VERSION = 2;

/** Versions this code reads (older documents lack only columns that readers treat as absent). */
export const READABLE_SCHEMA_VERSIONS = [1, RESULT_SCHEMA_VERSION] as const;

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** One HDR histogram, values in microseconds, kept encoded so runs can be merged and diffed later. */
export const EncodedHistogram = Type.Object({
  unit: Type.Literal("us"),
  /** hdr-histogram-js compressed base64. */
  encoded: Type.String(),
  count: Type.Integer({ minimum: 0 }),
  min: Type.Number(),
  mean: Type.Number(),
  max: Type.Number(),
  p50: Type.Number(),
  p90: Type.Number(),
  p99: Type.Number(),
  p999: Type.Number(),
});
export type EncodedHistogram = Static<typeof EncodedHistogram>;

/** A named stretch of the run, seconds from the run's start. */
export const Phase = Type.Object({
  name: Type.Union([Type.Literal("warmup"), Type.Literal("measure"), Type.Literal("drain")]),
  startSeconds: Type.Number({ minimum: 0 }),
  endSeconds: Type.Number({ minimum: 0 }),
});
export type Phase = Static<typeof Phase>;

/** Columnar 1 s time series: `rows[i][j]` is column `columns[j]` in interval i (null = not sampled). */
export const TimeSeries = Type.Object({
  intervalSeconds: Type.Number({ exclusiveMinimum: 0 }),
  columns: Type.Array(Type.String()),
  rows: Type.Array(Type.Array(Nullable(Type.Number()))),
});
export type TimeSeries = Static<typeof TimeSeries>;

/** Counters of one architecture's run. */
export const Counters = Type.Object({
  /** Arrivals the schedule asked for. */
  scheduled: Type.Integer({ minimum: 0 }),
  /** Requests actually sent. */
  sent: Type.Integer({ minimum: 0 }),
  /** Arrivals the generator could not send on time (counted, never skipped silently). */
  missed: Type.Integer({ minimum: 0 }),
  /** Sync: 2xx responses. Async: jobs whose result arrived. */
  succeeded: Type.Integer({ minimum: 0 }),
  /** Non-2xx responses or transport errors. */
  failed: Type.Integer({ minimum: 0 }),
  timeouts: Type.Integer({ minimum: 0 }),
  statusCodes: Type.Record(Type.String(), Type.Integer({ minimum: 0 })),
  /** Async only: jobs in the DLQ at the end, result duplicates, redeliveries, jobs never accounted for. */
  dlq: Type.Optional(Type.Integer({ minimum: 0 })),
  duplicates: Type.Optional(Type.Integer({ minimum: 0 })),
  retries: Type.Optional(Type.Integer({ minimum: 0 })),
  lost: Type.Optional(Type.Integer({ minimum: 0 })),
  coldStarts: Type.Optional(Type.Integer({ minimum: 0 })),
  invocations: Type.Optional(Type.Integer({ minimum: 0 })),
  /** Async only: messages read but not deleted (jobs by the event source mapping, results by the collector). */
  deleteFailures: Type.Optional(Type.Integer({ minimum: 0 })),
  /** Async only: failed SQS calls of the harness's result collector (each also logged). */
  harnessErrors: Type.Optional(Type.Integer({ minimum: 0 })),
});
export type Counters = Static<typeof Counters>;

/** CPU and memory of one process of the run (feeds the cost model). */
export const ResourceUse = Type.Object({
  component: Type.String(),
  cpuSeconds: Type.Number({ minimum: 0 }),
  peakRssBytes: Type.Number({ minimum: 0 }),
});
export type ResourceUse = Static<typeof ResourceUse>;

/** Lambda usage of the async run, as billed (REPORT lines summed). */
export const MeasuredLambdaUsage = Type.Object({
  memorySizeMB: Type.Integer({ minimum: 128 }),
  architecture: Type.Union([Type.Literal("x86_64"), Type.Literal("arm64")]),
  invocations: Type.Integer({ minimum: 0 }),
  coldStarts: Type.Integer({ minimum: 0 }),
  environmentsCreated: Type.Integer({ minimum: 0 }),
  billedDurationMsTotal: Type.Number({ minimum: 0 }),
  initDurationMsTotal: Type.Number({ minimum: 0 }),
  maxMemoryUsedMB: Type.Number({ minimum: 0 }),
  batchSizeMean: Type.Number({ minimum: 0 }),
  maxConcurrency: Type.Integer({ minimum: 0 }),
});
export type MeasuredLambdaUsage = Static<typeof MeasuredLambdaUsage>;

/** SQS API calls the run made (for the cost model's request counts). */
export const MeasuredQueueUsage = Type.Object({
  sends: Type.Integer({ minimum: 0 }),
  receives: Type.Integer({ minimum: 0 }),
  emptyReceives: Type.Integer({ minimum: 0 }),
  deletes: Type.Integer({ minimum: 0 }),
  meanMessageBytes: Type.Number({ minimum: 0 }),
});
export type MeasuredQueueUsage = Static<typeof MeasuredQueueUsage>;

/**
 * Async, built-in handler: an environment's analyses grouped by their place in it (`from`..`to`,
 * 1 = its first; the last group, `to` null, holds the rest: the warm ones), over every phase's
 * jobs. A fresh environment runs its first analyses before the JIT has compiled the code, at
 * several times the warm CPU time; a projection scales a new environment's first handler draws
 * by these means over the warm group's (projection/, issue 13).
 */
export const AnalysesByOrdinal = Type.Object({
  from: Type.Integer({ minimum: 1 }),
  to: Nullable(Type.Integer({ minimum: 1 })),
  count: Type.Integer({ minimum: 0 }),
  /** Mean handler time (handlerEnd - handlerStart), us. */
  meanHandlerUs: Type.Number({ minimum: 0 }),
  /** Mean CPU time of the analysis, us; null when the handler did not measure it. */
  meanHandlerCpuUs: Nullable(Type.Number({ minimum: 0 })),
});
export type AnalysesByOrdinal = Static<typeof AnalysesByOrdinal>;

/**
 * Async, built-in handler: an environment's invocations grouped by their place in it, like
 * `AnalysesByOrdinal`, over every phase. A group's overhead is its invocations' mean time besides
 * their delivered records' analyses (REPORT Duration less the records' handler time; the runtime's
 * CPU time less their CPU time): a fresh environment's first invocations run the runtime's, the
 * parser's and the publisher's code before the JIT has compiled it (projection/, issue 13).
 */
export const InvocationsByOrdinal = Type.Object({
  from: Type.Integer({ minimum: 1 }),
  to: Nullable(Type.Integer({ minimum: 1 })),
  count: Type.Integer({ minimum: 0 }),
  /** Mean REPORT Duration, us. */
  meanDurationUs: Type.Number({ minimum: 0 }),
  /**
   * Mean REPORT Duration less the records' handler time, us (negative when a batch's records
   * waited side by side: an injected sleep counts in each record's handler time).
   */
  meanOverheadUs: Type.Number(),
  /**
   * Mean CPU time of the runtime's process over the invocation, us, of the invocations that said
   * it (a timed-out or crashed one does not); null when none did.
   */
  meanCpuUs: Nullable(Type.Number({ minimum: 0 })),
  /** `meanCpuUs` less the records' CPU time, us; null when either was not measured. */
  meanOverheadCpuUs: Nullable(Type.Number()),
});
export type InvocationsByOrdinal = Static<typeof InvocationsByOrdinal>;

/**
 * The measurement of one architecture. Histogram names: sync `latency`, `serviceTime` (send ->
 * response) and, when the target states its own time in `Server-Timing`, `serviceInWorker`
 * (absent in older runs and for targets without the header); async `latency`
 * (end to end: result available - intended submit time), `submit`, `queueWait`, `batchWait`,
 * `init`, `handler`, and with the built-in handler `handlerWarm` and `handlerCpuWarm` (the
 * analyses after an environment's first `analysesByOrdinal` groups) and with the built-in runtime
 * `initCpu` (INIT's CPU time). Extra names are allowed.
 */
export const ArchitectureResult = Type.Object({
  architecture: Type.Union([Type.Literal("sync"), Type.Literal("async")]),
  settings: Type.Record(Type.String(), Type.Unknown()),
  phases: Type.Array(Phase),
  offeredRate: Type.Number({ minimum: 0 }),
  achievedRate: Type.Number({ minimum: 0 }),
  counters: Counters,
  histograms: Type.Record(Type.String(), EncodedHistogram),
  timeSeries: TimeSeries,
  resources: Type.Array(ResourceUse),
  lambda: Type.Optional(MeasuredLambdaUsage),
  queue: Type.Optional(MeasuredQueueUsage),
  /** Async: analyses by their place in their environment (absent for handlers that do not say). */
  analysesByOrdinal: Type.Optional(Type.Array(AnalysesByOrdinal)),
  invocationsByOrdinal: Type.Optional(Type.Array(InvocationsByOrdinal)),
  /** Per-worker capacity measured or inferred for the sync cost model (requests/s per vCPU). */
  capacityPerVcpu: Type.Optional(Type.Number({ minimum: 0 })),
  /**
   * Projection only: the simulated usage that drives cost over the simulated window, by name
   * (e.g. `taskSeconds`, `invocations`, `gbSeconds`, `sqsRequests`, `apiRequests`).
   */
  usage: Type.Optional(Type.Record(Type.String(), Type.Number({ minimum: 0 }))),
  notes: Type.Array(Type.String()),
});
export type ArchitectureResult = Static<typeof ArchitectureResult>;

/** Where a document's figures come from: a run on this machine, or the projection engine. */
export const ResultOrigin = Type.Union([Type.Literal("local"), Type.Literal("projection")]);
export type ResultOrigin = Static<typeof ResultOrigin>;

/** One input of a projection, and whether it was measured by a run or assumed (with its source). */
export const Assumption = Type.Object({
  name: Type.String({ minLength: 1 }),
  kind: Type.Union([Type.Literal("measured"), Type.Literal("assumed"), Type.Literal("set")]),
  value: Type.Union([Type.Number(), Type.String(), Type.Boolean()]),
  unit: Type.Optional(Type.String()),
  source: Type.String(),
});
export type Assumption = Static<typeof Assumption>;

/** A projection's monthly cost of one design, from the cost model fed with simulated usage. */
export const ProjectedCost = Type.Object({
  total: Type.Number({ minimum: 0 }),
  items: Type.Array(
    Type.Object({
      component: Type.String(),
      quantity: Type.Number(),
      unit: Type.String(),
      cost: Type.Number(),
    }),
  ),
  notes: Type.Array(Type.String()),
});
export type ProjectedCost = Static<typeof ProjectedCost>;

/** What a projection simulated: the traffic, the window, the seed and the month's cost. */
export const ProjectionSummary = Type.Object({
  traffic: Type.String(),
  monthlyRequests: Type.Number({ minimum: 0 }),
  windowStartMinute: Type.Integer({ minimum: 0 }),
  windowMinutes: Type.Integer({ minimum: 1 }),
  seed: Type.Integer(),
  cost: Type.Object({ sync: Type.Optional(ProjectedCost), async: Type.Optional(ProjectedCost) }),
});
export type ProjectionSummary = Static<typeof ProjectionSummary>;

/** The whole run: the one file reports read. */
export const ResultDocument = Type.Object({
  schemaVersion: Type.Union(READABLE_SCHEMA_VERSIONS.map((v) => Type.Literal(v))),
  /** Absent in documents written before projections existed: read it as "local". */
  origin: Type.Optional(ResultOrigin),
  /** Projection only: every input it used, measured or assumed. */
  assumptions: Type.Optional(Type.Array(Assumption)),
  projection: Type.Optional(ProjectionSummary),
  runId: Type.String({ minLength: 1 }),
  startedAt: Type.String(),
  finishedAt: Type.String(),
  tool: Type.Object({ name: Type.String(), version: Type.String() }),
  scenario: Type.Object({
    name: Type.String(),
    description: Type.String(),
    definition: Type.Unknown(),
  }),
  machine: Type.Object({
    cpuModel: Type.String(),
    cores: Type.Integer({ minimum: 1 }),
    memoryBytes: Type.Number({ minimum: 0 }),
    os: Type.String(),
    node: Type.String(),
    /**
     * Linux's `kernel.sched_autogroup_enabled`: when true, the processes of one session (the
     * harness and the broker and enqueue API it starts) share one scheduling entity, which gets
     * one entity's share of the cores beside each environment's group. Absent off Linux or where
     * unreadable, and in documents written before 2026-12-05.
     */
    schedAutogroup: Type.Optional(Type.Boolean()),
  }),
  versions: Type.Record(Type.String(), Type.String()),
  /**
   * CPU as AWS gives it: each execution environment under a quota of its memory size's share
   * (min(1, MB / 1,769) of a core) and each sync task under its vCPU; or not, and why (then every
   * duration was measured at full core). Absent in documents written before CPU shares existed.
   */
  cpuShares: Type.Optional(
    Type.Union([
      Type.Object({
        status: Type.Literal("applied"),
        mechanism: Type.Union([Type.Literal("cgroup-v1"), Type.Literal("cgroup-v2")]),
        /** The run's groups are `<root>-<label>-<n>` (beside the host's processes, not nested). */
        root: Type.String(),
      }),
      Type.Object({ status: Type.Literal("not-applied"), reason: Type.String() }),
    ]),
  ),
  /**
   * Where the stacks ran: as processes (the default) or in containers of the project's images
   * (`--target containers`), with each image's name, id and size. Absent: processes.
   */
  deployment: Type.Optional(
    Type.Object({
      target: Type.Union([Type.Literal("processes"), Type.Literal("containers")]),
      images: Type.Array(
        Type.Object({ name: Type.String(), id: Type.String(), sizeBytes: Type.Number() }),
      ),
    }),
  ),
  broker: Nullable(
    Type.Object({
      kind: Type.String(),
      reason: Type.String(),
      endpoint: Type.String(),
      version: Type.Optional(Type.String()),
    }),
  ),
  architectures: Type.Array(ArchitectureResult, { minItems: 1, maxItems: 2 }),
  /** Whether the run finished as planned, and if not, why. */
  outcome: Type.Object({
    status: Type.Union([
      Type.Literal("completed"),
      Type.Literal("interrupted"),
      Type.Literal("failed"),
      // Ran to the end but lost accepted jobs (named in lostJobIds): no recommendation.
      Type.Literal("degraded"),
    ]),
    message: Type.Optional(Type.String()),
    /** The first ids of accepted jobs found neither among the results nor in the DLQ. */
    lostJobIds: Type.Optional(Type.Array(Type.String(), { maxItems: 50 })),
  }),
});
export type ResultDocument = Static<typeof ResultDocument>;

const compiledResult = TypeCompiler.Compile(ResultDocument);

/** Every way a value fails to be a result document (empty when it is one). */
export function resultDocumentIssues(value: unknown): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const e of compiledResult.Errors(value)) {
    issues.push({ path: pointerToField(e.path), message: e.message });
    if (issues.length >= 50) break;
  }
  return issues;
}

/** Narrows a parsed JSON value to a result document, or throws listing what is wrong. */
export function assertResultDocument(value: unknown): ResultDocument {
  if (compiledResult.Check(value)) return value;
  const version = (value as { schemaVersion?: unknown } | null)?.schemaVersion;
  const head =
    version !== undefined && !(READABLE_SCHEMA_VERSIONS as readonly unknown[]).includes(version)
      ? `result schema version ${String(version)} is not supported (this tool reads ${READABLE_SCHEMA_VERSIONS.join(", ")})`
      : "not a valid result document";
  const details = resultDocumentIssues(value)
    .slice(0, 10)
    .map((i) => `${i.path}: ${i.message}`)
    .join("; ");
  throw new Error(`${head}: ${details}`);
}
