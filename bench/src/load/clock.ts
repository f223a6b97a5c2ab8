/**
 * Time for the load runners, in microseconds on a monotonic scale (only differences matter).
 * Tests inject `FakeClock` so schedule logic runs in virtual time without sleeping.
 */
export interface Clock {
  /** Microseconds, monotonic. */
  nowUs(): number;
  /** Resolves after about `us` (never before the timer fires), or early when `signal` aborts. */
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

interface Sleeper {
  readonly dueUs: number;
  readonly seq: number;
  readonly resolve: () => void;
}

/**
 * A discrete-event virtual clock: time jumps to the earliest pending sleep, one wake-up per
 * macrotask, so every promise chain triggered by a wake-up settles before time moves on.
 * Everything under test must wait through this clock.
 */
export class FakeClock implements Clock {
  #now: number;
  #seq = 0;
  #pending: Sleeper[] = [];
  #scheduled = false;

  constructor(startUs = 0) {
    this.#now = startUs;
  }

  /** Virtual microseconds. */
  nowUs(): number {
    return this.#now;
  }

  /** Jumps virtual time forward at once, as if the process had been blocked (GC, CPU). */
  advanceUs(us: number): void {
    this.#now += Math.max(0, us);
  }

  /** Resolves when virtual time reaches now + us (or at once when `signal` aborts). */
  sleepUs(us: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const onAbort = () => {
        this.#pending = this.#pending.filter((s) => s !== sleeper);
        resolve();
      };
      const sleeper: Sleeper = {
        dueUs: this.#now + Math.max(0, us),
        seq: this.#seq++,
        resolve: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
      };
      this.#pending.push(sleeper);
      this.#pending.sort((a, b) => a.dueUs - b.dueUs || a.seq - b.seq);
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      const next = this.#pending.shift();
      if (next === undefined) return;
      this.#now = Math.max(this.#now, next.dueUs);
      next.resolve();
      if (this.#pending.length > 0) this.#schedule();
    });
  }
}
