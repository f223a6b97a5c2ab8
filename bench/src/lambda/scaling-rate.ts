import type { Clock } from "../clock/index.js";

/**
 * Lambda's function scaling rate (aws-facts 0.4): each function adds at most `perWindow` new
 * execution environments per `windowSeconds`, and unused rate does not carry over, so windows
 * are fixed (the first creation after a window ends opens the next) rather than a token bucket.
 */
export class ScalingRateLimiter {
  readonly perWindow: number;
  readonly #windowUs: number;
  readonly #clock: Clock;
  #windowStart = Number.NEGATIVE_INFINITY;
  #used = 0;

  constructor(perWindow: number, windowSeconds: number, clock: Clock) {
    this.perWindow = perWindow;
    this.#windowUs = windowSeconds * 1_000_000;
    this.#clock = clock;
  }

  /** Takes one new environment from this window's allowance; false = throttle (429). */
  tryTake(): boolean {
    const now = this.#clock.nowUs();
    if (now - this.#windowStart >= this.#windowUs) {
      this.#windowStart = now;
      this.#used = 0;
    }
    if (this.#used >= this.perWindow) return false;
    this.#used += 1;
    return true;
  }
}
