/** When an invocation must stop working: its deadline less the time to publish and return. */
export interface Deadline {
  /** Whether work expected to take `expectedMs` can still start. */
  allows(expectedMs: number): boolean;
  /** Milliseconds until the deadline (Infinity without one). */
  leftMs(): number;
  /** Settles the promises, or stops waiting at the deadline: unsettled entries are `undefined`. */
  race<T>(promises: ReadonlyArray<Promise<T>>): Promise<Array<T | undefined>>;
}

/**
 * Time kept back from the function timeout to publish results and return the batch response:
 * 10 % of the time left, at least 100 ms and at most 1 s. Publishing one SendMessageBatch takes a
 * few ms locally and tens of ms on AWS; the rest is margin against a late timer.
 */
export function reserveMs(remainingMs: number): number {
  return Math.min(1_000, Math.max(100, remainingMs * 0.1));
}

/** No deadline (tests, or a caller without a Lambda context): every record runs to its end. */
export const noDeadline: Deadline = {
  allows: () => true,
  leftMs: () => Number.POSITIVE_INFINITY,
  race: (promises) => Promise.all(promises),
};

/** The deadline of an invocation with `remainingMs` left now (`context.getRemainingTimeInMillis()`). */
export function deadlineFor(remainingMs: number, now: () => number): Deadline {
  const at = now() + remainingMs - reserveMs(remainingMs);
  const leftMs = () => at - now();
  return {
    allows: (expectedMs) => leftMs() > expectedMs,
    leftMs,
    race: async <T>(promises: ReadonlyArray<Promise<T>>) => {
      const settled: Array<T | undefined> = promises.map(() => undefined);
      const all = Promise.all(
        promises.map(async (p, i) => {
          settled[i] = await p;
        }),
      );
      let timer: NodeJS.Timeout | undefined;
      const expired = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, Math.max(0, leftMs()));
      });
      await Promise.race([all, expired]);
      clearTimeout(timer);
      return settled;
    },
  };
}
