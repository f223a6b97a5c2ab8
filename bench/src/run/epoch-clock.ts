/** Epoch milliseconds (fractional) from the monotonic clock, the time base the stacks report in. */
export function epochMs(): number {
  return performance.timeOrigin + performance.now();
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function sleepMs(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, Math.max(0, ms));
    function done() {
      signal?.removeEventListener("abort", done);
      clearTimeout(timer);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}
