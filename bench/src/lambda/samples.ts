import type { SampleSink } from "../metrics/samples.js";
import type { InvocationReport } from "./invocation-report.js";

// The platform's part of the harness's one `Sample` union (metrics/samples.ts). Every `atUs` is
// microseconds on the emitter's injected clock (monotonic; only differences matter).

/** How many environments are in each state right now. */
export interface EnvironmentCounts {
  readonly busy: number;
  readonly idle: number;
  readonly starting: number;
}

/** One invocation finished (the REPORT fields when the environment got that far). */
export interface InvocationSample {
  readonly type: "invocation";
  readonly atUs: number;
  readonly ok: boolean;
  readonly cold: boolean;
  /** The invocation's place among its environment's (1 = its first); absent for a failed INIT. */
  readonly ordinal?: number;
  readonly errorCode?: string;
  readonly report?: InvocationReport;
  /** The runtime's CPU time for the invocation, ms, when it said (the built-in runtime does). */
  readonly cpuMs?: number;
}

/** An environment's life event. */
export interface EnvironmentSample {
  readonly type: "environment";
  readonly atUs: number;
  readonly event: "started" | "init-failed" | "reaped" | "crashed" | "timed-out" | "shutdown";
  readonly environmentId?: string;
  readonly initDurationMs?: number;
  /** INIT's CPU time (ms), when the runtime said it (the built-in runtime does; the successful attempt's). */
  readonly initCpuMs?: number;
  readonly reason?: string;
}

/** One batch handled by the event source mapping (`throttled`: given up after throttles). */
export interface BatchSample {
  readonly type: "batch";
  readonly atUs: number;
  readonly size: number;
  readonly payloadBytes: number;
  readonly outcome: "success" | "partial" | "error" | "throttled";
  readonly deleted: number;
  readonly retried: number;
}

/** One throttled invocation attempt of a batch (retried or not). */
export interface ThrottleSample {
  readonly type: "throttle";
  readonly atUs: number;
}

/** The event source mapping's scaling state at each control tick (aws-facts 2.1). */
export interface ScalingSample {
  readonly type: "scaling";
  readonly atUs: number;
  /** Concurrent batches the scaling controller allows now. */
  readonly concurrencyTarget: number;
  /** Pollers running (not retiring). */
  readonly pollers: number;
  /** Batches being invoked right now (throttle retries included). */
  readonly invocationsInFlight: number;
  readonly environments: EnvironmentCounts;
}

/** Everything the platform reports; consumers switch on `type`. */
export type PlatformSample =
  | InvocationSample
  | EnvironmentSample
  | BatchSample
  | ThrottleSample
  | ScalingSample;

/** A sink that drops everything, for callers that do not observe. */
export const discardSamples: SampleSink<PlatformSample> = () => {};
