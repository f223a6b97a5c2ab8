import { PHASE_CODES, type SeriesColumn, type TimeSeries } from "@queueshift/shared-model";
import type { IntervalSnapshot, Output } from "../metrics/engine.js";
import { isCounterColumn } from "../metrics/interval-sink.js";

/**
 * The result document's 1 s series: one row per closed interval, in the order of `columns`
 * (columns of the shared-model contract only). Counters the interval did not touch are 0,
 * gauges it did not sample are null. Memory is one small row per second.
 */
export class TimeSeriesOutput implements Output {
  readonly columns: readonly SeriesColumn[];
  readonly #rows: (number | null)[][] = [];

  constructor(columns: readonly SeriesColumn[]) {
    this.columns = columns;
  }

  start(): void {}

  /** Appends the interval as a row. */
  add(interval: IntervalSnapshot): void {
    this.#rows.push(this.columns.map((c) => cell(c, interval)));
  }

  stop(): void {}

  /** The series as the result document stores it. */
  build(): TimeSeries {
    return { intervalSeconds: 1, columns: [...this.columns], rows: this.#rows };
  }
}

function cell(column: SeriesColumn, interval: IntervalSnapshot): number | null {
  if (column === "t") return Math.round(interval.t * 1_000) / 1_000;
  if (column === "phase") return interval.phase === undefined ? null : PHASE_CODES[interval.phase];
  return interval.values[column] ?? (isCounterColumn(column) ? 0 : null);
}
