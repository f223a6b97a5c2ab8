import { SendMessageBatchCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { ResultPublisher } from "./process-batch.js";

/** SQS allows 10 entries per SendMessageBatch (aws-facts 5.2). */
const MAX_ENTRIES = 10;

/** Publishes results with SendMessageBatch: at most 10 entries and `maxBatchBytes` per call. */
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
    for (const chunk of this.chunks(results)) {
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

  private *chunks<T extends { body: string }>(items: ReadonlyArray<T>): Generator<T[]> {
    let chunk: T[] = [];
    let bytes = 0;
    for (const item of items) {
      const size = Buffer.byteLength(item.body);
      if (chunk.length === MAX_ENTRIES || (chunk.length > 0 && bytes + size > this.maxBatchBytes)) {
        yield chunk;
        chunk = [];
        bytes = 0;
      }
      chunk.push(item);
      bytes += size;
    }
    if (chunk.length > 0) yield chunk;
  }
}
