import * as actions from "./actions.js";
import {
  resolveSqsEndpointConfig,
  type SqsEndpointConfig,
  type SqsEndpointOptions,
} from "./config.js";
import type { HttpPoster } from "./http-poster.js";
import { type HttpTransport, loadTransport, SqsJsonClient } from "./json-client.js";
import { SocketPoster } from "./socket-poster.js";
import type { BatchOutcome, ReceivedMessage, ReceiveOptions, SqsApi } from "./sqs-api.js";

/** `SqsApi` on the lean JSON 1.0 client: one keep-alive agent for every queue of one endpoint. */
export class LeanSqs implements SqsApi {
  readonly #client: SqsJsonClient;
  readonly #timeoutMs: number;

  constructor(config: SqsEndpointConfig, transport: HttpTransport | HttpPoster) {
    this.#client = new SqsJsonClient(config, transport);
    this.#timeoutMs = config.timeoutMs;
  }

  /**
   * Resolves the options, loads the transport the endpoint needs, and builds the client.
   * `sockets: "raw"` uses `SocketPoster` for a plain-http endpoint (a fraction of node:http's
   * CPU per call); an https endpoint always goes through node:https.
   */
  static async open(
    options: SqsEndpointOptions,
    sockets: "node-http" | "raw" = "node-http",
  ): Promise<LeanSqs> {
    const config = resolveSqsEndpointConfig(options);
    const url = new URL(config.endpoint);
    if (sockets === "raw" && url.protocol === "http:")
      return new LeanSqs(config, new SocketPoster(url, config.maxSockets));
    return new LeanSqs(config, await loadTransport(config.endpoint));
  }

  sendMessage(queueUrl: string, body: string): Promise<{ messageId: string }> {
    return actions.sendMessage(this.#client, queueUrl, body);
  }

  sendMessageBatch(
    queueUrl: string,
    entries: ReadonlyArray<{ id: string; body: string }>,
  ): Promise<BatchOutcome> {
    return actions.sendMessageBatch(this.#client, queueUrl, entries);
  }

  receiveMessage(queueUrl: string, options: ReceiveOptions): Promise<ReceivedMessage[]> {
    return actions.receiveMessage(this.#client, queueUrl, options, {
      timeoutMs: this.#timeoutMs,
      ...(options.signal ? { signal: options.signal } : {}),
    });
  }

  deleteMessageBatch(
    queueUrl: string,
    entries: ReadonlyArray<{ id: string; receiptHandle: string }>,
  ): Promise<BatchOutcome> {
    return actions.deleteMessageBatch(this.#client, queueUrl, entries);
  }

  getQueueAttributes(queueUrl: string, names: readonly string[]): Promise<Record<string, string>> {
    return actions.getQueueAttributes(this.#client, queueUrl, names);
  }

  getQueueUrl(name: string): Promise<string | undefined> {
    return actions.getQueueUrl(this.#client, name);
  }

  createQueue(name: string, attributes: Readonly<Record<string, string>>): Promise<string> {
    return actions.createQueue(this.#client, name, attributes);
  }

  setQueueAttributes(
    queueUrl: string,
    attributes: Readonly<Record<string, string>>,
  ): Promise<void> {
    return actions.setQueueAttributes(this.#client, queueUrl, attributes);
  }

  deleteQueue(queueUrl: string): Promise<void> {
    return actions.deleteQueue(this.#client, queueUrl);
  }

  close(): void {
    this.#client.close();
  }
}
