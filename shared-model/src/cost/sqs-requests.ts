import type { PriceTable } from "./price-table.js";

/** Billed SQS requests of one kind of call, before prices. */
export interface SqsRequestCount {
  readonly component: string;
  readonly description: string;
  /** API calls made. */
  readonly calls: number;
  /** Billed requests: each call is one request per 64 KB of its payload (aws-facts.md 5.1). */
  readonly billed: number;
}

/** Billed requests of one call carrying `messages` messages of `bytes` each: one per 64 KB chunk, at least one. */
export function chunksPerCall(messages: number, bytes: number, prices: PriceTable): number {
  return Math.max(1, Math.ceil((messages * bytes) / prices.sqs.chunkBytes - 1e-9));
}

/** Calls needed for a group of `messages` when one call takes at most 10 messages. */
export function callsPerGroup(messages: number, prices: PriceTable): number {
  return Math.max(1, Math.ceil(messages / prices.sqs.maxMessagesPerCall - 1e-9));
}

/** `calls` calls of `messagesPerCall` messages of `bytes` each. */
export function countCalls(
  component: string,
  description: string,
  calls: number,
  messagesPerCall: number,
  bytes: number,
  prices: PriceTable,
): SqsRequestCount {
  return {
    component,
    description,
    calls,
    billed: calls * chunksPerCall(messagesPerCall, bytes, prices),
  };
}

/**
 * Empty long-poll receives: each poller completes at least one receive every `waitSeconds`,
 * so an hour has at least pollers x 3600 / wait receives; those not filled by messages are
 * empty (aws-facts.md 12: "about (pollers x 3) requests per minute", an inference, B).
 */
export function emptyPolls(
  hourlyRates: readonly number[],
  messageCallsPerJob: number,
  pollers: number,
  waitSeconds: number,
): number {
  const floor = (pollers * 3600) / waitSeconds;
  return hourlyRates.reduce(
    (sum, rate) => sum + Math.max(0, floor - rate * 3600 * messageCallsPerJob),
    0,
  );
}
