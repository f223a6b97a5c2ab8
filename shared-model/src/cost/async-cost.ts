import { type AsyncCostInput, type ResolvedAsyncInput, resolveAsyncInput } from "./async-input.js";
import { apiGatewayItem } from "./common-items.js";
import { lambdaItems } from "./lambda-items.js";
import { breakdown, type CostBreakdown, type LineItem, lineItem } from "./line-item.js";
import type { PriceTable } from "./price-table.js";
import { callsPerGroup, countCalls, emptyPolls, type SqsRequestCount } from "./sqs-requests.js";
import { tieredCostAfterFree } from "./tiered.js";

/** Architecture B's cost with the usage counts behind it. */
export interface AsyncCostResult extends CostBreakdown {
  readonly usage: {
    readonly invocations: number;
    readonly billedDurationMs: number;
    readonly gbSeconds: number;
    readonly sqsRequests: number;
    readonly emptyReceives: number;
  };
}

function sqsCounts(
  r: ResolvedAsyncInput,
  prices: PriceTable,
  invocations: number,
): SqsRequestCount[] {
  const jobs = r.traffic.monthlyRequests;
  const { meanBatchSize: m, sendBatchSize: s, pollers, waitSeconds } = r.queue;
  const groupCalls = callsPerGroup(m, prices); // receive (and delete) calls per invocation
  const bytes = r.requestBytes;
  const counts = [
    countCalls("sqs.send", "SendMessage (jobs)", jobs / s, s, bytes, prices),
    countCalls(
      "sqs.receive",
      "ReceiveMessage with jobs (event source mapping)",
      invocations * groupCalls,
      m / groupCalls,
      bytes,
      prices,
    ),
    countCalls(
      "sqs.receiveEmpty",
      `Empty long polls (${pollers} pollers, ${waitSeconds} s wait)`,
      emptyPolls(r.traffic.hourlyRates, groupCalls / m, pollers, waitSeconds),
      0,
      0,
      prices,
    ),
    countCalls(
      "sqs.delete",
      "DeleteMessageBatch (successes)",
      invocations * groupCalls,
      0,
      0,
      prices,
    ),
  ];
  if (!r.results.enabled) return counts;
  const { resultBytes, consumerBatchSize: cb, consumerPollers } = r.results;
  return [
    ...counts,
    countCalls(
      "sqs.results.send",
      "SendMessageBatch (results, per invocation)",
      invocations * groupCalls,
      m / groupCalls,
      resultBytes,
      prices,
    ),
    countCalls(
      "sqs.results.receive",
      "ReceiveMessage (results consumer)",
      jobs / cb,
      cb,
      resultBytes,
      prices,
    ),
    countCalls(
      "sqs.results.receiveEmpty",
      `Empty long polls on results (${consumerPollers} pollers)`,
      emptyPolls(r.traffic.hourlyRates, 1 / cb, consumerPollers, waitSeconds),
      0,
      0,
      prices,
    ),
    countCalls("sqs.results.delete", "DeleteMessageBatch (results)", jobs / cb, 0, 0, prices),
  ];
}

// One tiered computation over all SQS requests (tiers and the free tier count the whole
// account), shared out to the lines in proportion to their requests.
function sqsItems(
  counts: SqsRequestCount[],
  prices: PriceTable,
  includeFreeTier: boolean,
): LineItem[] {
  const price = prices.sqs.standardPerMillionTiers;
  const total = counts.reduce((sum, c) => sum + c.billed, 0);
  const free = includeFreeTier ? prices.sqs.freeTierRequests.value : 0;
  const cost = tieredCostAfterFree(total, price, free);
  const source = `${price.source} [${price.confidence}]${includeFreeTier ? "; first 1M free" : ""}`;
  return counts
    .filter((c) => c.billed > 0)
    .map((c) =>
      lineItem({
        component: c.component,
        description: c.description,
        quantity: c.billed,
        unit: "billed requests",
        cost: total > 0 ? (cost * c.billed) / total : 0,
        priceUnit: price.unit,
        per: price.per,
        source,
      }),
    );
}

function batchNote(r: ResolvedAsyncInput): string {
  const m = Number(r.queue.meanBatchSize.toFixed(2));
  const f = r.queue.batchFill;
  if (f === null) return `${m} jobs per invocation`;
  return `${m} jobs per invocation (month's mean batch fill at BatchSize ${f.maxBatchSize}, window ${f.windowSeconds} s, ${f.pollers} pollers)`;
}

/**
 * Monthly cost of architecture B: API Gateway + SQS requests (64 KB chunks, empty long polls,
 * results queue) + Lambda requests and GB-seconds (init included, tiered, optional free tier)
 * + Lambda log ingestion.
 */
export function asyncMonthlyCost(input: AsyncCostInput, prices: PriceTable): AsyncCostResult {
  const r = resolveAsyncInput(input, prices);
  const jobs = r.traffic.monthlyRequests;
  const invocations = jobs / r.queue.meanBatchSize;
  const counts = sqsCounts(r, prices, invocations);
  const lambda = lambdaItems(
    r.lambda,
    invocations,
    r.queue.meanBatchSize,
    r.includeFreeTier,
    prices,
  );
  const items = [
    ...apiGatewayItem(r.apiGateway, jobs * r.apiRequestsPerJob, r.requestBytes, prices),
    ...sqsItems(counts, prices, r.includeFreeTier),
    ...lambda.items,
  ];
  const emptyReceives = counts
    .filter((c) => c.component.endsWith("receiveEmpty"))
    .reduce((sum, c) => sum + c.billed, 0);
  const notes = [
    `traffic: ${r.traffic.description}`,
    `${batchNote(r)}; ${r.lambda.memoryMb} MB ${r.lambda.architecture}; billed ${lambda.billedDurationMs} ms per invocation`,
    `free tier ${r.includeFreeTier ? "included (Lambda, SQS, CloudWatch Logs)" : "excluded"}`,
  ];
  const usage = {
    invocations,
    billedDurationMs: lambda.billedDurationMs,
    gbSeconds: lambda.gbSeconds,
    sqsRequests: counts.reduce((sum, c) => sum + c.billed, 0),
    emptyReceives,
  };
  return { ...breakdown("async", prices, items, notes), usage };
}
