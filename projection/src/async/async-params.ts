import { Issues } from "../engine/projection-error.js";

/** Design B's settings: API Gateway -> SQS -> event source mapping -> Lambda. */
export interface AsyncParams {
  readonly memoryMb: number;
  readonly architecture: "x86" | "arm64";
  readonly batchSize: number;
  readonly batchingWindowSeconds: number;
  /** "standard": AWS's ramp; "provisioned": dedicated pollers (aws-facts 0.3). */
  readonly mode: "standard" | "provisioned";
  /** Standard mode: ScalingConfig.MaximumConcurrency (null = unset, the 1,250 cap applies). */
  readonly maximumConcurrency: number | null;
  readonly minimumPollers: number;
  readonly maximumPollers: number;
  /** Standard mode: concurrent batches removed per minute while idle (gradual scale-down). */
  readonly scaleDownPerMinute: number;
  readonly accountConcurrency: number;
  /** New execution environments a function may add per 10 s. */
  readonly scalingRatePer10s: number;
  /** First back-off after a throttled invoke; doubles per retry of the batch, at most 30 s. */
  readonly throttleBackoffSeconds: number;
  readonly keepAliveSeconds: number;
  readonly functionTimeoutSeconds: number;
  readonly visibilityTimeoutSeconds: number;
  readonly maxReceiveCount: number;
  /** Probability a message's processing fails (retried by redelivery, then the DLQ). */
  readonly failureRate: number;
  /** CPU share the measured handler ran at (durations scale by it / min(1, MB / 1,769)). */
  readonly measuredCpuShare: number;
  /** Environments warm at the start; null = what the warm-up rate keeps busy. */
  readonly initialEnvironments: number | null;
}

/** Defaults of AsyncParams, each with its source (aws-facts.md sections). */
export const ASYNC_PARAM_DEFAULTS: Readonly<AsyncParams> = Object.freeze({
  memoryMb: 1_769,
  architecture: "x86",
  batchSize: 10,
  batchingWindowSeconds: 0,
  mode: "standard",
  maximumConcurrency: null,
  minimumPollers: 2,
  maximumPollers: 200,
  scaleDownPerMinute: 60,
  accountConcurrency: 1_000,
  scalingRatePer10s: 1_000,
  throttleBackoffSeconds: 1,
  keepAliveSeconds: 300,
  functionTimeoutSeconds: 10,
  visibilityTimeoutSeconds: 60,
  maxReceiveCount: 5,
  failureRate: 0,
  measuredCpuShare: 1,
  initialEnvironments: null,
});

/** Where each default comes from (written to the projection's assumptions). */
export const ASYNC_PARAM_SOURCES: Readonly<Record<keyof AsyncParams, string>> = Object.freeze({
  memoryMb: "bench scenario default: 1,769 MB = 1 vCPU (aws-facts 1.3)",
  architecture: "assumed: x86 (aws-facts 1.1 prices)",
  batchSize: "aws-facts 2.3: BatchSize default 10",
  batchingWindowSeconds: "aws-facts 2.3: MaximumBatchingWindowInSeconds default 0 for SQS",
  mode: "aws-facts 2.1: standard polling unless provisioned mode is chosen (0.3)",
  maximumConcurrency: "aws-facts 2.1/2.2: unset; the mapping caps at 1,250 concurrent invokes",
  minimumPollers: "aws-facts 0.3: MinimumPollers default 2",
  maximumPollers: "assumed: MaximumPollers 200 (aws-facts 0.3 allows 2-2,000)",
  scaleDownPerMinute: "assumed: AWS says only 'scales back' gradually (aws-facts 2.1); 60/min",
  accountConcurrency: "aws-facts 0.5: 1,000 concurrent executions per region",
  scalingRatePer10s: "aws-facts 0.4: 1,000 execution environments every 10 s per function",
  throttleBackoffSeconds:
    "assumed: AWS backs off after throttles without publishing the schedule (aws-facts 2.1)",
  keepAliveSeconds: "assumed: AWS publishes none; 5-15 min observed (bench pool-config.ts)",
  functionTimeoutSeconds: "bench scenario default 10 s (max 900 s, aws-facts 1.3)",
  visibilityTimeoutSeconds:
    "bench scenario default 60 s: >= 6x the function timeout (aws-facts 2.3, 0.2)",
  maxReceiveCount: "bench scenario default 5 (aws-facts 2.3)",
  failureRate: "assumed: no failing messages",
  measuredCpuShare: "assumed: the local environment had one whole core (1,769 MB)",
  initialEnvironments: "derived: environments the warm-up rate keeps busy",
});

/** Merges overrides onto the defaults and validates every field (throws with all issues). */
export function resolveAsyncParams(overrides: Partial<AsyncParams> = {}): AsyncParams {
  const p = { ...ASYNC_PARAM_DEFAULTS, ...overrides };
  const i = new Issues();
  i.range(p.memoryMb, "async.memoryMb", 128, 10_240); // aws-facts 1.3
  i.check(
    p.architecture === "x86" || p.architecture === "arm64",
    "async.architecture",
    "must be x86 or arm64",
  );
  i.range(p.batchSize, "async.batchSize", 1, 10_000); // aws-facts 2.3
  i.range(p.batchingWindowSeconds, "async.batchingWindowSeconds", p.batchSize > 10 ? 1 : 0, 300);
  i.check(
    p.mode === "standard" || p.mode === "provisioned",
    "async.mode",
    "must be standard or provisioned",
  );
  if (p.maximumConcurrency !== null) {
    i.range(p.maximumConcurrency, "async.maximumConcurrency", 2, 1_000); // aws-facts 2.2
    i.check(
      p.mode === "standard",
      "async.maximumConcurrency",
      "cannot be combined with provisioned mode (aws-facts 2.2)",
    );
  }
  i.range(p.minimumPollers, "async.minimumPollers", 1, 200); // aws-facts 0.3
  i.range(p.maximumPollers, "async.maximumPollers", p.minimumPollers, 2_000);
  i.range(p.scaleDownPerMinute, "async.scaleDownPerMinute", 0, 10_000);
  i.range(p.accountConcurrency, "async.accountConcurrency", 1, 1_000_000);
  i.range(p.scalingRatePer10s, "async.scalingRatePer10s", 1, 1_000_000);
  i.range(p.throttleBackoffSeconds, "async.throttleBackoffSeconds", 0.001, 60);
  i.range(p.keepAliveSeconds, "async.keepAliveSeconds", 0, 86_400);
  i.range(p.functionTimeoutSeconds, "async.functionTimeoutSeconds", 0.001, 900);
  i.range(
    p.visibilityTimeoutSeconds,
    "async.visibilityTimeoutSeconds",
    p.functionTimeoutSeconds,
    43_200,
  );
  i.range(p.maxReceiveCount, "async.maxReceiveCount", 1, 1_000);
  i.range(p.failureRate, "async.failureRate", 0, 1);
  i.range(p.measuredCpuShare, "async.measuredCpuShare", 0.01, 6);
  if (p.initialEnvironments !== null)
    i.range(p.initialEnvironments, "async.initialEnvironments", 0, p.accountConcurrency);
  i.throwIfAny();
  return Object.freeze(p);
}

/** The CPU share an environment of `memoryMb` gets for single-threaded Node: min(1, MB / 1,769) (aws-facts 1.3). */
export function cpuShareOf(memoryMb: number): number {
  return Math.min(1, memoryMb / 1_769);
}
