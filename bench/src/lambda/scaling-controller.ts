import type { Clock } from "../clock/index.js";
import type { ScalingConfig } from "./event-source-mapping-config.js";

const MINUTE_US = 60_000_000;

/**
 * Decides how many batches the event source mapping runs at once, like AWS for standard queues
 * (aws-facts 2.1): start at 5, add up to 300 per minute while messages wait, cap at 1,250 or
 * MaximumConcurrency; on an empty queue step down gradually (`scaleDownPerMinute`) to 5, and to 2
 * after a quiet spell, so one empty sample between bursts does not retire every poller; back off
 * after errors.
 * Pure: time comes from the injected clock, queue depth from `observe`.
 */
export class ScalingController {
  readonly ceiling: number;
  #config: ScalingConfig;
  #clock: Clock;
  #target: number;
  #rampBase: number;
  #rampStartedAt: number | undefined;
  #emptySince: number | undefined;
  #shrinkBase = 0;
  #holdUntil = Number.NEGATIVE_INFINITY;
  #backedOff = false;

  // No cap at the function's concurrency: as on AWS, a mapping that outgrows the account (or
  // reserved) concurrency is throttled and backs off (aws-facts 0.5, 2.1).
  constructor(config: ScalingConfig, clock: Clock) {
    this.#config = config;
    this.#clock = clock;
    this.ceiling = Math.min(
      config.maximumConcurrency ?? config.concurrencyCap,
      config.concurrencyCap,
    );
    this.#target = Math.min(config.startingConcurrency, this.ceiling);
    this.#rampBase = this.#target;
  }

  /** Concurrent batches the mapping should run now. */
  get target(): number {
    return this.#target;
  }

  /** Feeds the queue's visible backlog (e.g. ApproximateNumberOfMessages); returns the new target. */
  observe(visibleMessages: number): number {
    const now = this.#clock.nowUs();
    if (visibleMessages > 0) this.#grow(now);
    else this.#shrink(now);
    return this.#target;
  }

  /** A function error or throttle: lower the target, at most once per back-off period. */
  recordError(): number {
    const now = this.#clock.nowUs();
    if (now < this.#holdUntil) return this.#target;
    const floor = Math.min(this.#config.lowTrafficConcurrency, this.ceiling);
    this.#target = Math.max(floor, Math.floor(this.#target * this.#config.errorBackOffFactor));
    this.#holdUntil = now + this.#config.errorBackOffSeconds * 1_000_000;
    this.#rampStartedAt = undefined;
    this.#backedOff = true;
    return this.#target;
  }

  #grow(now: number): void {
    this.#emptySince = undefined;
    if (now < this.#holdUntil) return;
    if (this.#rampStartedAt === undefined) {
      // After a back-off, ramp up again from the reduced target; otherwise messages appearing
      // start at least at the starting concurrency (aws-facts 2.1: "begins with 5 batches").
      const start = Math.min(this.#config.startingConcurrency, this.ceiling);
      this.#rampBase = this.#backedOff ? this.#target : Math.max(this.#target, start);
      this.#rampStartedAt = now;
    }
    const added = Math.floor(
      (this.#config.scaleUpPerMinute * (now - this.#rampStartedAt)) / MINUTE_US,
    );
    this.#target = Math.min(this.ceiling, this.#rampBase + added);
  }

  #shrink(now: number): void {
    this.#rampStartedAt = undefined;
    this.#backedOff = false;
    if (this.#emptySince === undefined) {
      this.#emptySince = now;
      this.#shrinkBase = this.#target;
    }
    const lowAllowed = this.#config.maximumConcurrency === undefined;
    const idleLongEnough =
      now - this.#emptySince >= this.#config.lowTrafficAfterSeconds * 1_000_000;
    const settle =
      lowAllowed && idleLongEnough
        ? this.#config.lowTrafficConcurrency
        : this.#config.startingConcurrency;
    const removed = Math.floor(
      (this.#config.scaleDownPerMinute * (now - this.#emptySince)) / MINUTE_US,
    );
    const stepped = Math.min(this.ceiling, Math.max(settle, this.#shrinkBase - removed));
    // During a back-off hold an empty queue may lower the target, never raise it back.
    this.#target = now < this.#holdUntil ? Math.min(this.#target, stepped) : stepped;
  }
}
