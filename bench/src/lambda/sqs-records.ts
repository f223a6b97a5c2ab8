import type { SQSMessageAttributes, SQSRecord } from "aws-lambda";
import type { QueueMessage } from "./queue-client.js";

/** Where records come from, as Lambda stamps them on each record. */
export interface RecordSource {
  readonly eventSourceARN: string;
  readonly awsRegion: string;
}

/** System attributes the mapping requests, so records carry what Lambda's do. */
export const RECORD_ATTRIBUTE_NAMES = ["All"] as const;

/** The queue's ARN from its URL (`.../<account>/<name>`), for brokers that do not report QueueArn. */
export function queueArnFromUrl(queueUrl: string, region: string): string {
  const parts = new URL(queueUrl).pathname.split("/").filter((p) => p.length > 0);
  const name = parts.at(-1) ?? "queue";
  const account = parts.find((p) => /^\d{12}$/.test(p)) ?? "000000000000";
  return `arn:aws:sqs:${region}:${account}:${name}`;
}

function messageAttributes(message: QueueMessage): SQSMessageAttributes {
  const out: SQSMessageAttributes = {};
  for (const [name, a] of Object.entries(message.messageAttributes)) {
    out[name] = {
      dataType: a.dataType,
      stringListValues: [],
      binaryListValues: [],
      ...(a.stringValue === undefined ? {} : { stringValue: a.stringValue }),
      // Lambda delivers binary attributes base64-encoded.
      ...(a.binaryValue === undefined
        ? {}
        : { binaryValue: Buffer.from(a.binaryValue).toString("base64") }),
    };
  }
  return out;
}

/** Builds the SQS event record Lambda would deliver for `message`. */
export function toSqsRecord(message: QueueMessage, source: RecordSource): SQSRecord {
  const a = message.attributes;
  return {
    messageId: message.messageId,
    receiptHandle: message.receiptHandle,
    body: message.body,
    attributes: {
      ...a,
      ApproximateReceiveCount: a.ApproximateReceiveCount ?? "1",
      SentTimestamp: a.SentTimestamp ?? "",
      SenderId: a.SenderId ?? "",
      ApproximateFirstReceiveTimestamp: a.ApproximateFirstReceiveTimestamp ?? "",
    },
    messageAttributes: messageAttributes(message),
    md5OfBody: message.md5OfBody,
    ...(message.md5OfMessageAttributes === undefined
      ? {}
      : { md5OfMessageAttributes: message.md5OfMessageAttributes }),
    eventSource: "aws:sqs",
    eventSourceARN: source.eventSourceARN,
    awsRegion: source.awsRegion,
  };
}

/** Bytes a record adds to the invocation payload (its JSON plus a separator). */
export function recordBytes(record: SQSRecord): number {
  return Buffer.byteLength(JSON.stringify(record)) + 1;
}

/** Bytes of the `{"Records":[]}` envelope around the records. */
export const EVENT_ENVELOPE_BYTES = Buffer.byteLength('{"Records":[]}');
