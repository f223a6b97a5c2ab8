import type { Clock } from "../clock/index.js";
import { LambdaPlatformError } from "./errors.js";
import type { FunctionConfig } from "./function-config.js";

// Node timers may fire up to 1 ms before the hrtime clock says the time is up.
const TIMER_SLACK_US = 1_000;

/** An environment that started, and the INIT time of a timed-out first attempt (0 if none). */
export interface StartedWithRetry<E> {
  readonly env: E;
  /** ms of the INIT that ran past its limit and was retried; billed with the first invocation. */
  readonly suppressedInitMs: number;
}

/**
 * Starts an environment the way Lambda treats a slow INIT (aws-facts 0.1): an INIT that runs
 * past its 10 s limit does not fail the function; Lambda retries it at the first invocation
 * under the function timeout and bills it. So a first attempt that timed out (ran the whole
 * init limit) is retried once with the function timeout as its limit; other init failures
 * (a throwing module, a missing handler) fail at once as before.
 */
export async function startWithInitRetry<E>(
  fn: FunctionConfig,
  clock: Clock,
  spawn: (config: FunctionConfig) => Promise<E>,
  onRetry: () => void,
): Promise<StartedWithRetry<E>> {
  const began = clock.nowUs();
  try {
    return { env: await spawn(fn), suppressedInitMs: 0 };
  } catch (err) {
    const elapsedUs = clock.nowUs() - began;
    if (!isInitTimeout(err, elapsedUs, fn.initTimeoutSeconds)) throw err;
    onRetry();
    const env = await spawn({ ...fn, initTimeoutSeconds: fn.timeoutSeconds });
    return { env, suppressedInitMs: elapsedUs / 1_000 };
  }
}

/** True when a start failed by running out its init time (not by an init error). */
function isInitTimeout(err: unknown, elapsedUs: number, limitSeconds: number): boolean {
  const initFailure = err instanceof LambdaPlatformError && err.code === "QS_LAMBDA_INIT_FAILED";
  return initFailure && elapsedUs >= limitSeconds * 1_000_000 - TIMER_SLACK_US;
}
