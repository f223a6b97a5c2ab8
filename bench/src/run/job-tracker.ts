import type { JobPhase, JobStages } from "../metrics/samples.js";
import type { CollectedResult } from "../stack/index.js";

export type { JobPhase } from "../metrics/samples.js";

interface Pending {
  readonly intendedMs: number;
  readonly phase: JobPhase;
  /** Jobs accepted before it and still unfinished when it was accepted. */
  readonly inFlight: number;
}

/** What one joined result contributed: its end-to-end latency and its stages (all us). */
export interface JoinedResult {
  readonly phase: JobPhase;
  /** End to end: result received - intended submit time, us. */
  readonly latencyUs: number;
  /** False for a failed result: it completes no work and stays out of the job histograms. */
  readonly ok: boolean;
  readonly stages: JobStages;
}

/** Counters of the joined jobs. */
export interface JobCounts {
  /** Measure-phase jobs the API accepted (202). */
  accepted: number;
  /** Measure-phase jobs whose result arrived. */
  succeeded: number;
  /** Measure-phase jobs whose result said `failed` (the handler ran them but could not deliver). */
  failed: number;
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
  #counts: JobCounts = {
    accepted: 0,
    succeeded: 0,
    failed: 0,
    duplicates: 0,
    retries: 0,
    warmupDone: 0,
  };
  /** Failed results of measured jobs by code, with the first job ids of each (for the notes). */
  readonly #failedByCode = new Map<string, { count: number; jobIds: string[] }>();

  /** Notes an accepted job; returns the join if its result was already here. */
  accept(jobId: string, intendedMs: number, phase: JobPhase): JoinedResult | undefined {
    if (phase === "measure") this.#counts.accepted += 1;
    this.#pending.set(jobId, { intendedMs, phase, inFlight: this.#pending.size });
    const early = this.#early.get(jobId);
    if (early === undefined) return undefined;
    this.#early.delete(jobId);
    return this.result(early);
  }

  /** True when `jobId` was accepted already (a front door that hands out one id twice). */
  knows(jobId: string): boolean {
    return this.#pending.has(jobId) || this.#done.has(jobId);
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
      inFlightAtAccept: job.inFlight,
      enqueueUs: (t.sentAt - job.intendedMs) * MS_TO_US,
      queueWaitUs: (t.firstReceivedAt - t.sentAt) * MS_TO_US,
      batchWaitUs: (t.handlerStartAt - t.firstReceivedAt) * MS_TO_US,
      handlerUs: (t.handlerEndAt - t.handlerStartAt) * MS_TO_US,
      resultWaitUs: (r.receivedAtMs - t.handlerEndAt) * MS_TO_US,
      ...(t.handlerCpuMs === undefined ? {} : { handlerCpuUs: t.handlerCpuMs * MS_TO_US }),
      ...(r.result.analysisOrdinal === undefined
        ? {}
        : { analysisOrdinal: r.result.analysisOrdinal }),
      ...(r.result.invocationOrdinal === undefined
        ? {}
        : { invocationOrdinal: r.result.invocationOrdinal }),
      ...(t.batchEndAt === undefined
        ? {}
        : { resultDeliveryUs: (r.receivedAtMs - t.batchEndAt) * MS_TO_US }),
    };
    // A failed result (the handler ran the job but could not deliver) completes no work.
    const ok = r.result.status !== "failed";
    if (job.phase === "warmup") this.#counts.warmupDone += 1;
    else if (!ok) this.#countFailure(r);
    else {
      this.#counts.succeeded += 1;
      if (r.result.receiveCount > 1) this.#counts.retries += 1;
    }
    return { phase: job.phase, latencyUs, ok, stages };
  }

  #countFailure(r: CollectedResult): void {
    this.#counts.failed += 1;
    const code = r.result.error?.code ?? "QS_INTERNAL";
    const entry = this.#failedByCode.get(code) ?? { count: 0, jobIds: [] };
    entry.count += 1;
    if (entry.jobIds.length < 10) entry.jobIds.push(r.jobId);
    this.#failedByCode.set(code, entry);
  }

  /** Failed results by code: how many, and the first few job ids (so the user can look them up). */
  failures(): ReadonlyMap<string, { readonly count: number; readonly jobIds: readonly string[] }> {
    return this.#failedByCode;
  }

  /** Accepted jobs (any phase) whose result has not arrived. */
  get unfinished(): number {
    return this.#pending.size;
  }

  /** Ids of accepted jobs (any phase) whose result has not arrived. */
  unfinishedIds(): IterableIterator<string> {
    return this.#pending.keys();
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
