import type { EventSourceQueue } from "../lambda/index.js";

/** SQS calls the event source mapping made, for the cost model (receives incl. empty ones, deletes). */
export interface QueueCallCounts {
  receives: number;
  emptyReceives: number;
  receivedMessages: number;
  deleteCalls: number;
  deletedMessages: number;
  /** Entries SQS did not delete, or whose delete call failed (redelivered later). */
  deleteFailures: number;
  receivedBytes: number;
}

/** Wraps the mapping's queue to count its calls; behaviour is unchanged. */
export function countingQueue(queue: EventSourceQueue): {
  queue: EventSourceQueue;
  counts: QueueCallCounts;
} {
  const counts: QueueCallCounts = {
    receives: 0,
    emptyReceives: 0,
    receivedMessages: 0,
    deleteCalls: 0,
    deletedMessages: 0,
    deleteFailures: 0,
    receivedBytes: 0,
  };
  return {
    counts,
    queue: {
      url: queue.url,
      async receive(request) {
        const messages = await queue.receive(request);
        counts.receives += 1;
        if (messages.length === 0) counts.emptyReceives += 1;
        counts.receivedMessages += messages.length;
        for (const m of messages) counts.receivedBytes += Buffer.byteLength(m.body);
        return messages;
      },
      async deleteBatch(entries) {
        counts.deleteCalls += 1;
        const failed = await queue.deleteBatch(entries).catch((err: unknown) => {
          counts.deleteFailures += entries.length;
          throw err;
        });
        counts.deletedMessages += entries.length - failed.length;
        counts.deleteFailures += failed.length;
        return failed;
      },
      getAttributes: () => queue.getAttributes(),
    },
  };
}
