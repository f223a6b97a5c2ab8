// The handler's result publisher without the AWS SDK client: SendMessageBatch in SQS's JSON 1.0
// protocol, signed by AWS's own SigV4 signer. Same contract as SqsResultPublisher.
import { createHash } from "node:crypto";
import {
  type LeanSqsConfig,
  type LeanSqsOptions,
  resolveLeanSqsConfig,
} from "../sqs/lean-sqs-config.js";
import {
  type HttpTransport,
  loadTransport,
  SqsCallError,
  SqsJsonClient,
} from "../sqs/sqs-json-client.js";
import { chunkResults } from "./batch-chunks.js";
import type { ResultPublisher } from "./process-batch.js";

/** SendMessageBatch's output, as far as the publisher reads it. */
interface SendMessageBatchOutput {
  Successful?: Array<{ Id?: string; MD5OfMessageBody?: string }>;
  Failed?: Array<{ Id?: string; Code?: string; Message?: string; SenderFault?: boolean }>;
}

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
        const out = await this.client.call<SendMessageBatchOutput>("SendMessageBatch", {
          QueueUrl: this.config.queueUrl,
          Entries: chunk.map((r) => ({ Id: r.id, MessageBody: r.body })),
        });
        for (const id of unconfirmed(chunk, out)) failed.add(id);
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

/** Ids SQS did not accept intact: listed Failed, missing from Successful, or with a wrong MD5. */
function unconfirmed(
  chunk: ReadonlyArray<{ id: string; body: string }>,
  out: SendMessageBatchOutput,
): string[] {
  const md5ById = new Map<string, string | undefined>();
  for (const s of out.Successful ?? []) if (s.Id) md5ById.set(s.Id, s.MD5OfMessageBody);
  return chunk
    .filter((r) => {
      if (!md5ById.has(r.id)) return true; // Failed, or not mentioned at all
      const md5 = md5ById.get(r.id);
      // The SDK checks this too: a body SQS stored differently from what was sent is not published.
      return md5 !== undefined && md5 !== createHash("md5").update(r.body).digest("hex");
    })
    .map((r) => r.id);
}
