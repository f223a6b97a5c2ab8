import { epochMs } from "../clock/index.js";
import type { HttpResponseInfo } from "../load/http-sender.js";
import type { MetricsEngine } from "../metrics/engine.js";
import type { CollectedResult } from "../stack/index.js";
import type { ArchitectureSession } from "./arch-session.js";
import { type JobPhase, JobTracker } from "./job-tracker.js";
import type { AsyncStackHandle } from "./run-types.js";

/**
 * The async side's observers: joins 202 responses and results into end-to-end latencies
 * (`completed` samples) and reads the queues once a second (`queue` and job gauges), all
 * emitted to the session's metrics engine.
 */
export class AsyncProbe {
  readonly jobs = new JobTracker();
  readonly #session: ArchitectureSession;
  #phase: JobPhase = "warmup";
  #phaseStartMs = epochMs();
  #lastDlq = 0;
  /** Seconds (on the session's timeline) of the last measured job's result. */
  lastMeasuredResultSeconds = 0;
  /** Responses that were 202 but carried no readable job id. */
  unreadable202 = 0;

  constructor(session: ArchitectureSession) {
    this.#session = session;
  }

  /** Which phase new submissions belong to, and when its schedule's time 0 was (epoch ms). */
  startPhase(phase: JobPhase, startEpochMs: number): void {
    this.#phase = phase;
    this.#phaseStartMs = startEpochMs;
  }

  /** The sender's `onResponse`: a 202 carries `{ jobId }`. */
  readonly onResponse = (r: HttpResponseInfo): void => {
    if (r.status !== 202) return;
    let jobId: unknown;
    try {
      jobId = (JSON.parse(r.body) as { jobId?: unknown }).jobId;
    } catch {
      jobId = undefined;
    }
    if (typeof jobId !== "string") {
      this.unreadable202 += 1;
      return;
    }
    const intendedMs = this.#phaseStartMs + r.arrival.intendedUs / 1_000;
    this.#joined(this.jobs.accept(jobId, intendedMs, this.#phase));
  };

  /** The stack's `onResult`. */
  readonly onResult = (r: CollectedResult): void => {
    this.#joined(this.jobs.result(r));
  };

  /** The DLQ depth seen by the last tick. */
  get lastDlq(): number {
    return this.#lastDlq;
  }

  /** Per-second samples: queue depth (when readable), jobs in flight, oldest unfinished job. */
  async tick(stack: AsyncStackHandle, engine: MetricsEngine): Promise<void> {
    const depth = await stack.queueDepth().catch(() => undefined);
    if (depth !== undefined) this.#lastDlq = depth.dlq;
    const oldest = this.jobs.oldestUnfinishedMs();
    engine.add({
      type: "queue",
      jobsInFlight: this.jobs.unfinished,
      oldestUnfinishedAgeMs: oldest === undefined ? 0 : Math.round(epochMs() - oldest),
      ...(depth === undefined
        ? {}
        : { depth: { visible: depth.visible, inFlight: depth.inFlight, dlq: depth.dlq } }),
    });
  }

  #joined(j: ReturnType<JobTracker["result"]>): void {
    if (j === undefined) return;
    this.#session.engine.add({ type: "completed", latencyUs: j.latencyUs, ok: true });
    if (j.phase === "measure") this.lastMeasuredResultSeconds = this.#session.timeline.seconds();
  }
}
