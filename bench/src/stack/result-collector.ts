// ~260 lines, one concept: the collector, and the envelope view it reads (parseEnvelope), which
// stay together so a field added to the envelope changes one file.
import { type ReceivedMessage, SQS_BATCH_MAX, type SqsApi } from "@queueshift/sqs-client";
import { epochMs, sleepMs } from "../clock/index.js";
import { DeleteBatcher } from "./delete-batcher.js";

/** The handler's result envelope, as far as the harness reads it (async-service/src/job.ts). */
export interface ResultEnvelopeView {
  readonly jobId: string;
  /** `failed`: the job ran but its result could not be delivered (e.g. `QS_RESULT_TOO_LARGE`). */
  readonly status: "succeeded" | "failed";
  readonly error?: { readonly code: string; readonly message: string };
  readonly receiveCount: number;
  readonly environmentId: string;
  readonly coldStart: boolean;
  /** This analysis's place among its environment's analyses (1 = its first); absent in older results. */
  readonly analysisOrdinal?: number;
  /** The invocation's place among its environment's invocations (1 = its first); absent in older results. */
  readonly invocationOrdinal?: number;
  readonly timings: {
    readonly submittedAt: number;
    readonly sentAt: number;
    readonly firstReceivedAt: number;
    readonly handlerStartAt: number;
    readonly handlerEndAt: number;
    readonly handlerCpuMs?: number;
    readonly batchEndAt?: number;
  };
  /** Parsed only when read (`parseEnvelope`): the harness's figures never need it. */
  readonly analysis?: unknown;
}

/** One result read from the results queue. */
export interface CollectedResult {
  readonly jobId: string;
  /** Epoch ms (fractional) when the harness received it: "result available". */
  readonly receivedAtMs: number;
  /** True when this job id was already collected (a redelivered job published twice). */
  readonly duplicate: boolean;
  readonly result: ResultEnvelopeView;
}

/** Counts of the collector. */
export interface CollectorCounters {
  readonly results: number;
  readonly unique: number;
  readonly duplicates: number;
  readonly malformed: number;
  readonly receives: number;
  readonly emptyReceives: number;
  /** DeleteMessageBatch calls made. */
  readonly deleteCalls: number;
  /** Results read but not deleted (SQS listed them Failed, or the delete call failed): redelivered later. */
  readonly deleteFailures: number;
  /** Receive or delete calls that failed (each also reported to `onError`). */
  readonly errors: number;
}

/** Settings of the collector. */
export interface ResultCollectorOptions {
  readonly onResult: (r: CollectedResult) => void;
  /** Told of every failed call and every failed delete; the loops go on. */
  readonly onError?: (message: string) => void;
  /** Concurrent long polls. */
  readonly receivers?: number;
  readonly waitTimeSeconds?: number;
}

const COLLECTOR_DEFAULTS = {
  receivers: 3, // at most; enough to keep up with a 2-core stack's results at batch size 10
  waitTimeSeconds: 1, // s; short, so stop() is quick even if an abort is missed
  retryDelayMs: 500, // pause after a failed call, so an outage is a few log lines, not a busy loop
  // Read results are deleted in full batches of 10, or this long after the first one waiting.
  // 50 ms is far inside the results queue's visibility timeout (30 s by default, aws-facts 5.2),
  // so waiting never causes a redelivery; it saves one DeleteMessageBatch per partial receive.
  deleteDelayMs: 50,
  // After a partial receive, the pause before the next one. A long poll returns on the first
  // message of the handler's SendMessageBatch, so receives came back with 1 result and then the
  // rest, often split again (3.2 results per receive at saturation, 55 % of receives a single
  // one); 2 ms lets the batch land. Results arriving in the pause are stamped up to 2 ms late.
  gatherMs: 2,
};

/**
 * Long-polls the results queue, deletes what it read, and hands every result (deduplicated by
 * job id, duplicates flagged) to `onResult`. One receiver always polls; the others join only
 * while receives come back full twice in a row (a backlog), since concurrent long polls on a
 * trickle split it into many small receives and each call costs the harness CPU (one full
 * receive is often just the one after a gather pause: waking them on it split the next batch's
 * head into one-message receives, a fifth more receives). Deletes are batched across
 * receives; `stop()` flushes them. `receivedAtMs` is taken at each receive, so neither choice
 * delays the moment a result counts as available.
 */
