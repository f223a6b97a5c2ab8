import type { JobPhase, JobStages } from "../metrics/samples.js";
import type { CollectedResult } from "../stack/index.js";

export type { JobPhase } from "../metrics/samples.js";

interface Pending {
  readonly intendedMs: number;
  readonly phase: JobPhase;
}

/** What one joined result contributed: its end-to-end latency and its stages (all us). */
export interface JoinedResult {
  readonly phase: JobPhase;
  /** End to end: result received - intended submit time, us. */
  readonly latencyUs: number;
  readonly stages: JobStages;
}

/** Counters of the joined jobs. */
export interface JobCounts {
  /** Measure-phase jobs the API accepted (202). */
  accepted: number;
  /** Measure-phase jobs whose result arrived. */
  succeeded: number;
  duplicates: number;
  /** Measured results that needed more than one receive. */
  retries: number;
  warmupDone: number;
}

const MS_TO_US = 1_000;

/**
 * Joins accepted jobs (202 { jobId }) with the results read from the results queue, by job id.
 * A result may overtake its own 202 response; it is held until the job id is known.
 * End-to-end latency starts at the arrival's INTENDED time, like every harness latency. The
 * joins become `completed` samples; the metrics engine keeps their histograms.
 */
export class JobTracker {
  readonly #pending = new Map<string, Pending>();
  readonly #early = new Map<string, CollectedResult>();
  readonly #done = new Set<string>();
  #counts: JobCounts = { accepted: 0, succeeded: 0, duplicates: 0, retries: 0, warmupDone: 0 };

  /** Notes an accepted job; returns the join if its result was already here. */
  accept(jobId: string, intendedMs: number, phase: JobPhase): JoinedResult | undefined {
    if (phase === "measure") this.#counts.accepted += 1;
    this.#pending.set(jobId, { intendedMs, phase });
    const early = this.#early.get(jobId);
    if (early === undefined) return undefined;
    this.#early.delete(jobId);
    return this.result(early);
  }

  /** Joins one collected result; undefined for duplicates and results of unknown jobs (held). */
  result(r: CollectedResult): JoinedResult | undefined {
    if (r.duplicate || this.#done.has(r.jobId)) {
      this.#counts.duplicates += 1;
      return undefined;
    }
    const job = this.#pending.get(r.jobId);
    if (job === undefined) {
      this.#early.set(r.jobId, r);
      return undefined;
    }
    this.#pending.delete(r.jobId);
    this.#done.add(r.jobId);
    const latencyUs = (r.receivedAtMs - job.intendedMs) * MS_TO_US;
    const t = r.result.timings;
    const stages = {
      queueWaitUs: (t.firstReceivedAt - t.sentAt) * MS_TO_US,
      batchWaitUs: (t.handlerStartAt - t.firstReceivedAt) * MS_TO_US,
      handlerUs: (t.handlerEndAt - t.handlerStartAt) * MS_TO_US,
    };
    if (job.phase === "warmup") this.#counts.warmupDone += 1;
    else {
      this.#counts.succeeded += 1;
      if (r.result.receiveCount > 1) this.#counts.retries += 1;
    }
    return { phase: job.phase, latencyUs, stages };
  }

  /** Accepted jobs (any phase) whose result has not arrived. */
  get unfinished(): number {
    return this.#pending.size;
  }

  /** Intended time (epoch ms) of the oldest unfinished job, if any. */
  oldestUnfinishedMs(): number | undefined {
    // Insertion order is submit order, so the first pending entry is the oldest.
    for (const job of this.#pending.values()) return job.intendedMs;
    return undefined;
  }

  /** Results whose job id was never accepted by this run (e.g. the 202 body was lost). */
  get unmatched(): number {
    return this.#early.size;
  }

  /** Counters of the measured jobs. */
  counts(): JobCounts {
    return { ...this.#counts };
  }
}
