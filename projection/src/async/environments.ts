/** Why an invoke could not get an execution environment. */
export const Throttle = { none: 0, concurrency: 1, scalingRate: 2 } as const;

/**
 * A function's execution environments: busy ones (initialising or running a batch) count
 * against the account concurrency (aws-facts 0.5); new ones are limited to `ratePer10s` per 10 s
 * window, unused rate not carried over (0.4). Idle ones are reused most-recent-first and reaped
 * after `keepAlive` idle seconds, oldest first.
 */
export class Environments {
  readonly #limit: number;
  readonly #ratePer10s: number;
  readonly #keepAlive: number;
  /** Idle environments' last-used times, oldest first (pushes come in time order). */
  readonly #idleStack: number[] = [];
  /** The analyses each idle environment has run, beside `#idleStack` (Infinity: warm from the start). */
  readonly #idleAnalyses: number[] = [];
  /** The invocations each idle environment has served, beside `#idleStack` (Infinity: warm). */
  readonly #idleInvocations: number[] = [];
  /** The analyses the environment `acquire` last claimed has run before (0 for a new one). */
  acquiredAnalyses = 0;
  /** The invocations the environment `acquire` last claimed has served before (0 for a new one). */
  acquiredInvocations = 0;
  busy = 0;
  initialising = 0;
  created = 0;
  reaped = 0;
  #bucket = -1;
  #newInBucket = 0;

  constructor(limit: number, ratePer10s: number, keepAliveSeconds: number) {
    this.#limit = limit;
    this.#ratePer10s = ratePer10s;
    this.#keepAlive = keepAliveSeconds;
  }

  get idle(): number {
    return this.#idleStack.length;
  }

  /** Adds `n` warm idle environments at time `t` (the warmed-up fleet, its JIT long done). */
  warm(n: number, t: number): void {
    for (let i = 0; i < n; i++) {
      this.#idleStack.push(t);
      this.#idleAnalyses.push(Number.POSITIVE_INFINITY);
      this.#idleInvocations.push(Number.POSITIVE_INFINITY);
    }
    this.created += n;
  }

  /**
   * Claims an environment at `t`: returns 0 for a warm one, 1 for a new (cold) one, or -1 with
   * `lastThrottle` saying why none was available; `acquiredAnalyses` says what it has run.
   */
  acquire(t: number): number {
    if (this.busy >= this.#limit) {
      this.lastThrottle = Throttle.concurrency;
      return -1;
    }
    if (this.#idleStack.length > 0) {
      this.#idleStack.pop();
      this.acquiredAnalyses = this.#idleAnalyses.pop() as number;
      this.acquiredInvocations = this.#idleInvocations.pop() as number;
      this.busy++;
      return 0;
    }
    const bucket = Math.floor(t / 10);
    if (bucket !== this.#bucket) {
      this.#bucket = bucket;
      this.#newInBucket = 0;
    }
    if (this.#newInBucket >= this.#ratePer10s) {
      this.lastThrottle = Throttle.scalingRate;
      return -1;
    }
    this.#newInBucket++;
    this.acquiredAnalyses = 0;
    this.acquiredInvocations = 0;
    this.created++;
    this.busy++;
    return 1;
  }

  lastThrottle: number = Throttle.none;

  /**
   * An environment that has now run `analyses` in `invocations` finished its batch at `t` and
   * waits for the next.
   */
  release(t: number, analyses: number, invocations: number): void {
    this.busy--;
    this.#idleStack.push(t);
    this.#idleAnalyses.push(analyses);
    this.#idleInvocations.push(invocations);
  }

  /** Reaps environments idle for longer than the keep-alive; returns how many went. */
  reap(t: number): number {
    const stack = this.#idleStack;
    let n = 0;
    // The stack is ordered by last use (pushes are in time order), oldest first.
    while (n < stack.length && t - (stack[n] as number) > this.#keepAlive) n++;
    if (n > 0) {
      stack.splice(0, n);
      this.#idleAnalyses.splice(0, n);
      this.#idleInvocations.splice(0, n);
    }
    this.reaped += n;
    return n;
  }
}