export class ResultCollector {
  readonly #seen = new Set<string>();
  readonly #abort = new AbortController();
  #loops: Promise<void>[] = [];
  /** Full receives in a row: two mean a backlog (one is often the receive after `gatherMs`). */
  #fullStreak = 0;
  #parked: Array<() => void> = [];
  readonly #toDelete = new DeleteBatcher<ReceivedMessage>(
    (messages) => this.#delete(messages),
    COLLECTOR_DEFAULTS.deleteDelayMs,
  );
  #counters = {
    results: 0,
    unique: 0,
    duplicates: 0,
    malformed: 0,
    receives: 0,
    emptyReceives: 0,
    deleteCalls: 0,
    deleteFailures: 0,
    errors: 0,
  };
  readonly #options: Required<ResultCollectorOptions>;

  constructor(
    private readonly sqs: SqsApi,
    private readonly queueUrl: string,
    options: ResultCollectorOptions,
  ) {
    this.#options = {
      onError: () => {},
      receivers: COLLECTOR_DEFAULTS.receivers,
      waitTimeSeconds: COLLECTOR_DEFAULTS.waitTimeSeconds,
      ...options,
    };
  }

  /** Starts the receive loops. */
  start(): void {
    this.#loops = Array.from({ length: this.#options.receivers }, (_, i) => this.#loop(i));
  }

  /** Stops receiving (the current long polls are aborted), waits for the loops, deletes what was read. */
  async stop(): Promise<void> {
    this.#abort.abort();
    this.#wakeParked();
    await Promise.all(this.#loops);
    await this.#toDelete.flush();
  }

  counters(): CollectorCounters {
    return { ...this.#counters };
  }

  /** Whether a job's result has been collected. */
  has(jobId: string): boolean {
    return this.#seen.has(jobId);
  }

  async #loop(index: number): Promise<void> {
    const signal = this.#abort.signal;
    while (!signal.aborted) {
      if (index > 0 && this.#fullStreak < 2) {
        await new Promise<void>((resolve) => this.#parked.push(resolve));
        continue;
      }
      try {
        const messages = await this.sqs.receiveMessage(this.queueUrl, {
          maxMessages: SQS_BATCH_MAX,
          waitTimeSeconds: this.#options.waitTimeSeconds,
          signal,
        });
        const receivedAtMs = epochMs();
        this.#counters.receives += 1;
        if (messages.length === 0) this.#counters.emptyReceives += 1;
        const full = messages.length === SQS_BATCH_MAX;
        this.#fullStreak = full ? this.#fullStreak + 1 : 0;
        if (this.#fullStreak === 2) this.#wakeParked();
        for (const m of messages) this.#accept(m.body, receivedAtMs);
        this.#toDelete.add(messages);
        if (messages.length > 0 && !full) await sleepMs(COLLECTOR_DEFAULTS.gatherMs, signal);
      } catch (err) {
        if (signal.aborted) return;
        // Reported and counted, then polled again: a queue deleted and recreated under the same
        // name (the results-queue outage fault) must be collected from once it is back.
        this.#counters.errors += 1;
        this.#options.onError(`result collector: ${(err as Error).message}`);
        await sleepMs(COLLECTOR_DEFAULTS.retryDelayMs);
      }
    }
  }

  #wakeParked(): void {
    for (const wake of this.#parked.splice(0)) wake();
  }

  /** Deletes one batch; what SQS did not delete is counted and reported (it comes back as a duplicate). */
  async #delete(messages: readonly ReceivedMessage[]): Promise<void> {
    let failed: { id: string; code: string; message: string }[];
    this.#counters.deleteCalls += 1;
    try {
      const entries = messages.map((m, i) => ({ id: String(i), receiptHandle: m.receiptHandle }));
      failed = (await this.sqs.deleteMessageBatch(this.queueUrl, entries)).failed;
    } catch (err) {
      this.#counters.deleteFailures += messages.length;
      this.#counters.errors += 1;
      this.#options.onError(`result collector: ${(err as Error).message}`);
      return;
    }
    if (failed.length === 0) return;
    this.#counters.deleteFailures += failed.length;
    const first = failed[0];
    this.#options.onError(
      `result collector: ${failed.length} of ${messages.length} results not deleted (${first?.code}: ${first?.message}); they will be redelivered`,
    );
  }

  #accept(body: string, receivedAtMs: number): void {
    let result: ResultEnvelopeView;
    try {
      result = parseEnvelope(body);
    } catch {
      this.#counters.malformed += 1;
      return;
    }
    if (typeof result?.jobId !== "string") {
      this.#counters.malformed += 1;
      return;
    }
    const duplicate = this.#seen.has(result.jobId);
    this.#seen.add(result.jobId);
    this.#counters.results += 1;
    if (duplicate) this.#counters.duplicates += 1;
    else this.#counters.unique += 1;
    this.#options.onResult({ jobId: result.jobId, receivedAtMs, duplicate, result });
  }
}

/** The `analysis` member as JSON.stringify writes it (no spaces). */
const ANALYSIS_MEMBER = ',"analysis":';

/**
 * Parses a result envelope but not its analysis, which the handler writes last
 * (async-service/src/handler/process-batch.ts) and the harness's figures never read: JSON.parse
 * of those ~5 KB per 1,000-customer job was the largest item of the harness's CPU at saturation
 * (bench:async-overhead's profile). `analysis` stays readable: a lazy, non-enumerable getter
 * parses the whole body the first time it is read (the end-to-end tests compare it with the sync
 * service's answer). A quote inside a JSON string is always escaped, so the first `,"analysis":`
 * is a key, and the top-level one, since no earlier member nests such a key. A body without it,
 * or whose head does not parse, is parsed whole (and is malformed if that fails).
 */
export function parseEnvelope(body: string): ResultEnvelopeView {
  const at = body.indexOf(ANALYSIS_MEMBER);
  if (at > 0 && body.endsWith("}")) {
    let head: ResultEnvelopeView | undefined;
    try {
      head = JSON.parse(`${body.slice(0, at)}}`) as ResultEnvelopeView;
    } catch {
      // not the envelope's shape after all: the whole body decides
    }
    if (head !== undefined) {
      let analysis: unknown;
      let parsed = false;
      return Object.defineProperty(head, "analysis", {
        get: () => {
          if (!parsed) analysis = (JSON.parse(body) as ResultEnvelopeView).analysis;
          parsed = true;
          return analysis;
        },
        enumerable: false,
      });
    }
  }
  return JSON.parse(body) as ResultEnvelopeView;
}
