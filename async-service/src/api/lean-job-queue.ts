import { createHash } from "node:crypto";
import { type LeanSqsOptions, resolveLeanSqsConfig } from "../sqs/lean-sqs-config.js";
import { loadTransport, SqsCallError, SqsJsonClient } from "../sqs/sqs-json-client.js";
import type { JobQueue } from "./job-queue.js";

interface SendMessageOutput {
  readonly MessageId?: string;
  readonly MD5OfMessageBody?: string;
}

/**
 * A `JobQueue` on the lean SQS JSON client (SigV4, keep-alive sockets, no SDK). Measured here
 * against ElasticMQ: SendMessage p50 1.2 ms vs 2.2 ms with the SDK, and a third of its CPU.
 * Credentials come from the environment (or none for a loopback broker); anything needing the
 * SDK's provider chain uses `SqsJobQueue`.
 */
export class LeanSqsJobQueue implements JobQueue {
  private constructor(
    private readonly queueUrl: string,
    private readonly client: SqsJsonClient,
  ) {}

  /** Resolves the options, loads the transport the endpoint needs, and builds the queue. */
  static async create(options: LeanSqsOptions): Promise<LeanSqsJobQueue> {
    const config = resolveLeanSqsConfig(options);
    return new LeanSqsJobQueue(
      config.queueUrl,
      new SqsJsonClient(config, await loadTransport(config.endpoint)),
    );
  }

  async send(body: string): Promise<{ messageId: string }> {
    const out = await this.client.call<SendMessageOutput>("SendMessage", {
      QueueUrl: this.queueUrl,
      MessageBody: body,
    });
    if (!out.MessageId)
      throw new SqsCallError("QS_SQS_BAD_RESPONSE", "SendMessage returned no MessageId", {});
    // SQS echoes the body's MD5: a mismatch means the message on the queue is not the one we sent.
    if (
      out.MD5OfMessageBody !== undefined &&
      out.MD5OfMessageBody !== createHash("md5").update(body).digest("hex")
    ) {
      throw new SqsCallError(
        "QS_SQS_BAD_RESPONSE",
        "SendMessage confirmed a different body (MD5 mismatch)",
        {},
      );
    }
    return { messageId: out.MessageId };
  }

  async ping(): Promise<void> {
    await this.client.call("GetQueueAttributes", {
      QueueUrl: this.queueUrl,
      AttributeNames: ["QueueArn"],
    });
  }

  /** Closes the kept-alive sockets. */
  close(): void {
    this.client.close();
  }
}
