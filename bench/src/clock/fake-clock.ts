import type { Clock } from "./clock.js";

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
