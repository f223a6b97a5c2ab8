import { setTimeout as delay } from "node:timers/promises";

/** Time source for pollers and controllers; tests inject a fake one so nothing sleeps. */
export interface Clock {
  /** Milliseconds on a monotonic scale (only differences matter). */
  now(): number;
  /** Resolves after `ms`, or rejects with an AbortError when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The real clock: `performance.now()` and timer-based sleeps. */
export const systemClock: Clock = Object.freeze({
  now: () => performance.now(),
  sleep: async (ms: number, signal?: AbortSignal) => {
    await delay(ms, undefined, signal === undefined ? undefined : { signal });
  },
});
