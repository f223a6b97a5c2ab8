import { setMaxListeners } from "node:events";
import { type Clock, systemClock } from "../clock/index.js";
import { BatchCollector, type CollectedBatch } from "./batch-collector.js";
import { type BatchDecision, decideBatch } from "./batch-outcome.js";
import {
  controllerScaling,
  type EventSourceMappingConfig,
  resolveEventSourceMappingConfig,
} from "./event-source-mapping-config.js";
import type {
  EventSourceMappingCounters,
  EventSourceMappingDeps,
} from "./event-source-mapping-deps.js";
import type { InvocationResult } from "./invocation-report.js";
import { deleteRecords, type QueueAttributes } from "./queue-client.js";
import { checkedVisibilitySeconds, DEFAULT_VISIBILITY_TIMEOUT_S } from "./queue-visibility.js";
import { ScalingController } from "./scaling-controller.js";
import { queueArnFromUrl } from "./sqs-records.js";
import { invokeWithThrottleRetry } from "./throttle-retry.js";

export type {
  EventSourceMappingCounters,
  EventSourceMappingDeps,
  FunctionInvoker,
  PlatformLog,
} from "./event-source-mapping-deps.js";

// A poller's pause after failed receives doubles from 1 s up to 10 s (AWS backs off on errors and
// publishes no numbers, aws-facts 2.1); 10 s keeps recovery after a broker restart quick.
const RECEIVE_BACKOFF_FIRST_US = 1_000_000;
const RECEIVE_BACKOFF_MAX_US = 10_000_000;

// ~255 lines, one class: polling, accounting and scaling share its counters and controller;
// batching, batch outcomes, deletes and throttle retries already live in their own files.

/**
 * Lambda's SQS event source mapping for standard queues: pollers long-poll the queue, build
 * batches, invoke the function, delete what succeeded and leave the rest to the visibility
 * timeout and the queue's redrive policy. Concurrency follows `ScalingController`.
 */
