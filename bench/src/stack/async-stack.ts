import { randomBytes } from "node:crypto";
import { GetQueueAttributesCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import {
  BROKER_DEFAULTS,
  type BrokerKindOption,
  type BrokerStorage,
  type JvmTuning,
  type StartedBroker,
  standardQueues,
  startBroker,
} from "../broker/index.js";
import {
  EnvironmentPool,
  EventSourceMapping,
  type PlatformSample,
  type PoolCounters,
  SqsEventSourceQueue,
} from "../lambda/index.js";
import { countingQueue, type QueueCallCounts } from "./counting-queue.js";
import { startNodeService } from "./node-service.js";
import { ARTEFACTS, requireArtefact } from "./paths.js";
import {
  type CollectedResult,
  type CollectorCounters,
  ResultCollector,
} from "./result-collector.js";
import type { StackProcess } from "./stack-process.js";

/** Settings of the async stack (architecture B); every default is AWS's or cited. */
export interface AsyncStackOptions {
  readonly memorySizeMB?: number;
  readonly functionTimeoutSeconds?: number;
  readonly batchSize?: number;
  readonly batchingWindowSeconds?: number;
  /** The mapping's MaximumConcurrency and the function's concurrency limit. */
  readonly maxConcurrency?: number;
  readonly keepAliveSeconds?: number;
  readonly visibilityTimeoutSeconds?: number;
  readonly maxReceiveCount?: number;
  readonly maxMessageBytes?: number;
  readonly brokerKind?: BrokerKindOption;
  readonly brokerEndpoint?: string;
  /** Local ElasticMQ's message storage: "h2" (default, survives a broker restart) or "memory". */
  readonly brokerStorage?: BrokerStorage;
  /** JVM JIT tuning of a local ElasticMQ (see `startAsyncStack`). */
  readonly brokerJvmTuning?: JvmTuning;
  /** `taskset -c` cores for the enqueue API (environments inherit the harness's affinity). */
  readonly cores?: string;
  readonly log?: (line: string) => void;
  readonly onPlatformSample?: (s: PlatformSample) => void;
  readonly onResult?: (r: CollectedResult) => void;
}

/** Defaults of the local async stack. */
export const ASYNC_STACK_DEFAULTS = Object.freeze({
  memorySizeMB: 1769, // 1,769 MB = one vCPU on Lambda (aws-facts 1.3): a CPU-bound handler's sweet spot
  functionTimeoutSeconds: 5, // s; heavy requests take ~0.1 s, a batch of 10 about 1 s
  batchSize: 10, // AWS default for SQS (aws-facts 2.3)
  batchingWindowSeconds: 0, // AWS default (aws-facts 2.3)
  maxConcurrency: 4, // 2 cores here; MaximumConcurrency may be 2..1,000 (aws-facts 2.1)
  keepAliveSeconds: 300, // s; AWS publishes none (see lambda/pool-config.ts)
  visibilityTimeoutSeconds: 30, // s; >= 6x the function timeout (aws-facts 2.3)
  maxReceiveCount: 5, // >= 5 as AWS recommends (aws-facts 2.3)
  maxMessageBytes: 262_144, // SQS default maximum message size (aws-facts 5.2)
});

/** Depth of the stack's queues. */
export interface AsyncQueueDepth {
  readonly visible: number;
  readonly inFlight: number;
  readonly delayed: number;
  readonly dlq: number;
}

/** A running async stack: broker, enqueue API, event source mapping and environments. */
export interface StartedAsyncStack extends AsyncDisposable {
  /** `POST` target of the load: the enqueue API's `/v1/jobs`. */
  readonly enqueueUrl: string;
  readonly broker: StartedBroker;
  readonly queueUrls: { readonly jobs: string; readonly results: string; readonly dlq: string };
  readonly settings: Readonly<
    Required<
      Omit<
        AsyncStackOptions,
        "log" | "onPlatformSample" | "onResult" | "brokerEndpoint" | "brokerJvmTuning" | "cores"
      >
    >
  >;
  queueDepth(): Promise<AsyncQueueDepth>;
  /** Puts a raw body on the jobs queue, bypassing the API (poison and fault injection). */
  sendRaw(body: string): Promise<void>;
  processes(): StackProcess[];
  /** Live execution environments with their state (a test kills a busy one). */
  environments(): Array<{ id: string; pid: number; state: "idle" | "busy" }>;
  counters(): { pool: PoolCounters; collector: CollectorCounters; queue: QueueCallCounts };
  stop(): Promise<void>;
}

/** Starts broker -> enqueue API -> result collector -> environments + event source mapping. */
export async function startAsyncStack(options: AsyncStackOptions = {}): Promise<StartedAsyncStack> {
  const s = {
    ...ASYNC_STACK_DEFAULTS,
    brokerKind: options.brokerKind ?? "auto",
    brokerStorage: options.brokerStorage ?? BROKER_DEFAULTS.storage,
    ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
  } as StartedAsyncStack["settings"] & AsyncStackOptions;
  const log = options.log ?? (() => {});
  const handlerPath = requireArtefact(ARTEFACTS.handlerBundle);
  const prefix = `qs-${randomBytes(3).toString("hex")}-`;
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) {
      await stop().catch((e: unknown) => log(`stop failed: ${String(e)}`));
    }
  };
  try {
    const broker = await startBroker({
      kind: s.brokerKind,
      ...(options.brokerEndpoint ? { endpoint: options.brokerEndpoint } : {}),
      queues: standardQueues({
        prefix,
        visibilityTimeoutSeconds: s.visibilityTimeoutSeconds,
        maxReceiveCount: s.maxReceiveCount,
        maximumMessageSizeBytes: s.maxMessageBytes,
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
    stops.push(() => broker.stop());
    const urls = {
      jobs: broker.queueUrl(`${prefix}jobs`),
      results: broker.queueUrl(`${prefix}results`),
      dlq: broker.queueUrl(`${prefix}jobs-dlq`),
    };
    const api = await startNodeService({
      name: "enqueue API",
      script: requireArtefact(ARTEFACTS.enqueueApiMain),
      args: [
        "--queue-url",
        urls.jobs,
        "--endpoint",
        broker.endpoint,
        "--port",
        "0",
        "--max-message-bytes",
        String(s.maxMessageBytes),
      ],
      env: { LOG_LEVEL: "warn", AWS_REGION: broker.region },
      ...(options.cores ? { cores: options.cores } : {}),
    });
    stops.push(() => api.stop());
    const client = broker.sqsClient();
    const collector = new ResultCollector(client, urls.results, options.onResult ?? (() => {}));
    collector.start();
    stops.push(() => collector.stop());
    const pool = new EnvironmentPool({
      function: {
        handlerPath,
        functionName: "queueshift-analyze",
        memorySizeMB: s.memorySizeMB,
        timeoutSeconds: s.functionTimeoutSeconds,
        region: broker.region,
        environment: {
          RESULTS_QUEUE_URL: urls.results,
          SQS_ENDPOINT: broker.endpoint,
          MAX_MESSAGE_BYTES: String(s.maxMessageBytes),
        },
      },
      maxConcurrency: s.maxConcurrency,
      keepAliveSeconds: s.keepAliveSeconds,
      ...(options.onPlatformSample ? { onSample: options.onPlatformSample } : {}),
    });
    stops.push(() => pool.close());
    const counted = countingQueue(new SqsEventSourceQueue(client, urls.jobs));
    const mapping = new EventSourceMapping({
      queue: counted.queue,
      invoker: pool,
      options: {
        batchSize: s.batchSize,
        maximumBatchingWindowInSeconds: s.batchingWindowSeconds,
        reportBatchItemFailures: true,
        region: broker.region,
        scaling: { maximumConcurrency: Math.max(2, s.maxConcurrency) },
      },
      log: { warn: (m) => log(`event source mapping: ${m}`) },
      ...(options.onPlatformSample ? { onSample: options.onPlatformSample } : {}),
    });
    await mapping.start();
    stops.push(() => mapping.stop());
    const stop = stopAll;
    return {
      enqueueUrl: `${String(api.listening.url)}/v1/jobs`,
      broker,
      queueUrls: urls,
      settings: s,
      async queueDepth() {
        const read = async (url: string) =>
          (
            await client.send(
              new GetQueueAttributesCommand({
                QueueUrl: url,
                AttributeNames: [
                  "ApproximateNumberOfMessages",
                  "ApproximateNumberOfMessagesNotVisible",
                  "ApproximateNumberOfMessagesDelayed",
                ],
              }),
            )
          ).Attributes ?? {};
        const [jobs, dlq] = await Promise.all([read(urls.jobs), read(urls.dlq)]);
        return {
          visible: Number(jobs.ApproximateNumberOfMessages ?? 0),
          inFlight: Number(jobs.ApproximateNumberOfMessagesNotVisible ?? 0),
          delayed: Number(jobs.ApproximateNumberOfMessagesDelayed ?? 0),
          dlq:
            Number(dlq.ApproximateNumberOfMessages ?? 0) +
            Number(dlq.ApproximateNumberOfMessagesNotVisible ?? 0),
        };
      },
      async sendRaw(body) {
        await client.send(new SendMessageCommand({ QueueUrl: urls.jobs, MessageBody: body }));
      },
      processes: () => [
        { component: "enqueue-api", pid: api.pid },
        ...(broker.pid === undefined ? [] : [{ component: "broker", pid: broker.pid }]),
        ...pool.environments().map((e) => ({ component: "lambda-environment", pid: e.pid })),
      ],
      environments: () => pool.environments(),
      counters: () => ({
        pool: pool.counters(),
        collector: collector.counters(),
        queue: { ...counted.counts },
      }),
      stop,
      [Symbol.asyncDispose]: stop,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
