import type { AsyncParams } from "./async-params.js";

/** The standard ramp's figures (aws-facts 2.1): 5 concurrent batches, +300 per minute, cap 1,250. */
export const STANDARD_RAMP = Object.freeze({ start: 5, perMinute: 300, cap: 1_250 });
/** Provisioned mode (aws-facts 0.3): 10 concurrent invokes per poller, up to +1,000 per minute. */
export const PROVISIONED_RAMP = Object.freeze({ invokesPerPoller: 10, perMinute: 1_000 });

/**
 * How many batches the event source mapping runs at once. Standard mode starts at 5 and adds
 * up to 300 per minute while every slot is busy and messages wait, up to 1,250 or
 * MaximumConcurrency; provisioned mode runs 10 per poller from MinimumPollers and adds up to
 * 1,000 per minute up to MaximumPollers. Idle slots are given back gradually, and a throttled
 * invoke takes one slot away (Lambda "backs off and lowers the mapping's concurrency").
 */
export class ConcurrencyRamp {
  readonly floor: number;
  readonly cap: number;
  readonly #upPerSecond: number;
  readonly #downPerSecond: number;
  #level: number;

  constructor(p: AsyncParams) {
    if (p.mode === "provisioned") {
      this.floor = p.minimumPollers * PROVISIONED_RAMP.invokesPerPoller;
      this.cap = p.maximumPollers * PROVISIONED_RAMP.invokesPerPoller;
      this.#upPerSecond = PROVISIONED_RAMP.perMinute / 60;
    } else {
      this.floor = Math.min(STANDARD_RAMP.start, p.maximumConcurrency ?? STANDARD_RAMP.start);
      this.cap = p.maximumConcurrency ?? STANDARD_RAMP.cap;
      this.#upPerSecond = STANDARD_RAMP.perMinute / 60;
    }
    this.#downPerSecond = p.scaleDownPerMinute / 60;
    this.#level = this.floor;
  }

  /** Concurrent batches allowed now. */
  get slots(): number {
    return Math.floor(this.#level + 1e-9);
  }

  /** Starts at `n` slots (a warmed-up mapping), within floor and cap. */
  startAt(n: number): void {
    this.#level = Math.min(this.cap, Math.max(this.floor, n));
  }

  /**
   * One second of the ramp: up while messages wait and every slot is busy, down while slots
   * are idle and nothing waits. Returns true when the slot count changed.
   */
  tick(waiting: number, idleSlots: number): boolean {
    const before = this.slots;
    if (waiting > 0 && idleSlots === 0)
      this.#level = Math.min(this.cap, this.#level + this.#upPerSecond);
    else if (waiting === 0 && idleSlots > 0)
      this.#level = Math.max(this.floor, this.#level - this.#downPerSecond);
    return this.slots !== before;
  }

  /** A throttled invoke: one slot fewer, never below the floor. */
  backOff(): void {
    this.#level = Math.max(this.floor, this.#level - 1);
  }
}
