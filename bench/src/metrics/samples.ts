import type { PlatformSample } from "../lambda/samples.js";

/**
 * What producers (executors, senders, the Lambda platform, the run's pollers) emit: one typed
 * union, discriminated by `type`. Producers only emit; the metrics engine aggregates (k6's
 * split). A load sample's `atUs` is microseconds since its phase's start on the runner's
 * monotonic clock; latencies are integer-able microseconds.
 */

/** Why an intended arrival was not sent (k6: dropped_iterations). */
export const MissReasons = {
  /** The in-flight cap was reached: the target is not keeping up. */
  maxInFlight: "max-in-flight",
  /** The generator itself fell behind its schedule by more than the allowed lag. */
  generatorLag: "generator-lag",
} as const;

/** A reason from `MissReasons`. */
export type MissReason = (typeof MissReasons)[keyof typeof MissReasons];

/** An arrival that was sent (possibly late, never early). */
export interface SentSample {
  readonly type: "sent";
  readonly atUs: number;
  /** How late the send was against its intended time. */
  readonly lagUs: number;
}

/** An arrival that was intended but never sent. */
export interface MissedSample {
  readonly type: "missed";
  readonly atUs: number;
  readonly reason: MissReason;
}

/** A response of any HTTP status (or any completed call for non-HTTP senders). */
export interface ResponseSample {
  readonly type: "response";
  readonly atUs: number;
  /** From the INTENDED send time: free of coordinated omission. */
  readonly latencyUs: number;
  /** From the actual send call: what a closed-loop tool would report. */
  readonly serviceUs: number;
  /** The target's own time (its Server-Timing header): service without the wait for a worker. */
  readonly inWorkerUs?: number;
  readonly status: number;
}

/** A transport failure (connection refused, reset, protocol error). */
export interface ErrorSample {
  readonly type: "error";
  readonly atUs: number;
  readonly latencyUs: number;
  readonly kind: string;
}

/** A request that got no answer in time (sender timeout or end-of-run grace). */
export interface TimeoutSample {
  readonly type: "timeout";
  readonly atUs: number;
  /** A lower bound: the time waited before giving up. */
  readonly latencyUs: number;
}

/** A point value such as in-flight requests or queue depth. */
export interface GaugeSample {
  readonly type: "gauge";
  readonly atUs: number;
  readonly name: string;
  readonly value: number;
}

/** Which phase a job was submitted in; only `measure` jobs feed the run's figures. */
export type JobPhase = "warmup" | "measure";

/** Where an async job's time went (us): on its way to the queue, queue wait, batch wait, handler, result. */
export interface JobStages {
  /** Jobs accepted before it and still unfinished when its 202 came (how busy the stack was). */
  readonly inFlightAtAccept?: number;
  /** sentAt (the broker's SentTimestamp) - the intended arrival: the part of the latency before the queue. */
  readonly enqueueUs: number;
  /** firstReceivedAt - sentAt. */
  readonly queueWaitUs: number;
  /** handlerStartAt - firstReceivedAt (batching window, cold start, earlier records). */
  readonly batchWaitUs: number;
  /** handlerEndAt - handlerStartAt. */
  readonly handlerUs: number;
  /** The analysis's CPU time, when the handler measured it (the built-in handler does). */
  readonly handlerCpuUs?: number;
  /** The analysis's place among its environment's analyses (1 = its first), when the result says. */
  readonly analysisOrdinal?: number;
  /** The invocation's place among its environment's invocations (1 = its first), when the result says. */
  readonly invocationOrdinal?: number;
  /** Result received - handlerEndAt: the batch's later records, publishing, the collector's receive. */
  readonly resultWaitUs: number;
  /** Result received - batchEndAt: publishing and collecting only, when the result says when its batch ended. */
  readonly resultDeliveryUs?: number;
}

/** An async job's result joined with its 202: one unit of work completed end to end. */
export interface CompletedSample {
  readonly type: "completed";
  /** From the arrival's intended time to the result's arrival. */
  readonly latencyUs: number;
  readonly ok: boolean;
  /** The phase the job was submitted in (measured figures count `measure` jobs only). */
  readonly phase: JobPhase;
  readonly stages: JobStages;
}

/** The async side's backlog, read once per interval. */
export interface QueueSample {
  readonly type: "queue";
  /** Accepted jobs without a result, and the age of the oldest one from its intended time (ms). */
  readonly jobsInFlight: number;
  readonly oldestUnfinishedAgeMs: number;
  /** The jobs queue and the DLQ, when the attribute read succeeded. */
  readonly depth?: { readonly visible: number; readonly inFlight: number; readonly dlq: number };
}

/** CPU (cores) of the harness and the stack, and the stack's RSS, over the last interval. */
export interface ResourceSample {
  readonly type: "resources";
  readonly harnessCpu: number;
  readonly stackCpu: number;
  readonly stackRssMB: number;
}

/** What the load generators emit. */
export type LoadSample =
  | SentSample
  | MissedSample
  | ResponseSample
  | ErrorSample
  | TimeoutSample
  | GaugeSample;

/**
 * Every kind of sample, as data: the union below is checked against it, and a test feeds one
 * sample of each kind through the engine to prove that none is computed and then dropped.
 */
export const SAMPLE_TYPES = [
  "sent",
  "missed",
  "response",
  "error",
  "timeout",
  "gauge",
  "completed",
  "invocation",
  "environment",
  "batch",
  "throttle",
  "scaling",
  "queue",
  "resources",
] as const;

/** A value of `SAMPLE_TYPES`. */
export type SampleType = (typeof SAMPLE_TYPES)[number];

/** Anything a producer can emit. */
export type Sample = LoadSample | CompletedSample | PlatformSample | QueueSample | ResourceSample;

// Compile-time: `SAMPLE_TYPES` lists exactly the union's kinds (a new kind must be added there).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sampleTypesMatch: Same<Sample["type"], SampleType> = true;
void sampleTypesMatch;

/** Where a producer writes its samples; it must not block or throw (it is on the hot path). */
export type SampleSink<S extends Sample = Sample> = (sample: S) => void;
