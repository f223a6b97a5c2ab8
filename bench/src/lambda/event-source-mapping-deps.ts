import type { SQSEvent } from "aws-lambda";
import type { Clock } from "../clock/index.js";
import type { SampleSink } from "../metrics/samples.js";
import type { EventSourceMappingOptions } from "./event-source-mapping-config.js";
import type { InvocationResult } from "./invocation-report.js";
import type { EventSourceQueue } from "./queue-client.js";
import type { EnvironmentCounts, PlatformSample } from "./samples.js";

// The event source mapping's seams: what it invokes, reads, logs to and reports.

/** What the mapping invokes: an environment pool, or anything shaped like one. */
export interface FunctionInvoker {
  invoke(event: SQSEvent): Promise<InvocationResult>;
  stats(): EnvironmentCounts;
  readonly timeoutSeconds: number;
}

/** Warnings go here; the mapping never prints. */
export interface PlatformLog {
  warn(message: string): void;
}

/** Everything an event source mapping needs. */
export interface EventSourceMappingDeps {
  readonly queue: EventSourceQueue;
  readonly invoker: FunctionInvoker;
  readonly options?: EventSourceMappingOptions;
  readonly clock?: Clock;
  readonly log?: PlatformLog;
  readonly onSample?: SampleSink<PlatformSample>;
}

/** Totals since start. */
export interface EventSourceMappingCounters {
  readonly batches: number;
  readonly records: number;
  readonly deleted: number;
  readonly retried: number;
  readonly functionErrors: number;
  readonly throttles: number;
  readonly malformedResponses: number;
  /** Receives that failed (broker down, network); each paused its poller (1 s doubling to 10 s). */
  readonly receiveErrors: number;
}
