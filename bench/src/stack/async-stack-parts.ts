// The async stack's parts, one function each (settings, broker, enqueue API, platform, queue
// reads); ~260 lines, kept in one file as the steps of startAsyncStack (async-stack.ts).
import type { SqsApi } from "@queueshift/sqs-client";
import {
  BROKER_DEFAULTS,
  type StartedBroker,
  standardQueues,
  startBroker,
} from "../broker/index.js";
import type { FunctionOptions } from "../lambda/index.js";
import {
  DEPTH_ATTRIBUTES,
  EnvironmentPool,
  EventSourceMapping,
  queueDepthOf,
  SqsEventSourceQueue,
} from "../lambda/index.js";
import type { AsyncFunctionTarget } from "../scenario/validate-async-target.js";
import type { AsyncQueueDepth, AsyncStackOptions, AsyncStackSettings } from "./async-stack.js";
import { publishingCompletions } from "./completion-publisher.js";
import { countingQueue } from "./counting-queue.js";
import { type NodeService, startNodeService } from "./node-service.js";
import { ARTEFACTS, requireArtefact } from "./paths.js";

/** The stack's queue URLs. */
export interface AsyncQueueUrls {
  readonly jobs: string;
  readonly results: string;
  readonly dlq: string;
}

/** SQS default maximum message size, bytes (aws-facts 5.2). */
export const MAX_MESSAGE_BYTES = 262_144;
/** SQS's largest message, 1 MiB (aws-facts 0.6): the results queue's default limit. */
export const RESULTS_MAX_MESSAGE_BYTES = 1_048_576;

/** The caller's settings plus the stack's own (message size, broker kind), frozen. */
export function resolveStackSettings(options: AsyncStackOptions): AsyncStackSettings {
  return Object.freeze({
    memorySizeMB: options.memorySizeMB,
    batchSize: options.batchSize,
    batchingWindowSeconds: options.batchingWindowSeconds,
    maxConcurrency: options.maxConcurrency,
    accountConcurrency: options.accountConcurrency,
    ...(options.provisionedPollerConfig
      ? { provisionedPollerConfig: options.provisionedPollerConfig }
      : {}),
    keepAliveSeconds: options.keepAliveSeconds,
    visibilityTimeoutSeconds: options.visibilityTimeoutSeconds,
    maxReceiveCount: options.maxReceiveCount,
    functionTimeoutSeconds: options.functionTimeoutSeconds,
    maxMessageBytes: options.maxMessageBytes ?? MAX_MESSAGE_BYTES,
    resultsMaxMessageBytes: options.resultsMaxMessageBytes ?? RESULTS_MAX_MESSAGE_BYTES,
    brokerKind: options.brokerKind ?? "auto",
    brokerStorage: options.brokerStorage ?? BROKER_DEFAULTS.storage,
  });
}

/** Starts the broker with the jobs, results and dead-letter queues under `prefix`. */
export async function startStackBroker(
  s: AsyncStackSettings,
  options: AsyncStackOptions,
  prefix: string,
  log: (line: string) => void,
): Promise<{ broker: StartedBroker; urls: AsyncQueueUrls }> {
  const broker = await startBroker({
    kind: s.brokerKind,
    ...(options.brokerEndpoint ? { endpoint: options.brokerEndpoint } : {}),
    ...(options.brokerImage ? { containerImage: options.brokerImage } : {}),
    queues: standardQueues({
      prefix,
      visibilityTimeoutSeconds: s.visibilityTimeoutSeconds,
      maxReceiveCount: s.maxReceiveCount,
      maximumMessageSizeBytes: s.maxMessageBytes,
      resultsMaximumMessageSizeBytes: s.resultsMaxMessageBytes,
    }),
    storage: s.brokerStorage,
    log,
    // Aborted long polls stay open inside ElasticMQ, and its HTTP server waits for them on
    // SIGTERM; nothing is left to save by then, so do not wait the default 10 s.
    stopGraceMs: 2_000,
    // C1-only JIT: measured here over 3,000-call bursts, ElasticMQ then costs ~1.1 ms of CPU per
    // SendMessage instead of ~2.1 ms with full tiered JIT, and half the warm-up CPU. On a machine
    // shared with the system under test, broker CPU is stolen from the work being measured.
    jvmTuning: options.brokerJvmTuning ?? "startup",
  });
  const urls = {
    jobs: broker.queueUrl(`${prefix}jobs`),
    results: broker.queueUrl(`${prefix}results`),
    dlq: broker.queueUrl(`${prefix}jobs-dlq`),
  };
  return { broker, urls };
}

/** What the stack needs of a running enqueue API (a process, or a container). */
export type EnqueueApiHandle = Pick<NodeService, "pid" | "listening" | "stop">;

/** Starts an enqueue API against the jobs queue (`AsyncStackOptions.startEnqueueApi`). */
export type EnqueueApiStarter = (
  s: AsyncStackSettings,
  options: AsyncStackOptions,
  broker: StartedBroker,
  urls: AsyncQueueUrls,
) => Promise<EnqueueApiHandle>;

/** The enqueue API's flags: the jobs queue, the broker, loopback on `port` (0: any), limits. */
export function enqueueApiArgs(
  s: AsyncStackSettings,
  options: AsyncStackOptions,
  broker: StartedBroker,
  urls: AsyncQueueUrls,
  port: number,
): string[] {
  return [
    "--queue-url",
    urls.jobs,
    "--endpoint",
    broker.endpoint,
    "--host",
    "127.0.0.1",
    "--port",
    String(port),
    "--max-message-bytes",
    String(s.maxMessageBytes),
    // A user's handler reads any JSON body as `payload`; the built-in one an analyze request.
    "--envelope",
    userFunction(options.function) === undefined ? "analyze" : "payload",
  ];
}

