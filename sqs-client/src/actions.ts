// The SQS actions the project uses, as functions over one `SqsJsonClient` (separate functions, not
// methods, so the handler bundle only carries the one it calls). Shapes are SQS's JSON 1.0 ones,
// mapped to plain camelCase records; errors are `SqsCallError`s.
import { createHash } from "node:crypto";
import { SqsCallError } from "./errors.js";
import type { CallOptions, SqsJsonClient } from "./json-client.js";
import type {
  BatchEntryFailure,
  BatchOutcome,
  MessageAttribute,
  ReceivedMessage,
  ReceiveOptions,
} from "./sqs-api.js";

/** SQS: at most 10 entries per batch call, long polls of at most 20 s (aws-facts 5.2). */
export const SQS_BATCH_MAX = 10;
export const SQS_MAX_WAIT_SECONDS = 20;

interface BatchOutput {
  Successful?: Array<{ Id?: string; MD5OfMessageBody?: string }>;
  Failed?: Array<{ Id?: string; Code?: string; Message?: string; SenderFault?: boolean }>;
}

/** A received message in SQS's own field names; `B` is how a blob arrives (base64 text here). */
export interface WireMessage<B = string> {
  MessageId?: string;
  ReceiptHandle?: string;
  Body?: string;
  MD5OfBody?: string;
  MD5OfMessageAttributes?: string;
  Attributes?: Record<string, string>;
  MessageAttributes?: Record<string, { DataType?: string; StringValue?: string; BinaryValue?: B }>;
}

const md5 = (text: string) => createHash("md5").update(text).digest("hex");

/** SendMessage; rejects unless SQS confirms the body (its MD5 echo must match what was sent). */
export async function sendMessage(
  client: SqsJsonClient,
  queueUrl: string,
  body: string,
): Promise<{ messageId: string }> {
  const out = await client.call<{ MessageId?: string; MD5OfMessageBody?: string }>("SendMessage", {
    QueueUrl: queueUrl,
    MessageBody: body,
  });
  if (!out.MessageId)
    throw new SqsCallError("QS_SQS_BAD_RESPONSE", "SendMessage returned no MessageId");
  if (out.MD5OfMessageBody !== undefined && out.MD5OfMessageBody !== md5(body))
    throw new SqsCallError(
      "QS_SQS_BAD_RESPONSE",
      "SendMessage confirmed a different body (MD5 mismatch)",
    );
  return { messageId: out.MessageId };
}

/**
 * SendMessageBatch (at most 10 entries). Entries listed Failed, not confirmed at all, or confirmed
 * with another body's MD5 (the SDK checks this too) come back as failures.
 */
export async function sendMessageBatch(
  client: SqsJsonClient,
  queueUrl: string,
  entries: ReadonlyArray<{ id: string; body: string }>,
): Promise<BatchOutcome> {
  const out = await client.call<BatchOutput>("SendMessageBatch", {
    QueueUrl: queueUrl,
    Entries: entries.map((e) => ({ Id: e.id, MessageBody: e.body })),
  });
  const confirmed = new Map<string, string | undefined>();
  for (const s of out.Successful ?? []) if (s.Id) confirmed.set(s.Id, s.MD5OfMessageBody);
  const failed = failures(out);
  const listed = new Set(failed.map((f) => f.id));
  for (const e of entries) {
    if (listed.has(e.id)) continue;
    const echoed = confirmed.get(e.id);
    if (!confirmed.has(e.id))
      failed.push({ id: e.id, code: "Unconfirmed", message: "not in the response" });
    else if (echoed !== undefined && echoed !== md5(e.body))
      failed.push({ id: e.id, code: "MD5Mismatch", message: "SQS stored another body" });
  }
  return { failed };
}

/** DeleteMessageBatch (at most 10 entries); SQS's per-entry failures come back, not thrown. */
export async function deleteMessageBatch(
  client: SqsJsonClient,
  queueUrl: string,
  entries: ReadonlyArray<{ id: string; receiptHandle: string }>,
): Promise<BatchOutcome> {
  const out = await client.call<BatchOutput>("DeleteMessageBatch", {
    QueueUrl: queueUrl,
    Entries: entries.map((e) => ({ Id: e.id, ReceiptHandle: e.receiptHandle })),
  });
  return { failed: failures(out) };
}

/** A batch call's `Failed` list (SQS's field names, as the JSON protocol and the SDK return it). */
export function failures(out: Pick<BatchOutput, "Failed">): BatchEntryFailure[] {
  return (out.Failed ?? []).map((f) => ({
    id: f.Id ?? "",
    code: f.Code ?? "Unknown",
    message: f.Message ?? "",
    ...(f.SenderFault === undefined ? {} : { senderFault: f.SenderFault }),
  }));
}

