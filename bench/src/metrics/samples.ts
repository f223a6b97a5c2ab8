/**
 * What producers (executors, senders, pollers) emit. Producers only emit; the recorder
 * aggregates (k6's split). Every `atUs` is microseconds since the run's start, observed on the
 * runner's monotonic clock; latencies are integer-able microseconds.
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

/** Anything a producer can emit. */
export type Sample =
  | SentSample
  | MissedSample
  | ResponseSample
  | ErrorSample
  | TimeoutSample
  | GaugeSample;

/** The sink producers write to; it must not block (it is called on the hot path). */
export type SampleSink = (sample: Sample) => void;