/** Starts the built enqueue API against the jobs queue. */
export function startEnqueueApi(
  s: AsyncStackSettings,
  options: AsyncStackOptions,
  broker: StartedBroker,
  urls: AsyncQueueUrls,
): Promise<NodeService> {
  return startNodeService({
    name: "enqueue API",
    script: requireArtefact(ARTEFACTS.enqueueApiMain),
    args: enqueueApiArgs(s, options, broker, urls, 0),
    env: { LOG_LEVEL: "warn", AWS_REGION: broker.region },
    ...(options.cores ? { cores: options.cores } : {}),
  });
}

/** The user's function of `targets.async`, or undefined for the built-in core's bundle. */
export function userFunction(f: AsyncFunctionTarget | undefined): AsyncFunctionTarget | undefined {
  return f === undefined || (f.runtime === "builtin" && f.handler === undefined) ? undefined : f;
}

/** The function the pool runs: the built-in bundle, or the user's code in its runtime. */
function functionCode(f: AsyncFunctionTarget | undefined): FunctionOptions {
  const user = userFunction(f);
  if (user === undefined) return { handlerPath: requireArtefact(ARTEFACTS.handlerBundle) };
  return {
    runtime: user.runtime,
    codeDir: user.codeDir ?? ".",
    handler: user.handler ?? "",
    ...(user.command === undefined ? {} : { command: user.command }),
  };
}

/** The warm pool running the handler bundle, and the event source mapping feeding it. */
export function createPlatform(
  s: AsyncStackSettings,
  options: AsyncStackOptions,
  broker: StartedBroker,
  sqs: SqsApi,
  urls: AsyncQueueUrls,
  log: (line: string) => void,
) {
  const user = userFunction(options.function);
  const pool = new EnvironmentPool({
    function: {
      ...functionCode(options.function),
      functionName: user === undefined ? "queueshift-analyze" : "queueshift-user-function",
      memorySizeMB: user?.memorySizeMB ?? s.memorySizeMB,
      timeoutSeconds: s.functionTimeoutSeconds,
      region: broker.region,
      environment: {
        RESULTS_QUEUE_URL: urls.results,
        SQS_ENDPOINT: broker.endpoint,
        // The handler publishes to the results queue only: its limit is that queue's.
        MAX_MESSAGE_BYTES: String(s.resultsMaxMessageBytes),
      },
    },
    // The function throttles above the account's concurrency; the mapping's own cap (its
    // MaximumConcurrency, or provisioned mode's pollers) is what normally holds it lower.
    maxConcurrency: s.accountConcurrency,
    // A container environment gets its CPU share as the container's --cpus instead.
    ...(options.cpuQuotas && !options.environmentLauncher ? { cpuQuotas: options.cpuQuotas } : {}),
    ...(options.environmentLauncher ? { launcher: options.environmentLauncher } : {}),
    keepAliveSeconds: s.keepAliveSeconds,
    ...(options.onPlatformSample ? { onSample: options.onPlatformSample } : {}),
  });
  const counted = countingQueue(new SqsEventSourceQueue(sqs, urls.jobs));
  const mapping = new EventSourceMapping({
    queue: counted.queue,
    invoker: user === undefined ? pool : publishingCompletions(pool, sqs, urls.results, log),
    options: {
      batchSize: s.batchSize,
      maximumBatchingWindowInSeconds: s.batchingWindowSeconds,
      reportBatchItemFailures: true,
      region: broker.region,
      // Provisioned mode and MaximumConcurrency exclude each other, as on AWS (aws-facts 0.3).
      ...(s.provisionedPollerConfig
        ? { provisionedPollerConfig: s.provisionedPollerConfig }
        : { scaling: { maximumConcurrency: Math.max(2, s.maxConcurrency) } }),
    },
    log: { warn: (m) => log(`event source mapping: ${m}`) },
    ...(options.onPlatformSample ? { onSample: options.onPlatformSample } : {}),
  });
  return { pool, mapping, counts: counted.counts };
}

/** Reads the depth of the jobs queue and the DLQ. */
export async function readQueueDepth(sqs: SqsApi, urls: AsyncQueueUrls): Promise<AsyncQueueDepth> {
  const read = async (url: string) =>
    queueDepthOf(await sqs.getQueueAttributes(url, DEPTH_ATTRIBUTES));
  const [jobs, dlq] = await Promise.all([read(urls.jobs), read(urls.dlq)]);
  return { ...jobs, dlq: dlq.visible + dlq.inFlight };
}

/**
 * Adds the job ids of the DLQ's visible messages to `seen` and returns all of them (a poison body
 * that is not JSON has none). Reading hides a message for 30 s, which leaves the depth (visible +
 * in flight) unchanged but would hide it from a second read soon after (the warm-up's settle, then
 * the final drain): `seen` keeps every id ever read, as a run's DLQ only grows.
 */
export async function readDlqJobIds(
  sqs: SqsApi,
  urls: AsyncQueueUrls,
  seen: Set<string>,
): Promise<string[]> {
  for (let empty = 0; empty < 2; ) {
    const messages = await sqs.receiveMessage(urls.dlq, {
      maxMessages: 10,
      waitTimeSeconds: empty === 0 ? 1 : 0,
      visibilityTimeoutSeconds: 30,
    });
    if (messages.length === 0) empty += 1;
    for (const m of messages) {
      const id = jobIdOf(m.body);
      if (id !== undefined) seen.add(id);
    }
  }
  return [...seen];
}

function jobIdOf(body: string): string | undefined {
  try {
    const id = (JSON.parse(body) as { jobId?: unknown }).jobId;
    return typeof id === "string" ? id : undefined;
  } catch {
    return undefined;
  }
}
