import { epochMs } from "../clock/index.js";
import type { HttpResponseInfo } from "../load/http-sender.js";
import type { MetricsEngine } from "../metrics/engine.js";
import type { CollectedResult } from "../stack/index.js";
import type { ArchitectureSession } from "./arch-session.js";
import { type JobPhase, JobTracker } from "./job-tracker.js";
import type { AsyncStackHandle } from "./run-types.js";

/**
 * The async side's observers: joins accepted submissions (2xx with a job id) and results into
 * end-to-end latencies (`completed` samples) and reads the queues once a second (`queue` and
 * job gauges), all emitted to the session's metrics engine.
 */
export class AsyncProbe {
  readonly jobs = new JobTracker();
  readonly #session: ArchitectureSession;
  readonly #jobIdField: readonly string[];
  #phase: JobPhase = "warmup";
  #phaseStartMs = epochMs();
  #lastDlq = 0;
  /** Seconds (on the session's timeline) of the last measured job's result. */
  lastMeasuredResultSeconds = 0;
  /**
   * Measured answers below 400 that accepted no job: not 2xx, no string id at the job id
   * field, or an id already taken. The load counters count only 4xx/5xx as errors, so these
   * are failed arrivals the probe must count itself.
   */
  readonly unaccepted = { notTwoXx: 0, noJobId: 0, reusedJobId: 0 };

  /** `jobIdField`: where a 2xx body holds the job id (the enqueue API's `jobId`, or the front door's). */
  constructor(session: ArchitectureSession, jobIdField = "jobId") {
    this.#session = session;
    this.#jobIdField = jobIdField.split(".");
  }

  /** Which phase new submissions belong to, and when its schedule's time 0 was (epoch ms). */
  startPhase(phase: JobPhase, startEpochMs: number): void {
    this.#phase = phase;
    this.#phaseStartMs = startEpochMs;
  }

  /** The sender's `onResponse`: a 2xx carries the job id (the enqueue API: 202 `{ jobId }`). */
  readonly onResponse = (r: HttpResponseInfo): void => {
    if (r.status >= 400) return; // counted as an error by the load counters
    const twoXx = r.status >= 200 && r.status < 300;
    const jobId = twoXx ? fieldOf(r.body, this.#jobIdField) : undefined;
    if (jobId === undefined || this.jobs.knows(jobId)) {
      const why = !twoXx ? "notTwoXx" : jobId === undefined ? "noJobId" : "reusedJobId";
      if (this.#phase === "measure") this.unaccepted[why] += 1;
      return;
    }
    const intendedMs = this.#phaseStartMs + r.arrival.intendedUs / 1_000;
    this.#joined(this.jobs.accept(jobId, intendedMs, this.#phase));
  };

  /** Measured answers that accepted no job (see `unaccepted`). */
  get unacceptedTotal(): number {
    const u = this.unaccepted;
    return u.notTwoXx + u.noJobId + u.reusedJobId;
  }

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
    this.#session.engine.add({ type: "completed", ...j });
    if (j.phase === "measure") this.lastMeasuredResultSeconds = this.#session.timeline.seconds();
  }
}

/** The non-empty string at `path` of a JSON body, or undefined. */
function fieldOf(body: string, path: readonly string[]): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  for (const key of path) {
    value =
      typeof value === "object" && value !== null
        ? (value as Record<string, unknown>)[key]
        : undefined;
  }
  return typeof value === "string" && value !== "" ? value : undefined;
}
