import { SERIES_COLUMNS, type SeriesColumn, type TimeSeries } from "@queueshift/shared-model";
import { Histogram } from "../metrics/histogram.js";

// Counters (unit count/interval) start every interval at 0; gauges start at null ("not sampled").
const COUNTER_COLUMNS: ReadonlySet<SeriesColumn> = new Set(
  (Object.keys(SERIES_COLUMNS) as SeriesColumn[]).filter(
    (c) => SERIES_COLUMNS[c].unit === "count/interval",
  ),
);

/**
 * Builds a columnar time series one interval at a time: counters accumulate until `flush`,
 * gauges keep their last value, two interval histograms give p50/p99 and are reset each row,
 * so memory is flat however long the run. Gauges not sampled in an interval are null. Only
 * columns of the shared-model contract (`SERIES_COLUMNS`) can be written.
 */
export class SeriesBuilder {
  readonly columns: readonly SeriesColumn[];
  readonly #index: ReadonlyMap<SeriesColumn, number>;
  readonly #rows: (number | null)[][] = [];
  #current: (number | null)[];
  readonly #latency = new Histogram();
  readonly #submit = new Histogram();

  constructor(columns: readonly SeriesColumn[]) {
    this.columns = columns;
    this.#index = new Map(columns.map((c, i) => [c, i]));
    this.#current = this.#blank();
  }

  /** Adds `n` to a counter column of the open interval. */
  count(column: SeriesColumn, n = 1): void {
    const i = this.#at(column);
    this.#current[i] = (this.#current[i] ?? 0) + n;
  }

  /** Sets a gauge column of the open interval. */
  set(column: SeriesColumn, value: number): void {
    this.#current[this.#at(column)] = value;
  }

  /** Records a latency (us) into the interval's p50/p99 (`submit` feeds `submitP99Us`). */
  latency(us: number, kind: "main" | "submit" = "main"): void {
    (kind === "main" ? this.#latency : this.#submit).record(us);
  }

  /** Closes the open interval as a row at `t` seconds and starts the next one. */
  flush(t: number): void {
    this.set("t", Math.round(t * 1_000) / 1_000);
    if (this.#latency.count > 0) {
      this.set("p50Us", this.#latency.percentile(50));
      this.set("p99Us", this.#latency.percentile(99));
    }
    if (this.#submit.count > 0 && this.#index.has("submitP99Us")) {
      this.set("submitP99Us", this.#submit.percentile(99));
    }
    this.#latency.reset();
    this.#submit.reset();
    this.#rows.push(this.#current);
    this.#current = this.#blank();
  }

  /** The series as the result document stores it. */
  build(): TimeSeries {
    return { intervalSeconds: 1, columns: [...this.columns], rows: this.#rows };
  }

  #at(column: SeriesColumn): number {
    const i = this.#index.get(column);
    if (i === undefined) throw new Error(`unknown time series column "${column}"`);
    return i;
  }

  #blank(): (number | null)[] {
    return this.columns.map((c) => (COUNTER_COLUMNS.has(c) ? 0 : null));
  }
}
