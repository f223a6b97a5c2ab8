import type { InvocationReport } from "./invocation-report.js";

/** How many environments are in each state right now. */
export interface EnvironmentCounts {
  readonly busy: number;
  readonly idle: number;
  readonly starting: number;
}

/** One invocation finished (the REPORT fields when the environment got that far). */
export interface InvocationSample {
  readonly kind: "invocation";
  /** Epoch ms. */
  readonly at: number;
  readonly ok: boolean;
  readonly cold: boolean;
  readonly errorCode?: string;
  readonly report?: InvocationReport;
}

/** An environment's life event. */
export interface EnvironmentSample {
  readonly kind: "environment";
  readonly at: number;
  readonly event: "started" | "init-failed" | "reaped" | "crashed" | "timed-out" | "shutdown";
  readonly environmentId?: string;
  readonly initDurationMs?: number;
  readonly reason?: string;
}

/** One batch handled by the event source mapping. */
export interface BatchSample {
  readonly kind: "batch";
  readonly at: number;
  readonly size: number;
  readonly payloadBytes: number;
  readonly outcome: "success" | "partial" | "error" | "throttled";
  readonly deleted: number;
  readonly retried: number;
}

/** Per-interval (1 s) view of the platform, emitted by the event source mapping. */
export interface IntervalSample {
  readonly kind: "interval";
  readonly at: number;
  readonly intervalMs: number;
  readonly environments: EnvironmentCounts;
  readonly invocations: number;
  readonly coldStarts: number;
  readonly errors: number;
  readonly throttles: number;
  readonly batches: { readonly count: number; readonly records: number; readonly maxSize: number };
  readonly concurrencyTarget: number;
  readonly pollers: number;
  /** Approximate queue depth when the last attribute read succeeded. */
  readonly queue?: {
    readonly visible: number;
    readonly inFlight: number;
    readonly delayed: number;
  };
}

/** Everything the platform reports; consumers switch on `kind`. */
export type PlatformSample = InvocationSample | EnvironmentSample | BatchSample | IntervalSample;

/** Where samples go (a metrics engine, a file, a test array); must not throw or block. */
export type SampleSink = (sample: PlatformSample) => void;

/** A sink that drops everything, for callers that do not observe. */
export const discardSamples: SampleSink = () => {};
