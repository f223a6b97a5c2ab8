import { SendMessageBatchCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { chunkResults } from "./batch-chunks.js";
import type { ResultPublisher } from "./process-batch.js";

/**
 * Publishes results with SendMessageBatch on the full AWS SDK client: at most 10 entries and
 * `maxBatchBytes` per call. The handler bundle uses `LeanSqsResultPublisher` instead (a much
 * shorter cold start); this one is for callers who want the SDK's credential chain and retries.
 */
export class SqsResultPublisher implements ResultPublisher {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
    private readonly maxBatchBytes = 256 * 1024, // the queue's default maximum message size
  ) {}

  async publish(
    results: ReadonlyArray<{ id: string; body: string }>,
  ): Promise<ReadonlySet<string>> {
    const failed = new Set<string>();
    for (const chunk of chunkResults(results, this.maxBatchBytes)) {
      try {
        const out = await this.client.send(
          new SendMessageBatchCommand({
            QueueUrl: this.queueUrl,
            Entries: chunk.map((r) => ({ Id: r.id, MessageBody: r.body })),
          }),
        );
        for (const f of out.Failed ?? []) if (f.Id) failed.add(f.Id);
      } catch {
        for (const r of chunk) failed.add(r.id);
      }
    }
    return failed;
  }
}
