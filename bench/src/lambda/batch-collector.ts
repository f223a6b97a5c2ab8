import type { SQSRecord } from "aws-lambda";
import type { Clock } from "../clock/index.js";
import type { EventSourceQueue } from "./queue-client.js";
import {
  EVENT_ENVELOPE_BYTES,
  RECORD_ATTRIBUTE_NAMES,
  type RecordSource,
  recordBytes,
  toSqsRecord,
} from "./sqs-records.js";

const RECEIVE_MAX = 10; // SQS returns at most 10 messages per ReceiveMessage (aws-facts 5.2)

/** The batching settings a collector needs. */
export interface BatchingSettings {
  readonly batchSize: number;
  readonly maximumBatchingWindowInSeconds: number;
  readonly waitTimeSeconds: number;
  readonly maxPayloadBytes: number;
}

/** Records gathered for one invocation. */
export interface CollectedBatch {
  readonly records: readonly SQSRecord[];
  readonly payloadBytes: number;
  /** Clock time of the receive that returned the oldest record (the visibility timeout runs from it). */
  readonly firstReceivedAt: number;
}

/**
 * Builds batches for one poller like Lambda: a batch closes when it holds BatchSize records, when
 * the batching window (started by the first record) ends, or when the next record would push
 * the payload over 6 MB (aws-facts 2.3). With a window of 0 it invokes with whatever one receive returned.
 */
export class BatchCollector {
  #queue: EventSourceQueue;
  #settings: BatchingSettings;
  #source: RecordSource;
  #clock: Clock;
  #carry: Array<{ record: SQSRecord; bytes: number; receivedAt: number }> = [];

  constructor(
    queue: EventSourceQueue,
    settings: BatchingSettings,
    source: RecordSource,
    clock: Clock,
  ) {
    this.#queue = queue;
    this.#settings = settings;
    this.#source = source;
    this.#clock = clock;
  }

  /** Waits (long polls) for the next batch; undefined when a poll came back empty or `signal` aborted. */
  async collect(signal?: AbortSignal): Promise<CollectedBatch | undefined> {
    const s = this.#settings;
    const taken = this.#carry.splice(0);
    const records = taken.map((c) => c.record);
    let bytes = EVENT_ENVELOPE_BYTES + taken.reduce((sum, c) => sum + c.bytes, 0);
    let firstReceivedAt = taken[0]?.receivedAt;
    const windowUs = s.maximumBatchingWindowInSeconds * 1_000_000;
    let windowEnd = firstReceivedAt === undefined ? undefined : this.#clock.nowUs() + windowUs;
    while (records.length < s.batchSize && signal?.aborted !== true && this.#carry.length === 0) {
      let wait = s.waitTimeSeconds;
      if (windowEnd !== undefined) {
        const remaining = windowEnd - this.#clock.nowUs();
        if (remaining <= 0) break;
        // WaitTimeSeconds is whole seconds: round up, a long poll returns early on any message.
        wait = Math.min(wait, Math.ceil(remaining / 1_000_000));
      }
      const messages = await this.#queue.receive({
        maxMessages: Math.min(RECEIVE_MAX, s.batchSize - records.length),
        waitTimeSeconds: wait,
        attributeNames: RECORD_ATTRIBUTE_NAMES,
        ...(signal === undefined ? {} : { signal }),
      });
      const receivedAt = this.#clock.nowUs();
      if (messages.length === 0) {
        if (records.length === 0) return undefined;
        continue;
      }
      firstReceivedAt ??= receivedAt;
      windowEnd ??= receivedAt + windowUs;
      for (const message of messages) {
        const record = toSqsRecord(message, this.#source);
        const size = recordBytes(record);
        if (this.#carry.length > 0 || (records.length > 0 && bytes + size > s.maxPayloadBytes)) {
          // Over 6 MB: the record starts this poller's next batch instead of being dropped.
          this.#carry.push({ record, bytes: size, receivedAt });
          continue;
        }
        records.push(record);
        bytes += size;
      }
      if (windowUs === 0) break;
    }
    if (records.length === 0 || firstReceivedAt === undefined) return undefined;
    return { records, payloadBytes: bytes, firstReceivedAt };
  }

  /** Records held over for the next batch (received, not yet invoked). */
  get carried(): number {
    return this.#carry.length;
  }
}
