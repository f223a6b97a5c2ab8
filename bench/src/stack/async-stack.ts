import { randomBytes } from "node:crypto";
import type { BrokerKindOption, BrokerStorage, JvmTuning, StartedBroker } from "../broker/index.js";
import type {
  EnvironmentLauncher,
  EventSourceMappingCounters,
  PlatformSample,
  PoolCounters,
} from "../lambda/index.js";
import type { CpuQuotas } from "../process/cpu-quota.js";
import type { AsyncSettings } from "../scenario/scenario-types.js";
import type {
  AsyncFrontDoorTarget,
  AsyncFunctionTarget,
} from "../scenario/validate-async-target.js";
import {
  type AsyncQueueUrls,
  createPlatform,
  type EnqueueApiStarter,
  readDlqJobIds,
  readQueueDepth,
  resolveStackSettings,
  startStackBroker,
} from "./async-stack-parts.js";
import type { QueueCallCounts } from "./counting-queue.js";
import { startFrontDoor } from "./front-door.js";
import { ARTEFACTS, requireArtefact } from "./paths.js";
import {
  type CollectedResult,
  type CollectorCounters,
  ResultCollector,
} from "./result-collector.js";
import type { StackProcess } from "./stack-process.js";

/**
 * Options of the async stack (architecture B). The function, queue and mapping settings are
 * complete `AsyncSettings` from the caller: their one defaults table is the scenario's
 * (`SCENARIO_DEFAULTS.async`); `maxConcurrency` is the mapping's MaximumConcurrency and the
 * function's concurrency limit.
 */
export interface AsyncStackOptions extends AsyncSettings {
  /** Bytes; the enqueue API's and handler's limit (default `MAX_MESSAGE_BYTES`). */
  readonly maxMessageBytes?: number;
  /** The results queue's maximum message size: the largest result the handler may publish. */
  readonly resultsMaxMessageBytes?: number;
  readonly brokerKind?: BrokerKindOption;
  readonly brokerEndpoint?: string;
  /** A container broker's image (default: the public ElasticMQ image). */
  readonly brokerImage?: string;
  /** Runs the enqueue API some other way than as a process (the container target). */
  readonly startEnqueueApi?: EnqueueApiStarter;
  /** Starts each execution environment some other way (the container target: the Lambda image). */
  readonly environmentLauncher?: EnvironmentLauncher;
  /** Local ElasticMQ's message storage: "h2" (default, survives a broker restart) or "memory". */
  readonly brokerStorage?: BrokerStorage;
  /** JVM JIT tuning of a local ElasticMQ (see `startAsyncStack`). */
  readonly brokerJvmTuning?: JvmTuning;
  /** `taskset -c` cores for the enqueue API (environments inherit the harness's affinity). */
  readonly cores?: string;
  readonly log?: (line: string) => void;
  /** CPU quotas: each environment runs at its memory size's share of a core (`lambdaCpuShare`). */
  readonly cpuQuotas?: CpuQuotas;
  readonly onPlatformSample?: (s: PlatformSample) => void;
  readonly onResult?: (r: CollectedResult) => void;
  /** `targets.async.function`: the user's function instead of the built-in handler bundle. */
  readonly function?: AsyncFunctionTarget;
  /** `targets.async.enqueueUrl`: the user's own front door instead of the built-in enqueue API. */
  readonly frontDoor?: AsyncFrontDoorTarget;
}

/** The stack's settings: the caller's `AsyncSettings` plus what only the stack decides. */
export type AsyncStackSettings = AsyncSettings & {
  readonly maxMessageBytes: number;
  readonly resultsMaxMessageBytes: number;
  readonly brokerKind: BrokerKindOption;
  readonly brokerStorage: BrokerStorage;
};

/** Depth of the stack's queues. */
export interface AsyncQueueDepth {
  readonly visible: number;
  readonly inFlight: number;
  readonly delayed: number;
  readonly dlq: number;
}

/** A running async stack: broker, enqueue API, event source mapping and environments. */
export interface StartedAsyncStack extends AsyncDisposable {
  /** Target of the load: the enqueue API's `POST /v1/jobs`, or the user's front door. */
  readonly enqueueUrl: string;
  readonly broker: StartedBroker;
  readonly queueUrls: AsyncQueueUrls;
  readonly settings: AsyncStackSettings;
  queueDepth(): Promise<AsyncQueueDepth>;
  /** The job ids of the messages in the DLQ (to reconcile by id, not by count). */
  dlqJobIds(): Promise<string[]>;
  /** Puts a raw body on the jobs queue, bypassing the API (poison and fault injection). */
  sendRaw(body: string): Promise<void>;
  processes(): StackProcess[];
  /** Live execution environments with their state (a test kills a busy one). */
  environments(): Array<{ id: string; pid: number; state: "idle" | "busy" }>;
  counters(): {
    pool: PoolCounters;
    collector: CollectorCounters;
    queue: QueueCallCounts;
    mapping: EventSourceMappingCounters;
  };
  stop(): Promise<void>;
}

/** Starts broker -> enqueue API (or the user's front door) -> result collector -> environments + event source mapping. */
export async function startAsyncStack(options: AsyncStackOptions): Promise<StartedAsyncStack> {
  const s = resolveStackSettings(options);
  const log = options.log ?? (() => {});
  requireArtefact(ARTEFACTS.handlerBundle); // fail before starting anything (the API is built with it)
  const prefix = `qs-${randomBytes(3).toString("hex")}-`;
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) {
      await stop().catch((e: unknown) => log(`stop failed: ${String(e)}`));
    }
  };
  try {
    const { broker, urls } = await startStackBroker(s, options, prefix, log);
    stops.push(() => broker.stop());
    const api = await startFrontDoor(s, options, broker, urls);
    stops.push(() => api.stop());
    const sqs = await broker.sqs();
    const collector = new ResultCollector(sqs, urls.results, {
      onResult: options.onResult ?? (() => {}),
      onError: log,
    });
    collector.start();
    stops.push(() => collector.stop());
    const platform = createPlatform(s, options, broker, sqs, urls, log);
    stops.push(() => platform.pool.close());
    await platform.mapping.start();
    stops.push(() => platform.mapping.stop());
    const { pool, counts } = platform;
    const dlqSeen = new Set<string>();
    return {
      enqueueUrl: api.enqueueUrl,
      broker,
      queueUrls: urls,
      settings: s,
      queueDepth: () => readQueueDepth(sqs, urls),
      dlqJobIds: () => readDlqJobIds(sqs, urls, dlqSeen),
      async sendRaw(body) {
        await sqs.sendMessage(urls.jobs, body);
      },
      processes: () => [
        ...api.processes(),
        ...(broker.pid === undefined ? [] : [{ component: "broker", pid: broker.pid }]),
        ...pool.environments().map((e) => ({ component: "lambda-environment", pid: e.pid })),
      ],
      environments: () => pool.environments(),
      counters: () => ({
        pool: pool.counters(),
        collector: collector.counters(),
        queue: { ...counts },
        mapping: platform.mapping.counters(),
      }),
      stop: stopAll,
      [Symbol.asyncDispose]: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
