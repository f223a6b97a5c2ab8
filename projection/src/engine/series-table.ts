import { PHASE_CODES, type TimeSeries } from "@queueshift/shared-model";
import type { IntervalFigures, MeasureWindow } from "./recorder.js";

/** Accumulates the rows of a result document's columnar time series. */
export class SeriesTable {
  readonly #columns: readonly string[];
  readonly #rows: (number | null)[][] = [];
  readonly #interval: number;

  constructor(columns: readonly string[], intervalSeconds: number) {
    this.#columns = columns;
    this.#interval = intervalSeconds;
  }

  /** Appends the row of the interval ending at `t`; columns missing from `values` are null. */
  add(
    t: number,
    window: MeasureWindow,
    common: IntervalFigures,
    values: Readonly<Record<string, number | null>>,
  ): void {
    const phase =
      t <= window.start
        ? PHASE_CODES.warmup
        : t <= window.end
          ? PHASE_CODES.measure
          : PHASE_CODES.drain;
    const row: Record<string, number | null> = {
      t: Math.round(t * 1_000) / 1_000,
      phase,
      offered: common.offered,
      sent: common.offered,
      missed: 0,
      achieved: common.achieved,
      inFlight: Math.round(common.meanInSystem * 1_000) / 1_000,
      p50Us: common.p50Us,
      p99Us: common.p99Us,
      errors: common.errors,
      timeouts: common.timeouts,
      ...values,
    };
    this.#rows.push(this.#columns.map((c) => row[c] ?? null));
  }

  /** The series as the result document keeps it. */
  build(): TimeSeries {
    return { intervalSeconds: this.#interval, columns: [...this.#columns], rows: this.#rows };
  }
}
