import type { TimeSeries } from "@queueshift/shared-model";
import { Histogram } from "../metrics/histogram.js";

/** Columns of every architecture's 1 s time series (latencies in us, CPU in cores). */
export const COMMON_COLUMNS = [
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
] as const;

/** Extra columns of the async series. */
export const ASYNC_COLUMNS = [
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
] as const;

// Counters start every interval at 0; gauges start at null ("not sampled").
const COUNTER_COLUMNS = new Set([
  "offered",
  "sent",
  "missed",
  "achieved",
  "errors",
  "timeouts",
  "accepted",
  "coldStarts",
  "invocations",
]);

/** Numeric codes of the `phase` column (the document's series are numbers only). */
export const PHASE_CODES = { warmup: 0, measure: 1, drain: 2 } as const;

/**
 * Builds a columnar time series one interval at a time: counters accumulate until `flush`,
 * gauges keep their last value, two interval histograms give p50/p99 and are reset each row,
 * so memory is flat however long the run. Gauges not sampled in an interval are null.
 */
export class SeriesBuilder {
  readonly columns: readonly string[];
  readonly #index: ReadonlyMap<string, number>;
  readonly #rows: (number | null)[][] = [];
  #current: (number | null)[];
  readonly #latency = new Histogram();
  readonly #submit = new Histogram();

  constructor(columns: readonly string[]) {
    this.columns = columns;
    this.#index = new Map(columns.map((c, i) => [c, i]));
    this.#current = this.#blank();
  }

  /** Adds `n` to a counter column of the open interval. */
  count(column: string, n = 1): void {
    const i = this.#at(column);
    this.#current[i] = (this.#current[i] ?? 0) + n;
  }

  /** Sets a gauge column of the open interval. */
  set(column: string, value: number): void {
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

  #at(column: string): number {
    const i = this.#index.get(column);
    if (i === undefined) throw new Error(`unknown time series column "${column}"`);
    return i;
  }

  #blank(): (number | null)[] {
    return this.columns.map((c) => (COUNTER_COLUMNS.has(c) ? 0 : null));
  }
}
