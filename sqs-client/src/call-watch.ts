// Deadlines and aborts for many calls at once, for SocketPoster. settleWithin (http-poster.ts)
// arms a timer and adds an abort listener per call, and clears both when it settles: at ~0.5
// SQS calls per job those timer-list and EventTarget operations were ~5 % of the harness's CPU
// at saturation (bench:async-overhead, perf profile). Here one timer waits for the earliest
// deadline of all calls in flight and each signal gets one listener for all its calls. A call
// still fails at its own deadline: the timer is re-armed whenever an earlier one comes in.

/** One call under watch. */
export interface WatchedCall {
  /** When it gives up, in performance.now() ms. */
  readonly deadlineAt: number;
  readonly signal: AbortSignal | undefined;
  /** Fails the call; runs at most once, and never after `unwatch`. */
  expire(why: "timeout" | "aborted"): void;
}

/** Watches calls' deadlines with one timer and their signals with one listener per signal. */
export class CallWatch {
  readonly #calls = new Set<WatchedCall>();
  /** Calls by signal; the signal's one listener (added on first sight) fails them all. */
  readonly #bySignal = new WeakMap<AbortSignal, Set<WatchedCall>>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timerAt = Number.POSITIVE_INFINITY;

  /** Watches `call`; false (and not watched) when its signal has already aborted. */
  watch(call: WatchedCall): boolean {
    const { signal } = call;
    if (signal?.aborted) return false;
    this.#calls.add(call);
    if (signal !== undefined) this.#onSignal(signal).add(call);
    if (call.deadlineAt < this.#timerAt) this.#arm(call.deadlineAt);
    return true;
  }

  /** Stops watching `call` (it settled); the timer stays armed and finds nothing to do. */
  unwatch(call: WatchedCall): void {
    this.#calls.delete(call);
    if (call.signal !== undefined) this.#bySignal.get(call.signal)?.delete(call);
  }

  #onSignal(signal: AbortSignal): Set<WatchedCall> {
    let calls = this.#bySignal.get(signal);
    if (calls === undefined) {
      const set = new Set<WatchedCall>();
      calls = set;
      this.#bySignal.set(signal, set);
      signal.addEventListener("abort", () => this.#expire([...set], "aborted"), { once: true });
    }
    return calls;
  }

  #arm(at: number): void {
    clearTimeout(this.#timer);
    this.#timerAt = at;
    this.#timer = setTimeout(() => this.#sweep(), Math.max(0, at - performance.now()));
    // Unref'd: a call in flight keeps the process alive through its socket, as node:http does.
    this.#timer.unref();
  }

  /** Fails the calls past their deadline and re-arms for the earliest of the rest. */
  #sweep(): void {
    this.#timer = undefined;
    this.#timerAt = Number.POSITIVE_INFINITY;
    const now = performance.now();
    const due: WatchedCall[] = [];
    let next = Number.POSITIVE_INFINITY;
    for (const call of this.#calls) {
      if (call.deadlineAt <= now) due.push(call);
      else next = Math.min(next, call.deadlineAt);
    }
    if (next !== Number.POSITIVE_INFINITY) this.#arm(next);
    this.#expire(due, "timeout");
  }

  #expire(calls: readonly WatchedCall[], why: "timeout" | "aborted"): void {
    for (const call of calls) {
      this.unwatch(call);
      call.expire(why);
    }
  }
}
