/**
 * How full the event source mapping's batches are at an arrival rate. With a 0 s window a long
 * poll returns as soon as any message is there, so at low rates batches hold ~1-2 messages
 * whatever BatchSize is (aws-facts.md 0.10); cost models must derive the fill, not assume it.
 */
export interface BatchFill {
  /** The event source mapping's BatchSize (1..10,000). */
  readonly maxBatchSize: number;
  /** MaximumBatchingWindowInSeconds (0..300). */
  readonly windowSeconds: number;
  /** Pollers sharing the arrivals (standard mode starts with 5 concurrent batches, aws-facts.md 2.1). */
  readonly pollers: number;
}

/** The handler time of one batch: fixed + perMessage x size, ms (as in LambdaUsage). */
export interface BatchDuration {
  readonly durationPerInvocationMs: number;
  readonly durationPerMessageMs: number;
}

/**
 * Expected messages per invocation at `ratePerSecond`. Each of the pollers sees rate / pollers
 * (lambda). A poll that finds the queue empty returns with its first message and then waits
 * the window: 1 + lambda x window messages. A poller busy with a batch of b messages finds
 * lambda x d(b) waiting when it polls again, d(b) = fixed + perMessage x b; the fixed point
 * b = lambda x fixed / (1 - lambda x perMessage). Where lambda x perMessage >= 1 one poller cannot
 * keep up, messages back up and batches fill. The larger of the two, within 1..BatchSize.
 * An approximation (docs/cost-model.md, "Batch fill"): it ignores poll round trips and the
 * event source mapping's scaling, which adds pollers only once messages back up.
 */
export function expectedBatchSize(
  ratePerSecond: number,
  fill: BatchFill,
  duration: BatchDuration,
): number {
  const b = Math.max(1, fill.maxBatchSize);
  if (!(ratePerSecond > 0)) return 1;
  const lambda = ratePerSecond / Math.max(1, fill.pollers); // messages/s per poller
  const windowFill = 1 + lambda * fill.windowSeconds;
  const perMessageS = duration.durationPerMessageMs / 1000;
  const busyShare = lambda * perMessageS; // messages arriving per message processed
  const busyFill =
    busyShare >= 1 ? b : (lambda * (duration.durationPerInvocationMs / 1000)) / (1 - busyShare);
  return Math.min(b, Math.max(1, windowFill, busyFill));
}

/**
 * The month's mean batch when hour h runs at `hourlyRates[h]` (req/s): jobs / invocations, so
 * invocations = sum over hours of jobs_h / b(r_h) come out exact (a harmonic mean).
 */
export function monthlyMeanBatchSize(
  hourlyRates: readonly number[],
  fill: BatchFill,
  duration: BatchDuration,
): number {
  let jobs = 0;
  let invocations = 0;
  for (const rate of hourlyRates) {
    if (!(rate > 0)) continue;
    jobs += rate * 3600;
    invocations += (rate * 3600) / expectedBatchSize(rate, fill, duration);
  }
  return invocations > 0 ? jobs / invocations : 1;
}
