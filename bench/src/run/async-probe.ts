import { epochMs } from "../clock/index.js";
import type { HttpResponseInfo } from "../load/http-sender.js";
import type { CollectedResult } from "../stack/index.js";
import type { ArchitectureSession } from "./arch-session.js";
import { type JobPhase, JobTracker } from "./job-tracker.js";
import { PlatformTracker } from "./platform-tracker.js";
import type { AsyncStackHandle } from "./run-types.js";
import type { SeriesBuilder } from "./series-builder.js";

/**
 * The async side's observers: joins 202 responses and results into end-to-end latencies,
 * follows the Lambda platform, and fills the async columns of the 1 s series.
 */
export class AsyncProbe {
  readonly jobs = new JobTracker();
  readonly platform = new PlatformTracker();
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

  /** Per-second gauges: queue depth, jobs in flight, oldest unfinished job, environments. */
  async tick(stack: AsyncStackHandle, series: SeriesBuilder) {
    const depth = await stack.queueDepth().catch(() => undefined);
    if (depth !== undefined) {
      series.set("queueVisible", depth.visible);
      series.set("queueInFlight", depth.inFlight);
      series.set("dlq", depth.dlq);
      this.#lastDlq = depth.dlq;
    }
    series.set("jobsInFlight", this.jobs.unfinished);
    const oldest = this.jobs.oldestUnfinishedMs();
    series.set("oldestUnfinishedAgeMs", oldest === undefined ? 0 : Math.round(epochMs() - oldest));
    const env = this.platform.environments();
    series.set("envBusy", env.busy);
    series.set("envIdle", env.idle);
    series.set("envStarting", env.starting);
    const n = this.platform.takeInterval();
    series.set("coldStarts", n.coldStarts);
    series.set("invocations", n.invocations);
    return {
      environments: env,
      ...(depth ? { queueVisible: depth.visible, queueInFlight: depth.inFlight } : {}),
    };
  }

  #joined(j: ReturnType<JobTracker["result"]>): void {
    if (j === undefined) return;
    this.#session.completed(j.latencyUs);
    if (j.phase === "measure") this.lastMeasuredResultSeconds = this.#session.timeline.seconds();
  }
}
