/** SQS allows 10 entries per SendMessageBatch (aws-facts 5.2, "Messages per batch"). */
export const SQS_MAX_BATCH_ENTRIES = 10;

/**
 * Splits results into SendMessageBatch-sized chunks: at most `maxEntries` entries, and at most
 * `maxBytes` of bodies per chunk (SQS caps a batch's total payload at the maximum message size).
 * A single body larger than `maxBytes` still gets a chunk of its own, so SQS, not this function,
 * rejects it (and the record is retried, then dead-lettered).
 */
export function* chunkResults<T extends { body: string }>(
  items: ReadonlyArray<T>,
  maxBytes: number,
  maxEntries = SQS_MAX_BATCH_ENTRIES,
): Generator<T[]> {
  let chunk: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = Buffer.byteLength(item.body);
    if (chunk.length === maxEntries || (chunk.length > 0 && bytes + size > maxBytes)) {
      yield chunk;
      chunk = [];
      bytes = 0;
    }
    chunk.push(item);
    bytes += size;
  }
  if (chunk.length > 0) yield chunk;
}
