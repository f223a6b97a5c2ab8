/**
 * The harness's one time source, in microseconds on a monotonic scale (only differences
 * matter): the load runners, the Lambda platform (pollers, scaling, pool) and the run
 * orchestration all take it injected. Tests pass `FakeClock` so logic runs in virtual time.
 */
export interface Clock {
  /** Microseconds, monotonic. */
  nowUs(): number;
  /** Resolves after about `us` (never before the timer fires), or early when `signal` aborts (never rejects). */
  sleepUs(us: number, signal?: AbortSignal): Promise<void>;
}

/** Options of the real clock. */
export interface SystemClockOptions {
  /**
   * Waits shorter than this many microseconds yield with `setImmediate` instead of a timer,
   * because Node timers have 1 ms granularity. Default 250 us: the loop spins at most the last
   * 250 us before an arrival (a whole core only above ~4,000 arrivals/s); waits of 250-1000 us
   * take a 1 ms timer, so a send can be up to ~1 ms late, which its latency includes (timed
   * from the intended time) and `lagUs` shows. 0 = timers only.
   */
  readonly spinBelowUs?: number;
}

/** The real clock: `process.hrtime.bigint()` and timers (no busy loop longer than `spinBelowUs`). */
export function createSystemClock(options: SystemClockOptions = {}): Clock {
  const spinBelowUs = options.spinBelowUs ?? 250;
  return Object.freeze({
    nowUs: () => Number(process.hrtime.bigint() / 1_000n),
    sleepUs: (us: number, signal?: AbortSignal) =>
      new Promise<void>((resolve) => {
        if (signal?.aborted) return resolve();
        const done = () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        };
        let cancel: () => void;
        if (us < spinBelowUs) {
          const handle = setImmediate(done);
          cancel = () => clearImmediate(handle);
        } else {
          const handle = setTimeout(done, Math.max(1, Math.floor(us / 1_000)));
          cancel = () => clearTimeout(handle);
        }
        const onAbort = () => {
          cancel();
          resolve();
        };
        signal?.addEventListener("abort", onAbort, { once: true });
      }),
  });
}

/** The default real clock. */
export const systemClock: Clock = createSystemClock();

/**
 * Epoch milliseconds (fractional) read from the monotonic clock: the wall-time base the stacks
 * stamp their results with (`performance.timeOrigin` + `performance.now()`, so it never jumps).
 */
export function epochMs(): number {
  return performance.timeOrigin + performance.now();
}

/** Resolves after `ms` on the system clock, or at once when `signal` aborts. */
export function sleepMs(ms: number, signal?: AbortSignal): Promise<void> {
  return systemClock.sleepUs(Math.max(0, ms) * 1_000, signal);
}
