import type { SQSEvent, SQSRecord } from "aws-lambda";

let counter = 0;

/** A factory for SQS records shaped as Lambda's event source mapping delivers them. */
export function sqsRecord(
  body: string,
  overrides: Partial<SQSRecord["attributes"]> = {},
): SQSRecord {
  counter += 1;
  const now = String(1_700_000_000_000 + counter);
  return {
    messageId: `m-${counter}`,
    receiptHandle: `rh-${counter}`,
    body,
    attributes: {
      ApproximateReceiveCount: "1",
      SentTimestamp: now,
      SenderId: "local",
      ApproximateFirstReceiveTimestamp: now,
      ...overrides,
    },
    messageAttributes: {},
    md5OfBody: "",
    eventSource: "aws:sqs",
    eventSourceARN: "arn:aws:sqs:us-east-1:000000000000:jobs",
    awsRegion: "us-east-1",
  };
}

/** Wraps records into an event. */
export function sqsEvent(...records: SQSRecord[]): SQSEvent {
  return { Records: records };
}
