import { type BatchFill, monthlyMeanBatchSize } from "./batch-fill.js";
import type { ApiGatewayKind } from "./common-items.js";
import { IssueCollector } from "./cost-model-error.js";
import type { Architecture, PriceTable } from "./price-table.js";
import type { TrafficProfile } from "./traffic-profile.js";

/** The Lambda function's measured usage. */
export interface LambdaUsage {
  readonly architecture: Architecture;
  /** Configured memory, MB (128..10,240). */
  readonly memoryMb: number;
  /** Handler time per invocation = durationPerInvocationMs + durationPerMessageMs x batch size (measured). */
  readonly durationPerInvocationMs: number;
  readonly durationPerMessageMs: number;
  /** New execution environments in the month (from scale-out events, not a share of requests). */
  readonly coldStarts: number;
  /** Mean Init Duration, ms; billed for container images (aws-facts.md 1.2). */
  readonly initMs: number;
  /** Log bytes per invocation (START/END/REPORT + app lines); the sheet has no figure, so measure it. */
  readonly logBytesPerInvocation: number;
}

/** Queue and event source mapping usage; optional fields default from ASYNC_DEFAULTS. */
export interface QueueUsage {
  /** Mean messages per invocation (measured; at most the configured BatchSize). */
  readonly meanBatchSize: number;
  /** Jobs per SendMessage(Batch) call by the enqueue API (1 = API Gateway's SQS-SendMessage integration). */
  readonly sendBatchSize?: number;
  /** Event source mapping pollers long-polling while the queue is idle. */
  readonly pollers?: number;
  /** Long-poll wait, seconds (max 20). */
  readonly waitSeconds?: number;
  /**
   * When given, the mean batch is derived from each hour's arrival rate, BatchSize, window and
   * pollers (expectedBatchSize) instead of `meanBatchSize`, so it follows the volume.
   */
  readonly batchFill?: BatchFill;
}

/** The results queue: the handler publishes one result per job, a consumer receives and deletes it. */
export interface ResultsUsage {
  readonly enabled: boolean;
  readonly resultBytes: number;
  readonly consumerBatchSize?: number;
  readonly consumerPollers?: number;
}

/** Measured usage and choices for architecture B (API -> SQS -> Lambda). */
export interface AsyncCostInput {
  readonly traffic: TrafficProfile;
  /** Bytes per job message (API Gateway metering and SQS 64 KB chunks). */
  readonly requestBytes: number;
  readonly apiGateway?: ApiGatewayKind;
  /** API calls per job (1 = submit only; add the client's result polls per job here). */
  readonly apiRequestsPerJob?: number;
  readonly queue: QueueUsage;
  readonly lambda: LambdaUsage;
  readonly results?: ResultsUsage;
  readonly includeFreeTier?: boolean;
}

/** Defaults of AsyncCostInput (why each value: docs/cost-model.md, "Architecture B"). */
export const ASYNC_DEFAULTS = Object.freeze({
  apiGateway: "http" as ApiGatewayKind,
  apiRequestsPerJob: 1, // requests; submit only
  includeFreeTier: false, // the account's free tier is shared with other workloads
  sendBatchSize: 1, // jobs per send call
  pollers: 5, // pollers; Lambda starts an SQS event source mapping with 5 (aws-facts.md 2.1, A)
  waitSeconds: 20, // seconds; maximum long-poll wait (aws-facts.md 5.2, A)
  consumerBatchSize: 10, // results per receive by the results consumer
  consumerPollers: 1, // pollers on the results queue
});
/** AsyncCostInput with every default filled in. */
export type ResolvedAsyncInput = Omit<Required<AsyncCostInput>, "queue" | "results"> & {
  /** `meanBatchSize` is the month's mean: derived from `batchFill` when that is given. */
  readonly queue: Required<Omit<QueueUsage, "batchFill">> & {
    readonly batchFill: BatchFill | null;
  };
  readonly results: Required<ResultsUsage>;
};

/** Fills defaults and validates; throws QS_COST_INVALID_INPUT with every issue. */
export function resolveAsyncInput(input: AsyncCostInput, prices: PriceTable): ResolvedAsyncInput {
  const d = ASYNC_DEFAULTS;
  const q = input.queue;
  const res = input.results;
  const r: ResolvedAsyncInput = {
    ...input,
    apiGateway: input.apiGateway ?? d.apiGateway,
    apiRequestsPerJob: input.apiRequestsPerJob ?? d.apiRequestsPerJob,
    includeFreeTier: input.includeFreeTier ?? d.includeFreeTier,
    queue: {
      meanBatchSize:
        q.batchFill === undefined
          ? q.meanBatchSize
          : monthlyMeanBatchSize(input.traffic.hourlyRates, q.batchFill, input.lambda),
      sendBatchSize: q.sendBatchSize ?? d.sendBatchSize,
      pollers: q.pollers ?? d.pollers,
      waitSeconds: q.waitSeconds ?? d.waitSeconds,
      batchFill: q.batchFill ?? null,
    },
    results: {
      enabled: res?.enabled ?? false,
      resultBytes: res?.resultBytes ?? 0,
      consumerBatchSize: res?.consumerBatchSize ?? d.consumerBatchSize,
      consumerPollers: res?.consumerPollers ?? d.consumerPollers,
    },
  };
  const c = new IssueCollector();
  const maxCall = prices.sqs.maxMessagesPerCall;
  c.number(r.requestBytes, "requestBytes", 0);
  c.check(
    ["none", "http", "rest"].includes(r.apiGateway),
    "apiGateway",
    "must be none, http or rest",
  );
  c.number(r.apiRequestsPerJob, "apiRequestsPerJob", 0);
  c.number(r.queue.meanBatchSize, "queue.meanBatchSize", 1, 10_000); // BatchSize max 10,000 (aws-facts.md 2.3)
  c.number(r.queue.sendBatchSize, "queue.sendBatchSize", 1, maxCall);
  const fill = r.queue.batchFill;
  if (fill !== null) {
    c.number(fill.maxBatchSize, "queue.batchFill.maxBatchSize", 1, 10_000); // aws-facts.md 2.3
    c.number(fill.windowSeconds, "queue.batchFill.windowSeconds", 0, 300); // aws-facts.md 2.3
    c.number(fill.pollers, "queue.batchFill.pollers", 1);
  }
  c.number(r.queue.pollers, "queue.pollers", 0);
  c.number(r.queue.waitSeconds, "queue.waitSeconds", 1, prices.sqs.maxLongPollSeconds);
  c.number(r.results.resultBytes, "results.resultBytes", 0);
  c.number(r.results.consumerBatchSize, "results.consumerBatchSize", 1, maxCall);
  c.number(r.results.consumerPollers, "results.consumerPollers", 0);
  const l = r.lambda;
  c.number(l.memoryMb, "lambda.memoryMb", 128, 10_240); // aws-facts.md 1.3
  c.check(
    l.architecture === "x86" || l.architecture === "arm64",
    "lambda.architecture",
    "must be x86 or arm64",
  );
  c.number(l.durationPerInvocationMs, "lambda.durationPerInvocationMs", 0, 900_000); // 900 s timeout
  c.number(l.durationPerMessageMs, "lambda.durationPerMessageMs", 0, 900_000);
  c.number(l.coldStarts, "lambda.coldStarts", 0);
  c.number(l.initMs, "lambda.initMs", 0, 10_000); // INIT runs at most 10 s (aws-facts.md 1.2)
  c.number(l.logBytesPerInvocation, "lambda.logBytesPerInvocation", 0);
  c.throwIfAny("QS_COST_INVALID_INPUT");
  return r;
}