export class EventSourceMapping {
  readonly config: EventSourceMappingConfig;
  #deps: EventSourceMappingDeps;
  #clock: Clock;
  #controller: ScalingController;
  #pollers = new Set<Promise<void>>();
  /** Pollers not yet retiring; decided synchronously so a scale-down never over-retires. */
  #activePollers = 0;
  /** Batches between receive and accounting (invoking, throttle retries, deleting). */
  #inFlight = 0;
  // One signal for every poller's long poll: thousands may listen at once (provisioned mode).
  #abort = unboundedAbortController();
  #control: Promise<void> | undefined;
  #attributes: QueueAttributes | undefined;
  #visibilityTimeoutUs = DEFAULT_VISIBILITY_TIMEOUT_S * 1_000_000;
  #source = { eventSourceARN: "", awsRegion: "" };
  #counters = {
    batches: 0,
    records: 0,
    deleted: 0,
    retried: 0,
    functionErrors: 0,
    throttles: 0,
    malformedResponses: 0,
    receiveErrors: 0,
  };

  constructor(deps: EventSourceMappingDeps) {
    this.config = resolveEventSourceMappingConfig(deps.options);
    this.#deps = deps;
    this.#clock = deps.clock ?? systemClock;
    this.#controller = new ScalingController(controllerScaling(this.config), this.#clock);
  }

  /** Current concurrency target (concurrent batches). */
  get concurrencyTarget(): number {
    return this.#controller.target;
  }

  /** Totals since start. */
  counters(): EventSourceMappingCounters {
    return { ...this.#counters };
  }

  /**
   * Reads the queue's attributes and starts polling. Like Lambda's CreateEventSourceMapping it
   * rejects a visibility timeout shorter than the function timeout (aws-facts 0.2), and warns
   * below the advised 6x (aws-facts 2.3).
   */
  async start(): Promise<void> {
    if (this.#control !== undefined) return;
    const attrs = await this.#deps.queue.getAttributes();
    this.#attributes = attrs;
    const region = this.config.region;
    this.#source = {
      eventSourceARN: attrs.arn ?? queueArnFromUrl(this.#deps.queue.url, region),
      awsRegion: region,
    };
    const visibility = checkedVisibilitySeconds(
      attrs,
      this.#deps.invoker.timeoutSeconds,
      this.#deps.log,
    );
    this.#visibilityTimeoutUs = visibility * 1_000_000;
    this.#fillPollers();
    this.#control = this.#controlLoop();
  }

  /** Stops polling (aborting long polls), lets in-flight batches finish, and emits a last scaling sample. */
  async stop(): Promise<void> {
    if (this.#abort.signal.aborted) return;
    this.#abort.abort();
    await this.#control;
    while (this.#pollers.size > 0) await Promise.allSettled([...this.#pollers]);
    this.#emitScaling();
  }

  async #controlLoop(): Promise<void> {
    const signal = this.#abort.signal;
    while (!signal.aborted) {
      await this.#clock.sleepUs(this.config.controlIntervalMs * 1_000, signal);
      if (signal.aborted) return; // stop() woke the sleep
      try {
        this.#attributes = await this.#deps.queue.getAttributes();
      } catch (err) {
        this.#deps.log?.warn(`Queue depth unavailable: ${(err as Error).message}`);
      }
      this.#controller.observe(this.#attributes?.visible ?? 0);
      this.#fillPollers();
      this.#emitScaling();
    }
  }

  #emitScaling(): void {
    this.#deps.onSample?.({
      type: "scaling",
      atUs: this.#clock.nowUs(),
      concurrencyTarget: this.#controller.target,
      pollers: this.#activePollers,
      invocationsInFlight: this.#inFlight,
      environments: this.#deps.invoker.stats(),
    });
  }

  #fillPollers(): void {
    while (!this.#abort.signal.aborted && this.#activePollers < this.#controller.target) {
      this.#activePollers += 1;
      const poller: Promise<void> = this.#poll().finally(() => this.#pollers.delete(poller));
      this.#pollers.add(poller);
    }
  }

  async #poll(): Promise<void> {
    const collector = new BatchCollector(this.#deps.queue, this.config, this.#source, this.#clock);
    const signal = this.#abort.signal;
    let failures = 0;
    for (;;) {
      // A poller above the target retires after its current batch: scale-down without cutting work.
      if (signal.aborted || this.#activePollers > this.#controller.target) {
        this.#activePollers -= 1;
        return;
      }
      let batch: CollectedBatch | undefined;
      try {
        batch = await collector.collect(signal);
      } catch (err) {
        if (signal.aborted) continue;
        failures += 1;
        await this.#backOff(failures, err, signal);
        continue;
      }
      if (failures > 0) this.#deps.log?.warn(`Receives recovered after ${failures} failures`);
      failures = 0;
      if (batch === undefined) continue;
      this.#inFlight += 1;
      await this.#process(batch).finally(() => {
        this.#inFlight -= 1;
      });
    }
  }

  /**
   * Counts a failed receive and pauses the poller, doubling from 1 s to 10 s. Reported on the
   * first failure of a streak and whenever the pause reaches its cap, so a dead queue is heard
   * (with the time it has been failing) without a line per poll.
   */
  async #backOff(failures: number, err: unknown, signal: AbortSignal): Promise<void> {
    this.#counters.receiveErrors += 1;
    const pauseUs = Math.min(
      RECEIVE_BACKOFF_MAX_US,
      RECEIVE_BACKOFF_FIRST_US * 2 ** (failures - 1),
    );
    if (failures === 1 || pauseUs === RECEIVE_BACKOFF_MAX_US) {
      this.#deps.log?.warn(
        `Receive failed (${failures} in a row; pausing this poller ${pauseUs / 1_000_000} s): ${(err as Error).message}`,
      );
    }
    await this.#clock.sleepUs(pauseUs, signal);
  }

  async #process(batch: CollectedBatch): Promise<void> {
    const result = await invokeWithThrottleRetry({
      invoke: (event) => this.#deps.invoker.invoke(event),
      event: { Records: [...batch.records] },
      clock: this.#clock,
      deadlineUs: batch.firstReceivedAt + this.#visibilityTimeoutUs,
      firstDelayUs: this.config.throttleRetryMs * 1_000,
      stopped: () => this.#abort.signal.aborted,
      onThrottle: () => {
        this.#controller.recordError();
        this.#deps.onSample?.({ type: "throttle", atUs: this.#clock.nowUs() });
      },
    });
    const decision = decideBatch(batch.records, result, this.config);
    const deleteFailed = await deleteRecords(this.#deps.queue, decision.toDelete, this.#deps.log);
    const throttled = !result.ok && result.error.code === "QS_LAMBDA_THROTTLED";
    this.#account(batch, result, decision, throttled, deleteFailed);
  }

  #account(
    batch: CollectedBatch,
    result: InvocationResult,
    decision: BatchDecision,
    throttled: boolean,
    deleteFailed: number,
  ): void {
    const c = this.#counters;
    c.batches += 1;
    c.records += batch.records.length;
    c.deleted += decision.toDelete.length - deleteFailed;
    c.retried += decision.toRetry.length;
    if (decision.malformed) c.malformedResponses += 1;
    if (throttled) c.throttles += 1;
    else if (!result.ok) c.functionErrors += 1;
    // aws-facts 2.1: errors and throttles reduce the mapping's concurrency, except that with
    // ReportBatchItemFailures function errors do not scale polling down.
    if (throttled || (!result.ok && !this.config.reportBatchItemFailures))
      this.#controller.recordError();
    this.#deps.onSample?.({
      type: "batch",
      atUs: this.#clock.nowUs(),
      size: batch.records.length,
      payloadBytes: batch.payloadBytes,
      outcome: throttled ? "throttled" : decision.outcome,
      deleted: decision.toDelete.length - deleteFailed,
      retried: decision.toRetry.length,
    });
  }
}

/** An AbortController whose signal may have any number of listeners without Node's leak warning. */
function unboundedAbortController(): AbortController {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  return controller;
}
