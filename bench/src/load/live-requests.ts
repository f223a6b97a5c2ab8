import { EventEmitter } from "node:events";
import type { Clock } from "../clock/index.js";

/** One request in flight: its deadline and a cheap abort handle. */
export class LiveRequest {
  /** undici accepts an EventEmitter as `signal`; emitting "abort" on it is much cheaper. */
  readonly emitter = new EventEmitter();
  cancelled = false;

  constructor(
    /** Clock microseconds. */
    readonly deadlineUs: number,
    readonly runSignal: AbortSignal,
  ) {}

  /** Aborts the request; the send reports it as a timeout (deadline passed or run ended). */
  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    this.emitter.emit("abort");
  }
}

/**
 * The HTTP sender's requests in flight, cancelled at their deadline or when their run's signal
 * aborts. One sweeper instead of a timer, an AbortController and signal listeners per request:
 * those halved throughput per CPU-second (measured against raw undici). The sweep runs every
 * tenth of the timeout (1-100 ms), so a request times out up to that much late. sqs-client's
 * CallWatch (exact deadlines on one re-armed timer) does the same job for the SQS client; they
 * stay apart until the generator's throughput (bench:generator) is re-measured on it.
 */
export class LiveRequests {
  readonly #live = new Set<LiveRequest>();
  readonly #watched = new WeakSet<AbortSignal>();
  readonly #sweeper: ReturnType<typeof setInterval>;

  constructor(
    private readonly clock: Clock,
    private readonly timeoutMs: number,
  ) {
    const tickMs = Math.max(1, Math.min(100, Math.floor(timeoutMs / 10)));
    this.#sweeper = setInterval(() => {
      const now = clock.nowUs();
      for (const request of this.#live) if (now >= request.deadlineUs) request.cancel();
    }, tickMs);
    this.#sweeper.unref();
  }

  /** A new request of the run `signal` belongs to (the signal gets one listener, ever). */
  open(signal: AbortSignal): LiveRequest {
    if (!this.#watched.has(signal)) {
      this.#watched.add(signal);
      const onRunAbort = () => {
        for (const r of this.#live) if (r.runSignal === signal) r.cancel();
      };
      signal.addEventListener("abort", onRunAbort, { once: true });
    }
    const request = new LiveRequest(this.clock.nowUs() + this.timeoutMs * 1_000, signal);
    this.#live.add(request);
    return request;
  }

  /** The request is done (answered, failed or cancelled). */
  close(request: LiveRequest): void {
    this.#live.delete(request);
  }

  /** Stops the sweeper (the sender is closing). */
  stop(): void {
    clearInterval(this.#sweeper);
  }
}
