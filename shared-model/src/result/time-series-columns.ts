/**
 * The columns of `ArchitectureResult.timeSeries`: the one contract between the harness that
 * writes the 1 s series and the reports that draw it. A column's name never changes meaning or
 * unit; a new unit means a new name. Values are numbers or null ("not sampled in that interval").
 */

/** Numeric codes of the `phase` column (the document's series hold numbers only). */
export const PHASE_CODES = { warmup: 0, measure: 1, drain: 2 } as const;

/** Units of the series columns; `count/interval` columns restart at 0 every interval. */
export type SeriesUnit = "s" | "code" | "count/interval" | "count" | "us" | "ms" | "cores" | "MiB";

/** Every column the harness may write, with its unit and what one value means. */
export const SERIES_COLUMNS = {
  t: {
    unit: "s",
    meaning:
      "seconds since the architecture's load clock started (after provisioning), at the row's end",
  },
  phase: { unit: "code", meaning: "load phase open at the interval's end (PHASE_CODES)" },
  offered: { unit: "count/interval", meaning: "arrivals the schedule asked for (sent + missed)" },
  sent: { unit: "count/interval", meaning: "requests actually sent" },
  missed: { unit: "count/interval", meaning: "arrivals the generator could not send on time" },
  achieved: {
    unit: "count/interval",
    meaning: "completions: sync, non-error responses; async, joined job results",
  },
  inFlight: { unit: "count", meaning: "HTTP requests sent and not yet answered" },
  p50Us: {
    unit: "us",
    meaning: "p50 latency from the intended send time (sync: responses; async: job results)",
  },
  p99Us: {
    unit: "us",
    meaning: "p99 latency from the intended send time (sync: responses; async: job results)",
  },
  errors: { unit: "count/interval", meaning: "responses with status >= 400 or transport errors" },
  timeouts: { unit: "count/interval", meaning: "requests the harness gave up waiting for" },
  harnessCpu: { unit: "cores", meaning: "CPU used by the harness itself (CPU s per wall s)" },
  stackCpu: { unit: "cores", meaning: "CPU used by the stack's component processes together" },
  stackRssMB: {
    unit: "MiB",
    meaning: "resident memory of the stack's component processes, summed",
  },
  accepted: { unit: "count/interval", meaning: "async: submissions answered 202 (job accepted)" },
  submitP99Us: { unit: "us", meaning: "async: p99 latency of the enqueue API's responses" },
  jobsInFlight: { unit: "count", meaning: "async: accepted jobs whose result has not arrived" },
  queueVisible: { unit: "count", meaning: "async: jobs queue, messages visible (waiting)" },
  queueInFlight: { unit: "count", meaning: "async: jobs queue, messages received, not deleted" },
  dlq: { unit: "count", meaning: "async: messages in the dead-letter queue (visible + in flight)" },
  oldestUnfinishedAgeMs: {
    unit: "ms",
    meaning: "async: age of the oldest unfinished job from its intended time (0 = none)",
  },
  envBusy: { unit: "count", meaning: "async: execution environments running a batch" },
  envIdle: { unit: "count", meaning: "async: execution environments started and idle" },
  envStarting: { unit: "count", meaning: "async: execution environments initialising (cold)" },
  coldStarts: {
    unit: "count/interval",
    meaning: "async: invocations that were cold starts (INIT)",
  },
  invocations: { unit: "count/interval", meaning: "async: handler invocations (batches)" },
  concurrencyTarget: {
    unit: "count",
    meaning: "async: concurrent batches the event source mapping's scaling allows (aws-facts 2.1)",
  },
  pollers: { unit: "count", meaning: "async: event source mapping pollers running" },
  invocationsInFlight: {
    unit: "count",
    meaning: "async: batches being invoked at the mapping's control tick (throttle retries too)",
  },
  throttles: { unit: "count/interval", meaning: "async: invocation attempts throttled" },
  batches: { unit: "count/interval", meaning: "async: batches the mapping handled" },
  batchSizeMean: { unit: "count", meaning: "async: mean records per batch handled (null = none)" },
  envStopped: {
    unit: "count/interval",
    meaning: "async: environments that ended (reaped, crashed, timed out, failed init, shut down)",
  },
} as const satisfies Record<string, { readonly unit: SeriesUnit; readonly meaning: string }>;

/** A column name of the contract. */
export type SeriesColumn = keyof typeof SERIES_COLUMNS;

/** Columns of every architecture's series, in the order the harness writes them. */
export const COMMON_SERIES_COLUMNS = [
  "t",
  "phase",
  "offered",
  "sent",
  "missed",
  "achieved",
  "inFlight",
  "p50Us",
  "p99Us",
  "errors",
  "timeouts",
  "harnessCpu",
  "stackCpu",
  "stackRssMB",
] as const satisfies readonly SeriesColumn[];

/** Columns the async series adds after `COMMON_SERIES_COLUMNS`, in order. */
export const ASYNC_SERIES_COLUMNS = [
  "accepted",
  "submitP99Us",
  "jobsInFlight",
  "queueVisible",
  "queueInFlight",
  "dlq",
  "oldestUnfinishedAgeMs",
  "envBusy",
  "envIdle",
  "envStarting",
  "coldStarts",
  "invocations",
  // Added in result schema 2: the platform's own scaling series.
  "concurrencyTarget",
  "pollers",
  "invocationsInFlight",
  "throttles",
  "batches",
  "batchSizeMean",
  "envStopped",
] as const satisfies readonly SeriesColumn[];
