// The handler's result publisher without the AWS SDK client: SendMessageBatch in SQS's JSON 1.0
// protocol, signed by AWS's own SigV4 signer. Same contract as SqsResultPublisher.
import {
  type HttpTransport,
  type LeanSqsConfig,
  type LeanSqsOptions,
  loadTransport,
  resolveLeanSqsConfig,
  SqsCallError,
  SqsJsonClient,
  sendMessageBatch,
} from "@queueshift/sqs-client";
import { chunkResults } from "./batch-chunks.js";
import type { ResultPublisher } from "./process-batch.js";

/** Told when a whole chunk failed (its ids are reported failed and retried by redelivery). */
export type PublishErrorListener = (error: SqsCallError, ids: readonly string[]) => void;

/**
 * Publishes results with SendMessageBatch: at most 10 entries and `maxBatchBytes` per call.
 * Entries SQS lists as Failed (or does not confirm, or confirms with a wrong MD5) are returned as
 * failed; a transport error, a timeout or an error status fails the whole chunk.
 */
export class LeanSqsResultPublisher implements ResultPublisher {
  private readonly client: SqsJsonClient;

  constructor(
    private readonly config: LeanSqsConfig,
    transport: HttpTransport,
    private readonly onError: PublishErrorListener = () => {},
  ) {
    this.client = new SqsJsonClient(config, transport);
  }

  /** Resolves the options, loads the transport the endpoint needs, and builds the publisher. */
  static async create(
    options: LeanSqsOptions,
    onError?: PublishErrorListener,
  ): Promise<LeanSqsResultPublisher> {
    const config = resolveLeanSqsConfig(options);
    return new LeanSqsResultPublisher(config, await loadTransport(config.endpoint), onError);
  }

  async publish(
    results: ReadonlyArray<{ id: string; body: string }>,
  ): Promise<ReadonlySet<string>> {
    const failed = new Set<string>();
    for (const chunk of chunkResults(results, this.config.maxBatchBytes)) {
      try {
        const out = await sendMessageBatch(this.client, this.config.queueUrl, chunk);
        for (const f of out.failed) failed.add(f.id);
      } catch (err) {
        const ids = chunk.map((r) => r.id);
        for (const id of ids) failed.add(id);
        this.onError(
          err instanceof SqsCallError
            ? err
            : new SqsCallError("QS_SQS_TRANSPORT", String(err), {}, { cause: err }),
          ids,
        );
      }
    }
    return failed;
  }

  /** Closes the kept-alive sockets (tests; a Lambda environment just ends). */
  close(): void {
    this.client.close();
  }
}
