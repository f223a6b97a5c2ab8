// `SqsApi` on @aws-sdk/client-sqs: only for an endpoint whose credentials need the SDK's full
// provider chain (real AWS without keys in the environment: profiles, SSO, instance roles).
// Everything else uses the lean client (`openSqs`); errors are mapped to `SqsCallError` so callers
// handle one error type whichever client runs.
import type {
  MessageSystemAttributeName,
  QueueAttributeName,
  SQSClient,
} from "@aws-sdk/client-sqs";
import {
  type BatchOutcome,
  failures,
  type ReceivedMessage,
  type ReceiveOptions,
  type SqsApi,
  SqsCallError,
  toReceivedMessage,
} from "@queueshift/sqs-client";

type Sdk = typeof import("@aws-sdk/client-sqs");

/** An SDK error as the lean client would have reported it. */
function callError(action: string, err: unknown, signal?: AbortSignal): SqsCallError {
  if (signal?.aborted) return new SqsCallError("QS_SQS_ABORTED", `${action}: aborted`);
  const e = err as Error & { $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode;
  if (status === undefined)
    return new SqsCallError("QS_SQS_TRANSPORT", `${action}: ${e.message}`, {}, { cause: err });
  return new SqsCallError(
    "QS_SQS_HTTP",
    `${action}: HTTP ${status} ${e.name}: ${e.message}`,
    { status, awsType: e.name },
    { cause: err },
  );
}

/** `SqsApi` on an SDK client (owned: `close()` destroys it). */
export class SdkSqs implements SqsApi {
  constructor(
    private readonly sdk: Sdk,
    private readonly client: SQSClient,
  ) {}

  async #send<T>(action: string, run: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    try {
      return await run();
    } catch (err) {
      throw callError(action, err, signal);
    }
  }

  async sendMessage(queueUrl: string, body: string): Promise<{ messageId: string }> {
    const out = await this.#send("SendMessage", () =>
      this.client.send(new this.sdk.SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body })),
    );
    if (!out.MessageId)
      throw new SqsCallError("QS_SQS_BAD_RESPONSE", "SendMessage returned no MessageId");
    return { messageId: out.MessageId };
  }

  async sendMessageBatch(
    queueUrl: string,
    entries: ReadonlyArray<{ id: string; body: string }>,
  ): Promise<BatchOutcome> {
    const command = new this.sdk.SendMessageBatchCommand({
      QueueUrl: queueUrl,
      Entries: entries.map((e) => ({ Id: e.id, MessageBody: e.body })),
    });
    return {
      failed: failures(await this.#send("SendMessageBatch", () => this.client.send(command))),
    };
  }

  async receiveMessage(queueUrl: string, options: ReceiveOptions): Promise<ReceivedMessage[]> {
    const names = [...(options.attributeNames ?? [])];
    const command = new this.sdk.ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: options.maxMessages,
      WaitTimeSeconds: options.waitTimeSeconds,
      AttributeNames: names as QueueAttributeName[],
      MessageSystemAttributeNames: names as MessageSystemAttributeName[],
      ...(options.messageAttributeNames
        ? { MessageAttributeNames: [...options.messageAttributeNames] }
        : {}),
      ...(options.visibilityTimeoutSeconds === undefined
        ? {}
        : { VisibilityTimeout: options.visibilityTimeoutSeconds }),
    });
    const signal = options.signal;
    const out = await this.#send(
      "ReceiveMessage",
      () => this.client.send(command, signal ? { abortSignal: signal } : {}),
      signal,
    );
    return (out.Messages ?? []).map((m) => toReceivedMessage(m, (b) => b));
  }

  async deleteMessageBatch(
    queueUrl: string,
    entries: ReadonlyArray<{ id: string; receiptHandle: string }>,
  ): Promise<BatchOutcome> {
    const command = new this.sdk.DeleteMessageBatchCommand({
      QueueUrl: queueUrl,
      Entries: entries.map((e) => ({ Id: e.id, ReceiptHandle: e.receiptHandle })),
    });
    return {
      failed: failures(await this.#send("DeleteMessageBatch", () => this.client.send(command))),
    };
  }

  async getQueueAttributes(
    queueUrl: string,
    names: readonly string[],
  ): Promise<Record<string, string>> {
    const command = new this.sdk.GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: [...names] as QueueAttributeName[],
    });
    const out = await this.#send("GetQueueAttributes", () => this.client.send(command));
    return { ...(out.Attributes ?? {}) };
  }

  async getQueueUrl(name: string): Promise<string | undefined> {
    try {
      return (await this.client.send(new this.sdk.GetQueueUrlCommand({ QueueName: name })))
        .QueueUrl;
    } catch (err) {
      if (err instanceof this.sdk.QueueDoesNotExist) return undefined;
      throw callError("GetQueueUrl", err);
    }
  }

  async createQueue(name: string, attributes: Readonly<Record<string, string>>): Promise<string> {
    const command = new this.sdk.CreateQueueCommand({ QueueName: name, Attributes: attributes });
    const out = await this.#send("CreateQueue", () => this.client.send(command));
    if (!out.QueueUrl)
      throw new SqsCallError("QS_SQS_BAD_RESPONSE", `CreateQueue ${name} returned no QueueUrl`);
    return out.QueueUrl;
  }

  async setQueueAttributes(
    queueUrl: string,
    attributes: Readonly<Record<string, string>>,
  ): Promise<void> {
    const command = new this.sdk.SetQueueAttributesCommand({
      QueueUrl: queueUrl,
      Attributes: attributes,
    });
    await this.#send("SetQueueAttributes", () => this.client.send(command));
  }

  async deleteQueue(queueUrl: string): Promise<void> {
    const command = new this.sdk.DeleteQueueCommand({ QueueUrl: queueUrl });
    await this.#send("DeleteQueue", () => this.client.send(command));
  }

  close(): void {
    this.client.destroy();
  }
}
