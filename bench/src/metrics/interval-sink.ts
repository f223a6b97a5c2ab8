import { SERIES_COLUMNS, type SeriesColumn } from "@queueshift/shared-model";
import type { EnvironmentCounts, ScalingSample } from "../lambda/samples.js";
import { Histogram } from "./histogram.js";

/** What one closed 1 s interval holds, by series column (absent = not sampled). */
export type IntervalValues = Readonly<Partial<Record<SeriesColumn, number>>>;

// Counters (unit count/interval) restart at 0 every interval; gauges restart unsampled.
const COUNTER_COLUMNS: ReadonlySet<SeriesColumn> = new Set(
  (Object.keys(SERIES_COLUMNS) as SeriesColumn[]).filter(
    (c) => SERIES_COLUMNS[c].unit === "count/interval",
  ),
);

/** True for the columns that count per interval (and so start each row at 0). */
export function isCounterColumn(column: SeriesColumn): boolean {
  return COUNTER_COLUMNS.has(column);
}

/**
 * The engine's 1 s sink: counters, gauges and two interval histograms (completions and async
 * submits) keyed by series column, emptied by `close()`. The platform's state (environments,
 * scaling) is sticky: the last control tick's value holds until the next one, and environments
 * read 0 before the first, as an empty pool has none.
 */
export class IntervalSink {
  readonly #values = new Map<SeriesColumn, number>();
  readonly #latency = new Histogram();
  readonly #submit = new Histogram();
  #environments: EnvironmentCounts = { busy: 0, idle: 0, starting: 0 };
  #scaling: ScalingSample | undefined;
  #batchRecords = 0;

  /** Adds `n` to a counter column. */
  count(column: SeriesColumn, n = 1): void {
    this.#values.set(column, (this.#values.get(column) ?? 0) + n);
  }

  /** Sets a gauge column. */
  set(column: SeriesColumn, value: number): void {
    this.#values.set(column, value);
  }

  /** A completion's latency (us), or an async submit's (`submit`). */
  latency(us: number, kind: "main" | "submit" = "main"): void {
    (kind === "main" ? this.#latency : this.#submit).record(us);
  }

  /** One batch of `size` records (for the interval's mean batch size). */
  batch(size: number): void {
    this.count("batches");
    this.#batchRecords += size;
  }

  /** The mapping's control tick: environments and scaling state until the next tick. */
  scaling(s: ScalingSample): void {
    this.#environments = s.environments;
    this.#scaling = s;
  }

  /** The interval's values; resets counters, gauges and histograms for the next one. */
  close(): IntervalValues {
    const v = this.#values;
    if (this.#latency.count > 0) {
      v.set("p50Us", this.#latency.percentile(50));
      v.set("p99Us", this.#latency.percentile(99));
    }
    if (this.#submit.count > 0) v.set("submitP99Us", this.#submit.percentile(99));
    const batches = v.get("batches") ?? 0;
    if (batches > 0) v.set("batchSizeMean", Math.round((this.#batchRecords / batches) * 100) / 100);
    v.set("envBusy", this.#environments.busy);
    v.set("envIdle", this.#environments.idle);
    v.set("envStarting", this.#environments.starting);
    const s = this.#scaling;
    if (s !== undefined) {
      v.set("concurrencyTarget", s.concurrencyTarget);
      v.set("pollers", s.pollers);
      v.set("invocationsInFlight", s.invocationsInFlight);
    }
    const out: IntervalValues = Object.fromEntries(v);
    v.clear();
    this.#latency.reset();
    this.#submit.reset();
    this.#batchRecords = 0;
    return out;
  }
}
