import { GetQueueAttributesCommand, SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { isLoopbackEndpoint } from "@queueshift/sqs-client";

/** The queue as the enqueue API sees it. */
export interface JobQueue {
  /** Resolves only once the queue accepted the message. */
  send(body: string): Promise<{ messageId: string }>;
  /** Resolves when the queue answers. */
  ping(): Promise<void>;
}

/** A `JobQueue` on SQS (or ElasticMQ). */
export class SqsJobQueue implements JobQueue {
  private readonly client: SQSClient;

  constructor(
    private readonly queueUrl: string,
    options: { endpoint?: string; region: string },
  ) {
    this.client = new SQSClient({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      // A local broker takes any credentials; anywhere else the SDK's usual chain applies.
      ...(isLoopback(options.endpoint)
        ? { credentials: { accessKeyId: "local", secretAccessKey: "local" } }
        : {}),
      maxAttempts: 2, // one retry inside the SDK; after that the client gets a 503 and decides
    });
  }

  async send(body: string): Promise<{ messageId: string }> {
    const out = await this.client.send(
      new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: body }),
    );
    if (!out.MessageId) throw new Error("SendMessage returned no MessageId");
    return { messageId: out.MessageId };
  }

  async ping(): Promise<void> {
    await this.client.send(
      new GetQueueAttributesCommand({ QueueUrl: this.queueUrl, AttributeNames: ["QueueArn"] }),
    );
  }

  /** Closes the SDK's sockets. */
  close(): void {
    this.client.destroy();
  }
}

/** True for an endpoint on this machine (ElasticMQ), where no real credentials exist. */
export function isLoopback(endpoint: string | undefined): boolean {
  return endpoint !== undefined && endpoint !== "" && isLoopbackEndpoint(endpoint);
}
