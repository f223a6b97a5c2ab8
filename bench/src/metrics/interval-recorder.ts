import type { FieldIssue } from "@queueshift/shared-model";
import { type CounterSnapshot, Counters, type GaugeReading, Gauges } from "./counters.js";
import { MetricsError } from "./errors.js";
import { Histogram } from "./histogram.js";
import type { LoadSample } from "./samples.js";

/** One time series row: what happened in `[startUs, startUs + intervalUs)` of the run. */
export interface IntervalRow {
  readonly startUs: number;
  readonly intervalUs: number;
  /** Arrivals sent plus arrivals missed: the load the schedule offered. */
  readonly offered: number;
  readonly sent: number;
  readonly missed: number;
  /** Responses completed in this interval (any status). */
  readonly count: number;
  readonly errors: number;
  readonly timeouts: number;
  /** Latency from intended time of responses completed in this interval (0 when none). */
  readonly p50Us: number;
  readonly p90Us: number;
  readonly p99Us: number;
  readonly maxUs: number;
  readonly gauges: Readonly<Record<string, GaugeReading>>;
  /** The interval's latency histogram, only when `keepIntervalHistograms` is on. */
  readonly histogram?: string;
}

/** What the recorder holds at the end of a run. */
export interface RecordedRun {
  /** Latency from intended send time: the number to report. */
  readonly latency: Histogram;
  /** Latency from actual send time (what a closed-loop tool reports; shows the CO gap). */
  readonly serviceTime: Histogram;
  /** The target's own time per response (Server-Timing), empty when it sent none. */
  readonly serviceInWorker: Histogram;
  readonly counters: CounterSnapshot;
  readonly rows: readonly IntervalRow[];
  /** Rows `onRow` threw on; outputs must never break the run, so this is only counted. */
  readonly outputErrors: number;
}

/** Recorder options; defaults in `INTERVAL_RECORDER_DEFAULTS`. */
export interface IntervalRecorderOptions {
  readonly intervalUs?: number;
  readonly keepRows?: boolean;
  readonly keepIntervalHistograms?: boolean;
  readonly onRow?: (row: IntervalRow) => void;
}

/** Defaults for `IntervalRecorder`. */
export const INTERVAL_RECORDER_DEFAULTS = Object.freeze({
  /** 1,000,000 us = 1 s buckets (DESIGN.md "Time series (1 s)"). */
  intervalUs: 1_000_000,
  /** Keep rows in memory for the result document (~200 bytes each: 17 MB per day of 1 s rows). */
  keepRows: true,
  /** Attach each interval's encoded histogram to its row (~100-400 bytes; off by default). */
  keepIntervalHistograms: false,
});

function validate(
  options: IntervalRecorderOptions,
): Required<Omit<IntervalRecorderOptions, "onRow">> {
  const merged = { ...INTERVAL_RECORDER_DEFAULTS, ...options };
  const issues: FieldIssue[] = [];
  if (!Number.isInteger(merged.intervalUs) || merged.intervalUs < 1_000) {
    issues.push({ path: "intervalUs", message: "must be an integer >= 1000 (1 ms)" });
  }
  if (issues.length > 0) {
    throw new MetricsError("QS_METRICS_INVALID_OPTIONS", "invalid recorder options", {
      issues,
    });
  }
  return Object.freeze({
    intervalUs: merged.intervalUs,
    keepRows: merged.keepRows,
    keepIntervalHistograms: merged.keepIntervalHistograms,
  });
}

/**
 * Aggregates samples into per-interval rows and whole-run histograms and counters. Memory is
 * flat: one reusable interval histogram, two run histograms and small rows; raw samples are
 * never kept. Samples are bucketed by when they were observed (`atUs`); a sample older than the
 * open interval (rare clock skew between producers) is counted in the open interval.
 */
export class IntervalRecorder {
  readonly #options: ReturnType<typeof validate>;
  readonly #onRow: ((row: IntervalRow) => void) | undefined;
  readonly #latency = new Histogram();
  readonly #serviceTime = new Histogram();
  readonly #serviceInWorker = new Histogram();
  readonly #interval = new Histogram();
  readonly #runCounters = new Counters();
  readonly #intervalCounters = new Counters();
  readonly #gauges = new Gauges();
  readonly #rows: IntervalRow[] = [];
  #bucket = 0;
  #outputErrors = 0;
  #finished = false;

  constructor(options: IntervalRecorderOptions = {}) {
    this.#options = validate(options);
    this.#onRow = options.onRow;
  }

  /** The sink to hand to producers: `runOpenModel({ onSample: recorder.add })`. */
  readonly add = (sample: LoadSample): void => {
    if (this.#finished) return;
    this.#advanceTo(sample.atUs);
    this.#apply(sample);
  };

  /** Closes every interval before `atUs` (call it when time passes without samples). */
  tick(atUs: number): void {
    if (!this.#finished) this.#advanceTo(atUs);
  }

  /** Closes the open interval and returns the run; later samples are ignored. */
  finish(): RecordedRun {
    if (!this.#finished) {
      this.#closeInterval();
      this.#finished = true;
    }
    return {
      latency: this.#latency,
      serviceTime: this.#serviceTime,
      serviceInWorker: this.#serviceInWorker,
      counters: this.#runCounters.snapshot(),
      rows: this.#rows,
      outputErrors: this.#outputErrors,
    };
  }

  #apply(sample: LoadSample): void {
    for (const c of [this.#runCounters, this.#intervalCounters]) {
      switch (sample.type) {
        case "sent":
          c.sent += 1;
          break;
        case "missed":
          c.addMissed(sample.reason);
          break;
        case "response":
          c.addResponse(sample.status);
          break;
        case "error":
          c.addTransportError(sample.kind);
          break;
        case "timeout":
          c.timeouts += 1;
          break;
        case "gauge":
          break;
      }
    }
    if (sample.type === "response") {
      this.#latency.record(sample.latencyUs);
      this.#serviceTime.record(sample.serviceUs);
      if (sample.inWorkerUs !== undefined) this.#serviceInWorker.record(sample.inWorkerUs);
      this.#interval.record(sample.latencyUs);
    } else if (sample.type === "gauge") {
      this.#gauges.set(sample.name, sample.value);
    }
  }

  #advanceTo(atUs: number): void {
    const target = Math.floor(Math.max(0, atUs) / this.#options.intervalUs);
    while (this.#bucket < target) {
      this.#closeInterval();
      this.#bucket += 1;
    }
  }

  #closeInterval(): void {
    const c = this.#intervalCounters;
    const h = this.#interval;
    const row: IntervalRow = {
      startUs: this.#bucket * this.#options.intervalUs,
      intervalUs: this.#options.intervalUs,
      offered: c.sent + c.missed,
      sent: c.sent,
      missed: c.missed,
      count: h.count,
      errors: c.errors,
      timeouts: c.timeouts,
      p50Us: h.percentile(50),
      p90Us: h.percentile(90),
      p99Us: h.percentile(99),
      maxUs: h.maxUs,
      gauges: this.#gauges.snapshot(),
      ...(this.#options.keepIntervalHistograms ? { histogram: h.encode() } : {}),
    };
    h.reset();
    c.reset();
    this.#gauges.roll();
    if (this.#options.keepRows) this.#rows.push(row);
    if (this.#onRow !== undefined) {
      try {
        this.#onRow(row);
      } catch {
        this.#outputErrors += 1;
      }
    }
  }
}
