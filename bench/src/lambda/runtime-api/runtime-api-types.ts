// The Runtime API's contract as the platform uses it: the version, the limits, what a runtime
// posts, and how an init and an invocation end. The server is runtime-api-server.ts.

/** The API version in every path, as AWS serves it (Lambda docs, "Using the Lambda runtime API"). */
export const RUNTIME_API_VERSION = "2018-06-01";
/** A function's response may be at most 6 MB, 6,291,456 bytes (aws-facts 1.3, sync invoke payload). */
export const MAX_RESPONSE_BYTES = 6_291_456;

/** A function error as the runtime posts it (`{ errorMessage, errorType, stackTrace }`). */
export interface RuntimeError {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly stackTrace?: unknown;
}

/** How the init phase ended: the runtime's first `next` (ready) or its `init/error`. */
export type InitOutcome =
  /** `cpuMs`: the runtime's CPU time until its first `next` (CPU_HEADER on it), when it sent one. */
  | { readonly type: "ready"; readonly atUs: number; readonly cpuMs?: number }
  | { readonly type: "init-error"; readonly error: RuntimeError };

/**
 * A header only the built-in runtime sends with its answer: its peak RSS in kB, so the platform
 * need not read /proc on every invocation (that read cost ~0.15 ms of CPU per invocation).
 */
export const MAX_RSS_HEADER = "queueshift-max-rss-kb";

/**
 * A header only the built-in runtime sends with an invocation's answer: the CPU time (us) its
 * process spent from the event's arrival to the answer (parsing, the handler, serialising), which
 * a fresh environment's first invocations spend more of than their analyses (projection/, issue 13);
 * and with its first `next`: the CPU time its process spent from its start (Node's own start and
 * the handler's load: INIT's CPU time, every thread).
 */
export const CPU_HEADER = "queueshift-cpu-us";

/** How one invocation ended, with its duration (event handed over -> answer received). */
export type InvocationOutcome = (
  | { readonly type: "response"; readonly body: string }
  | { readonly type: "error"; readonly error: RuntimeError }
) & {
  readonly durationMs: number;
  /** The runtime's own peak RSS (`MAX_RSS_HEADER`), when it sent one. */
  readonly maxRssKB?: number;
  /** The runtime's CPU time for the invocation (`CPU_HEADER`), ms, when it sent one. */
  readonly cpuMs?: number;
};

/** One invocation to hand to the runtime. */
export interface InvocationRequest {
  readonly requestId: string;
  /** The event, already JSON. */
  readonly body: string;
  /** Epoch ms at which the invocation times out (`Lambda-Runtime-Deadline-Ms`). */
  readonly deadlineMs: number;
  /** Sent as `Lambda-Runtime-Client-Context` / `-Cognito-Identity` only when given, as AWS does. */
  readonly clientContext?: string;
  readonly cognitoIdentity?: string;
}