/** ReceiveMessage; the call's time bound grows by the long poll's wait. */
export async function receiveMessage(
  client: SqsJsonClient,
  queueUrl: string,
  options: ReceiveOptions,
  call: CallOptions & { timeoutMs: number },
): Promise<ReceivedMessage[]> {
  const names = [...(options.attributeNames ?? [])];
  const out = await client.call<{ Messages?: WireMessage[] }>(
    "ReceiveMessage",
    {
      QueueUrl: queueUrl,
      MaxNumberOfMessages: options.maxMessages,
      WaitTimeSeconds: options.waitTimeSeconds,
      // Both names: AttributeNames is what older servers (ElasticMQ) read, the other its successor.
      ...(names.length > 0 ? { AttributeNames: names, MessageSystemAttributeNames: names } : {}),
      ...(options.messageAttributeNames
        ? { MessageAttributeNames: [...options.messageAttributeNames] }
        : {}),
      ...(options.visibilityTimeoutSeconds === undefined
        ? {}
        : { VisibilityTimeout: options.visibilityTimeoutSeconds }),
    },
    { ...call, timeoutMs: call.timeoutMs + options.waitTimeSeconds * 1_000 },
  );
  // JSON 1.0 carries blobs as base64 text.
  return (out.Messages ?? []).map((m) =>
    toReceivedMessage(m, (b) => new Uint8Array(Buffer.from(b, "base64"))),
  );
}

/** SQS's message shape -> `ReceivedMessage`; `bytes` decodes a binary attribute. */
export function toReceivedMessage<B>(
  m: WireMessage<B>,
  bytes: (blob: B) => Uint8Array,
): ReceivedMessage {
  const messageAttributes: Record<string, MessageAttribute> = {};
  for (const [name, a] of Object.entries(m.MessageAttributes ?? {})) {
    messageAttributes[name] = {
      dataType: a.DataType ?? "String",
      ...(a.StringValue === undefined ? {} : { stringValue: a.StringValue }),
      ...(a.BinaryValue === undefined ? {} : { binaryValue: bytes(a.BinaryValue) }),
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

/** GetQueueAttributes: the attributes SQS returned, as strings. */
export async function getQueueAttributes(
  client: SqsJsonClient,
  queueUrl: string,
  names: readonly string[],
): Promise<Record<string, string>> {
  const out = await client.call<{ Attributes?: Record<string, string> }>("GetQueueAttributes", {
    QueueUrl: queueUrl,
    AttributeNames: [...names],
  });
  return { ...(out.Attributes ?? {}) };
}

/** GetQueueUrl; undefined when the queue does not exist. */
export async function getQueueUrl(
  client: SqsJsonClient,
  name: string,
): Promise<string | undefined> {
  try {
    const out = await client.call<{ QueueUrl?: string }>("GetQueueUrl", { QueueName: name });
    return out.QueueUrl;
  } catch (err) {
    if (err instanceof SqsCallError && isMissingQueue(err)) return undefined;
    throw err;
  }
}

/** True for SQS's "no such queue" answer (JSON 1.0 and its older query-protocol name). */
export function isMissingQueue(err: SqsCallError): boolean {
  const type = err.details.awsType ?? "";
  return type === "QueueDoesNotExist" || type.endsWith("NonExistentQueue");
}

/** CreateQueue with attributes; resolves with the queue URL. */
export async function createQueue(
  client: SqsJsonClient,
  name: string,
  attributes: Readonly<Record<string, string>>,
): Promise<string> {
  const out = await client.call<{ QueueUrl?: string }>("CreateQueue", {
    QueueName: name,
    Attributes: { ...attributes },
  });
  if (!out.QueueUrl)
    throw new SqsCallError("QS_SQS_BAD_RESPONSE", `CreateQueue ${name} returned no QueueUrl`);
  return out.QueueUrl;
}

/** SetQueueAttributes. */
export async function setQueueAttributes(
  client: SqsJsonClient,
  queueUrl: string,
  attributes: Readonly<Record<string, string>>,
): Promise<void> {
  await client.call("SetQueueAttributes", { QueueUrl: queueUrl, Attributes: { ...attributes } });
}

/** DeleteQueue. */
export async function deleteQueue(client: SqsJsonClient, queueUrl: string): Promise<void> {
  await client.call("DeleteQueue", { QueueUrl: queueUrl });
}
