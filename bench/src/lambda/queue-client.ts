import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  type Message,
  type MessageSystemAttributeName,
  type QueueAttributeName,
  ReceiveMessageCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import { LambdaPlatformError } from "./errors.js";

/** A message attribute as received (binary kept as bytes). */
export interface QueueMessageAttribute {
  readonly dataType: string;
  readonly stringValue?: string;
  readonly binaryValue?: Uint8Array;
}

/** One received message, independent of the SDK's shapes. */
export interface QueueMessage {
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly body: string;
  /** System attributes: ApproximateReceiveCount, SentTimestamp, ApproximateFirstReceiveTimestamp, ... */
  readonly attributes: Readonly<Record<string, string>>;
  readonly messageAttributes: Readonly<Record<string, QueueMessageAttribute>>;
  readonly md5OfBody: string;
  readonly md5OfMessageAttributes?: string;
}

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

const DELETE_BATCH_MAX = 10; // SQS: max 10 messages per batch call (aws-facts 5.2)

function toQueueMessage(m: Message): QueueMessage {
  const messageAttributes: Record<string, QueueMessageAttribute> = {};
  for (const [name, a] of Object.entries(m.MessageAttributes ?? {})) {
    messageAttributes[name] = {
      dataType: a.DataType ?? "String",
      ...(a.StringValue === undefined ? {} : { stringValue: a.StringValue }),
      ...(a.BinaryValue === undefined ? {} : { binaryValue: a.BinaryValue }),
    };
  }
  return {
    messageId: m.MessageId ?? "",
    receiptHandle: m.ReceiptHandle ?? "",
    body: m.Body ?? "",
    attributes: { ...(m.Attributes ?? {}) },
    messageAttributes,
    md5OfBody: m.MD5OfBody ?? "",
    ...(m.MD5OfMessageAttributes === undefined
      ? {}
      : { md5OfMessageAttributes: m.MD5OfMessageAttributes }),
  };
}

function queueError(action: string, url: string, cause: unknown): LambdaPlatformError {
  const why = cause instanceof Error ? cause.message : String(cause);
  return new LambdaPlatformError("QS_LAMBDA_QUEUE_ERROR", `${action} on ${url} failed: ${why}`, {
    cause,
  });
}

/** `EventSourceQueue` on @aws-sdk/client-sqs (real SQS or ElasticMQ). */
export class SqsEventSourceQueue implements EventSourceQueue {
  readonly url: string;
  #client: SQSClient;

  constructor(client: SQSClient, queueUrl: string) {
    this.#client = client;
    this.url = queueUrl;
  }

  /** ReceiveMessage; an abort (on stop) resolves to no messages instead of an error. */
  async receive(request: ReceiveRequest): Promise<readonly QueueMessage[]> {
    const command = new ReceiveMessageCommand({
      QueueUrl: this.url,
      MaxNumberOfMessages: request.maxMessages,
      WaitTimeSeconds: request.waitTimeSeconds,
      // Both names: AttributeNames is what older servers (ElasticMQ) read, the other is its successor.
      AttributeNames: [...request.attributeNames] as QueueAttributeName[],
      MessageSystemAttributeNames: [...request.attributeNames] as MessageSystemAttributeName[],
      MessageAttributeNames: ["All"],
    });
    try {
      const out = await this.#client.send(
        command,
        request.signal ? { abortSignal: request.signal } : {},
      );
      return (out.Messages ?? []).map(toQueueMessage);
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
    for (let i = 0; i < entries.length; i += DELETE_BATCH_MAX) {
      const chunk = entries.slice(i, i + DELETE_BATCH_MAX);
      // SQS batch entry ids must be unique within a call and at most 80 chars: use the index.
      const command = new DeleteMessageBatchCommand({
        QueueUrl: this.url,
        Entries: chunk.map((e, j) => ({ Id: String(j), ReceiptHandle: e.receiptHandle })),
      });
      try {
        const out = await this.#client.send(command);
        for (const f of out.Failed ?? []) {
          const entry = chunk[Number(f.Id)];
          if (entry !== undefined) failed.push(entry.id);
        }
      } catch (err) {
        throw queueError("DeleteMessageBatch", this.url, err);
      }
    }
    return failed;
  }

  /** Depth, ARN and visibility timeout from GetQueueAttributes. */
  async getAttributes(): Promise<QueueAttributes> {
    try {
      const out = await this.#client.send(
        new GetQueueAttributesCommand({ QueueUrl: this.url, AttributeNames: ["All"] }),
      );
      const a = out.Attributes ?? {};
      const num = (key: string) => Number(a[key as QueueAttributeName] ?? 0);
      return {
        ...(a.QueueArn === undefined ? {} : { arn: a.QueueArn }),
        ...(a.VisibilityTimeout === undefined
          ? {}
          : { visibilityTimeoutSeconds: Number(a.VisibilityTimeout) }),
        visible: num("ApproximateNumberOfMessages"),
        inFlight: num("ApproximateNumberOfMessagesNotVisible"),
        delayed: num("ApproximateNumberOfMessagesDelayed"),
      };
    } catch (err) {
      throw queueError("GetQueueAttributes", this.url, err);
    }
  }
}
