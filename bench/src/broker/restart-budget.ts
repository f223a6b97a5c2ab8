import type { RestartPolicy } from "./options.js";

/**
 * Bounded restarts: at most `maxRestarts` within any sliding `windowMs`. A broker that keeps
 * dying (out of disk, a bad config) is given up on instead of being restarted forever, while
 * one crash an hour is always restarted. The clock is injected so tests need no sleeping.
 */
export class RestartBudget {
  readonly #policy: RestartPolicy;
  readonly #now: () => number;
  readonly #taken: number[] = [];

  constructor(policy: RestartPolicy, now: () => number = Date.now) {
    this.#policy = policy;
    this.#now = now;
  }

  /** Takes one restart if the window has room; false means give up. */
  take(): boolean {
    const now = this.#now();
    while (this.#taken.length > 0 && now - (this.#taken[0] as number) >= this.#policy.windowMs) {
      this.#taken.shift();
    }
    if (this.#taken.length >= this.#policy.maxRestarts) return false;
    this.#taken.push(now);
    return true;
  }

  /** Restarts taken within the current window. */
  used(): number {
    return this.#taken.length;
  }

  /** The bound in words, for log lines and errors: "3 restarts within 60 s". */
  describe(): string {
    const { maxRestarts, windowMs } = this.#policy;
    return `${maxRestarts} restart${maxRestarts === 1 ? "" : "s"} within ${windowMs / 1000} s`;
  }
}
