import type { SQSEvent } from "aws-lambda";
import type { Clock } from "../clock/index.js";
import type { InvocationResult } from "./invocation-report.js";

/** The longest pause between retries of a throttled batch: 5 s, our cap (AWS publishes none). */
const THROTTLE_RETRY_MAX_US = 5_000_000;

/** What one batch's throttle retries need. */
export interface ThrottleRetry {
  readonly invoke: (event: SQSEvent) => Promise<InvocationResult>;
  readonly event: SQSEvent;
  readonly clock: Clock;
  /** When the batch's messages become visible again: retrying past it is pointless. */
  readonly deadlineUs: number;
  readonly firstDelayUs: number;
  /** True once the mapping is stopping. */
  readonly stopped: () => boolean;
  /** Called before each retry (the mapping lowers its concurrency and records the throttle). */
  readonly onThrottle: () => void;
}

/**
 * Invokes, and after a throttle "backs off, lowers ESM concurrency and keeps retrying until the
 * visibility timeout expires" (aws-facts 2.1), doubling the pause up to 5 s.
 */
export async function invokeWithThrottleRetry(r: ThrottleRetry): Promise<InvocationResult> {
  let delay = r.firstDelayUs;
  for (;;) {
    const result = await r.invoke(r.event);
    const throttled = !result.ok && result.error.code === "QS_LAMBDA_THROTTLED";
    if (!throttled || r.clock.nowUs() + delay >= r.deadlineUs || r.stopped()) return result;
    r.onThrottle();
    await r.clock.sleepUs(delay);
    delay = Math.min(delay * 2, THROTTLE_RETRY_MAX_US);
  }
}
