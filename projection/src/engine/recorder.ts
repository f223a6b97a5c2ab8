import type { EncodedHistogram } from "@queueshift/shared-model";
import type { Histogram as HdrHistogram } from "hdr-histogram-js";
import { FastHistogram } from "./fast-histogram.js";
import { encodeHdr, newHdr } from "./histogram.js";

/** The measured stretch of simulated time: arrivals inside it count, the rest warm or drain. */
export interface MeasureWindow {
  /** Seconds: warm-up ends, measurement starts. */
  readonly start: number;
  /** Seconds: the last measured arrival is before this. */
  readonly end: number;
}

/** How a request left the system. */
export const Outcome = { ok: 0, timeout: 1, failed: 2 } as const;

/** Requests of the measured window, by how they ended (every arrival is in exactly one). */
export interface OutcomeCounts {
  scheduled: number;
  succeeded: number;
  timeouts: number;
  failed: number;
}

/**
 * Counts arrivals and departures, integrates the number in the system over time (Little's
 * law: L = lambda W, checked from the output) and keeps latencies in HDR histograms: one for
 * the measured window, one per interval for the series' p50/p99. Memory is flat: bucket counts
 * only, never a sample per request.
 */
export class Recorder {
  readonly counts: OutcomeCounts = { scheduled: 0, succeeded: 0, timeouts: 0, failed: 0 };
  readonly latency: HdrHistogram = newHdr();
  readonly #measuredInterval = new FastHistogram();
  readonly #otherInterval = new FastHistogram();
  readonly #row: HdrHistogram = newHdr();
  readonly #window: MeasureWindow;
  #inSystem = 0;
  #area = 0;
  #last = 0;
  #intervalStart = 0;
  #intervalDone = 0;
  #intervalErrors = 0;
  #intervalTimeouts = 0;
  #intervalOffered = 0;

  constructor(window: MeasureWindow) {
    this.#window = window;
  }

  /** Requests arrived and not yet gone. */
  get inSystem(): number {
    return this.#inSystem;
  }

  /** Whether an arrival at `t` belongs to the measured window. */
  measured(t: number): boolean {
    return t >= this.#window.start && t < this.#window.end;
  }

  /** One arrival at `t`. */
  arrive(t: number): void {
    this.#advance(t);
    this.#inSystem++;
    this.#intervalOffered++;
    if (this.measured(t)) this.counts.scheduled++;
  }

  /** A request that arrived at `arrivedAt` leaves at `t` with an `Outcome`. */
  depart(t: number, arrivedAt: number, outcome: number): void {
    this.#advance(t);
    this.#inSystem--;
    const measured = this.measured(arrivedAt);
    if (outcome === Outcome.ok) {
      this.#intervalDone++;
      (measured ? this.#measuredInterval : this.#otherInterval).record(t - arrivedAt);
      if (measured) this.counts.succeeded++;
    } else if (outcome === Outcome.timeout) {
      this.#intervalTimeouts++;
      if (measured) this.counts.timeouts++;
    } else {
      this.#intervalErrors++;
      if (measured) this.counts.failed++;
    }
  }

  /** Closes the interval ending at `t`: the common series values, then resets the interval. */
  closeInterval(t: number): IntervalFigures {
    this.#advance(t);
    const span = t - this.#intervalStart;
    const h = this.#row;
    h.reset();
    this.#measuredInterval.flushInto(h);
    this.latency.add(h);
    this.#otherInterval.flushInto(h);
    const empty = h.totalCount === 0;
    const figures: IntervalFigures = {
      offered: this.#intervalOffered,
      achieved: this.#intervalDone,
      errors: this.#intervalErrors,
      timeouts: this.#intervalTimeouts,
      meanInSystem: span > 0 ? this.#area / span : this.#inSystem,
      p50Us: empty ? null : h.getValueAtPercentile(50),
      p99Us: empty ? null : h.getValueAtPercentile(99),
    };
    this.#area = 0;
    this.#intervalStart = t;
    this.#intervalOffered = 0;
    this.#intervalDone = 0;
    this.#intervalErrors = 0;
    this.#intervalTimeouts = 0;
    return figures;
  }

  /** The measured latency histogram, encoded. */
  encodedLatency(): EncodedHistogram {
    return encodeHdr(this.latency);
  }

  #advance(t: number): void {
    this.#area += this.#inSystem * (t - this.#last);
    this.#last = t;
  }
}

/** What one interval of any design contributes to the common series columns. */
export interface IntervalFigures {
  readonly offered: number;
  readonly achieved: number;
  readonly errors: number;
  readonly timeouts: number;
  /** Time-averaged requests in the system over the interval (the L of Little's law). */
  readonly meanInSystem: number;
  readonly p50Us: number | null;
  readonly p99Us: number | null;
}
