import {
  type MessageAttribute,
  type ReceivedMessage,
  SQS_BATCH_MAX,
  type SqsApi,
} from "@queueshift/sqs-client";
import { LambdaPlatformError } from "./errors.js";

/** A message attribute as received (binary kept as bytes). */
export type QueueMessageAttribute = MessageAttribute;

/** One received message (the SQS adapter's shape). */
export type QueueMessage = ReceivedMessage;

/** One ReceiveMessage call. */
export interface ReceiveRequest {
  readonly maxMessages: number;
  readonly waitTimeSeconds: number;
  readonly attributeNames: readonly string[];
  readonly signal?: AbortSignal;
}

/** What the mapping needs to know about its queue. */
export interface QueueAttributes {
  readonly arn?: string;
  readonly visibilityTimeoutSeconds?: number;
  readonly visible: number;
  readonly inFlight: number;
  readonly delayed: number;
}

/** The narrow queue interface the event source mapping polls through (fakeable in tests). */
export interface EventSourceQueue {
  readonly url: string;
  receive(request: ReceiveRequest): Promise<readonly QueueMessage[]>;
  /** Deletes by receipt handle; returns the ids SQS could not delete. */
  deleteBatch(
    entries: readonly { id: string; receiptHandle: string }[],
  ): Promise<readonly string[]>;
  getAttributes(): Promise<QueueAttributes>;
}

function queueError(action: string, url: string, cause: unknown): LambdaPlatformError {
  const why = cause instanceof Error ? cause.message : String(cause);
  return new LambdaPlatformError("QS_LAMBDA_QUEUE_ERROR", `${action} on ${url} failed: ${why}`, {
    cause,
  });
}

/**
 * Deletes processed records by receipt handle; resolves with how many were not deleted (all of
 * them when the call failed, which `log` hears of). Never rejects: the rest are redelivered.
 */
export async function deleteRecords(
  queue: EventSourceQueue,
  records: readonly { readonly messageId: string; readonly receiptHandle: string }[],
  log?: { warn(message: string): void },
): Promise<number> {
  if (records.length === 0) return 0;
  const entries = records.map((r) => ({ id: r.messageId, receiptHandle: r.receiptHandle }));
  try {
    return (await queue.deleteBatch(entries)).length;
  } catch (err) {
    log?.warn(`Delete failed (messages will be redelivered): ${(err as Error).message}`);
    return entries.length;
  }
}

/** `EventSourceQueue` on the harness's SQS adapter (real SQS or ElasticMQ). */
export class SqsEventSourceQueue implements EventSourceQueue {
  readonly url: string;
  readonly #sqs: SqsApi;

  constructor(sqs: SqsApi, queueUrl: string) {
    this.#sqs = sqs;
    this.url = queueUrl;
  }

  /** ReceiveMessage; an abort (on stop) resolves to no messages instead of an error. */
  async receive(request: ReceiveRequest): Promise<readonly QueueMessage[]> {
    try {
      return await this.#sqs.receiveMessage(this.url, {
        maxMessages: request.maxMessages,
        waitTimeSeconds: request.waitTimeSeconds,
        attributeNames: request.attributeNames,
        messageAttributeNames: ["All"],
        ...(request.signal ? { signal: request.signal } : {}),
      });
    } catch (err) {
      if (request.signal?.aborted) return [];
      throw queueError("ReceiveMessage", this.url, err);
    }
  }

  /** DeleteMessageBatch in chunks of 10. */
  async deleteBatch(
    entries: readonly { id: string; receiptHandle: string }[],
  ): Promise<readonly string[]> {
    const failed: string[] = [];
    for (let i = 0; i < entries.length; i += SQS_BATCH_MAX) {
      const chunk = entries.slice(i, i + SQS_BATCH_MAX);
      // SQS batch entry ids must be unique within a call and at most 80 chars: use the index.
      const out = await this.#sqs
        .deleteMessageBatch(
          this.url,
          chunk.map((e, j) => ({ id: String(j), receiptHandle: e.receiptHandle })),
        )
        .catch((err: unknown) => {
          throw queueError("DeleteMessageBatch", this.url, err);
        });
      for (const f of out.failed) {
        const entry = chunk[Number(f.id)];
        if (entry !== undefined) failed.push(entry.id);
      }
    }
    return failed;
  }

  /** Depth, ARN and visibility timeout from GetQueueAttributes. */
  async getAttributes(): Promise<QueueAttributes> {
    let a: Record<string, string>;
    try {
      a = await this.#sqs.getQueueAttributes(this.url, ["All"]);
    } catch (err) {
      throw queueError("GetQueueAttributes", this.url, err);
    }
    const depth = queueDepthOf(a);
    return {
      ...(a.QueueArn === undefined ? {} : { arn: a.QueueArn }),
      ...(a.VisibilityTimeout === undefined
        ? {}
        : { visibilityTimeoutSeconds: Number(a.VisibilityTimeout) }),
      ...depth,
    };
  }
}

/** The attributes `queueDepthOf` reads. */
export const DEPTH_ATTRIBUTES = [
  "ApproximateNumberOfMessages",
  "ApproximateNumberOfMessagesNotVisible",
  "ApproximateNumberOfMessagesDelayed",
] as const;

/** Visible, in-flight and delayed counts from GetQueueAttributes' answer (absent = 0). */
export function queueDepthOf(a: Readonly<Record<string, string>>): {
  visible: number;
  inFlight: number;
  delayed: number;
} {
  return {
    visible: Number(a.ApproximateNumberOfMessages ?? 0),
    inFlight: Number(a.ApproximateNumberOfMessagesNotVisible ?? 0),
    delayed: Number(a.ApproximateNumberOfMessagesDelayed ?? 0),
  };
}
