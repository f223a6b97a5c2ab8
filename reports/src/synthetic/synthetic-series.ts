import {
  ASYNC_SERIES_COLUMNS,
  COMMON_SERIES_COLUMNS,
  PHASE_CODES,
  type SeriesColumn,
} from "@queueshift/shared-model";

/** What the simulation decided for one second of a synthetic run. */
export interface SyntheticSecond {
  /** Index of the second from the architecture's start. */
  readonly index: number;
  readonly warmup: boolean;
  readonly arrivals: number;
  /** Async: jobs the consumers finished this second (at most their capacity). */
  readonly processed: number;
  /** Async: jobs waiting in the queue at the end of the second. */
  readonly backlog: number;
  /** Async: jobs/s the consumers drain. */
  readonly capacity: number;
  /** Async: environments started cold this second. */
  readonly cold: number;
  /** Async: messages in the dead-letter queue. */
  readonly dlq: number;
  /** The second's latencies (ms), sorted ascending. */
  readonly sortedMs: readonly number[];
}

type Row<C extends SeriesColumn> = Record<C, number | null>;
type CommonColumn = (typeof COMMON_SERIES_COLUMNS)[number];
type AsyncColumn = (typeof ASYNC_SERIES_COLUMNS)[number];

/** The contract's columns a synthetic run of `kind` writes, in the harness's order. */
export function syntheticColumns(kind: "sync" | "async"): SeriesColumn[] {
  return kind === "sync"
    ? [...COMMON_SERIES_COLUMNS]
    : [...COMMON_SERIES_COLUMNS, ...ASYNC_SERIES_COLUMNS];
}

/** The value at quantile `q` of an ascending list (0 when empty). */
export function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

const round3 = (x: number) => Math.round(x * 1_000) / 1_000;

function commonRow(kind: "sync" | "async", s: SyntheticSecond): Row<CommonColumn> {
  return {
    t: s.index + 1, // the harness stamps a row when its interval closes
    phase: s.warmup ? PHASE_CODES.warmup : PHASE_CODES.measure,
    offered: s.arrivals,
    sent: s.arrivals,
    missed: 0,
    achieved: s.arrivals,
    inFlight: Math.round(s.arrivals * 0.05),
    p50Us: quantile(s.sortedMs, 0.5) * 1_000,
    p99Us: quantile(s.sortedMs, 0.99) * 1_000,
    errors: 0,
    timeouts: 0,
    harnessCpu: round3(0.02 + s.arrivals * 0.0005),
    stackCpu: round3(s.arrivals * (kind === "sync" ? 0.004 : 0.002)),
    stackRssMB: round3((kind === "sync" ? 120e6 : 180e6) / 2 ** 20),
  };
}

function asyncRow(s: SyntheticSecond): Row<AsyncColumn> {
  const busy = Math.max(1, Math.ceil(s.processed / 10 / 5));
  const queueInFlight = Math.round(s.processed * 0.2);
  const batches = Math.ceil(s.processed / 8);
  return {
    accepted: s.arrivals,
    // Submit latencies are modelled as 3 % of the end-to-end ones plus 1 ms (see archResult).
    submitP99Us: (quantile(s.sortedMs, 0.99) * 0.03 + 1) * 1_000,
    jobsInFlight: s.backlog + queueInFlight,
    queueVisible: s.backlog,
    queueInFlight,
    dlq: s.dlq,
    oldestUnfinishedAgeMs: Math.round((s.backlog / s.capacity) * 1_000),
    envBusy: busy,
    envIdle: Math.max(0, 5 - busy),
    envStarting: s.cold,
    coldStarts: s.cold,
    invocations: batches,
    // Schema 2: the mapping's scaling follows the backlog up to the busy environments.
    concurrencyTarget: Math.max(2, busy),
    pollers: Math.max(2, busy),
    invocationsInFlight: busy,
    throttles: 0,
    batches,
    batchSizeMean: batches > 0 ? Math.round((s.processed / batches) * 100) / 100 : null,
    envStopped: 0,
  };
}

/** One time-series row of a synthetic second, in `syntheticColumns(kind)` order. */
export function syntheticRow(kind: "sync" | "async", s: SyntheticSecond): (number | null)[] {
  const common = commonRow(kind, s);
  const values: Partial<Row<SeriesColumn>> =
    kind === "sync" ? common : { ...common, ...asyncRow(s) };
  return syntheticColumns(kind).map((c) => values[c] ?? null);
}
