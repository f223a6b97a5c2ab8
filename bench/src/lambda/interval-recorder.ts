import type { Clock } from "../clock/index.js";
import type { CollectedBatch } from "./batch-collector.js";
import type { InvocationResult } from "./invocation-report.js";
import type { IntervalSample, SampleSink } from "./samples.js";

/** The live state read at the end of each interval. */
export type IntervalSnapshot = Pick<
  IntervalSample,
  "environments" | "concurrencyTarget" | "pollers" | "queue"
>;

/** Counts what happened during one interval and emits it as an `interval` sample. */
export class IntervalRecorder {
  #sink: SampleSink | undefined;
  #clock: Clock;
  #startedAt: number;
  #invocations = 0;
  #coldStarts = 0;
  #errors = 0;
  #throttles = 0;
  #batches = 0;
  #records = 0;
  #maxSize = 0;

  constructor(sink: SampleSink | undefined, clock: Clock) {
    this.#sink = sink;
    this.#clock = clock;
    this.#startedAt = clock.nowUs();
  }

  /** One batch's invocation and outcome. */
  recordBatch(batch: CollectedBatch, result: InvocationResult, throttled: boolean): void {
    this.#batches += 1;
    this.#records += batch.records.length;
    this.#maxSize = Math.max(this.#maxSize, batch.records.length);
    if (throttled) {
      this.#throttles += 1;
      return;
    }
    this.#invocations += 1;
    if (result.report?.initDurationMs !== undefined) this.#coldStarts += 1;
    if (!result.ok) this.#errors += 1;
  }

  /** A throttled attempt that will be retried. */
  recordThrottle(): void {
    this.#throttles += 1;
  }

  /** Emits the interval's sample and starts the next interval. */
  flush(snapshot: IntervalSnapshot): void {
    const now = this.#clock.nowUs();
    this.#sink?.({
      kind: "interval",
      at: Date.now(),
      intervalMs: (now - this.#startedAt) / 1_000,
      invocations: this.#invocations,
      coldStarts: this.#coldStarts,
      errors: this.#errors,
      throttles: this.#throttles,
      batches: { count: this.#batches, records: this.#records, maxSize: this.#maxSize },
      ...snapshot,
    });
    this.#startedAt = now;
    this.#invocations = 0;
    this.#coldStarts = 0;
    this.#errors = 0;
    this.#throttles = 0;
    this.#batches = 0;
    this.#records = 0;
    this.#maxSize = 0;
  }
}
