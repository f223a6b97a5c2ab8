import type { Arrival } from "./schedule.js";

/** How one send ended, as the sender saw it. */
export type SendOutcome =
  | {
      readonly kind: "response";
      readonly status: number;
      /** The target's own time for the request (its `Server-Timing: app;dur=`), when it sent one. */
      readonly serverUs?: number;
    }
  | { readonly kind: "error"; readonly error: string }
  | { readonly kind: "timeout" };

/** Context the runner gives each send. */
export interface SendContext {
  /** Aborted when the run's grace period ends; the send should give up promptly. */
  readonly signal: AbortSignal;
}

/**
 * Performs one arrival against the target (an HTTP request, an SQS send, ...). It must not
 * throw for target failures: it resolves with an outcome. Thrown errors count as "error".
 */
export type Send = (arrival: Arrival, context: SendContext) => Promise<SendOutcome>;
