import type { LambdaUsage } from "./async-input.js";
import { logIngestionItem } from "./common-items.js";
import { type LineItem, lineItem } from "./line-item.js";
import type { PriceTable } from "./price-table.js";
import { tieredCostAfterFree } from "./tiered.js";

/** Billed ms of one invocation: Lambda rounds each duration up to 1 ms (aws-facts.md 1.1, A). */
export function billedDurationMs(durationMs: number, prices: PriceTable): number {
  const g = prices.lambda.billingGranularityMs;
  return Math.ceil(durationMs / g - 1e-9) * g;
}

/** Lambda request, duration (invoke + init) and log lines for a month of invocations. */
export function lambdaItems(
  lambda: LambdaUsage,
  invocations: number,
  meanBatchSize: number,
  includeFreeTier: boolean,
  prices: PriceTable,
): { items: LineItem[]; billedDurationMs: number; gbSeconds: number } {
  const p = prices.lambda;
  const memoryGb = lambda.memoryMb / 1024; // Lambda GB-s use 1 GB = 1,024 MB
  const billedMs = billedDurationMs(
    lambda.durationPerInvocationMs + lambda.durationPerMessageMs * meanBatchSize,
    prices,
  );
  const invokeGbS = (invocations * billedMs * memoryGb) / 1000;
  const initGbS = (lambda.coldStarts * billedDurationMs(lambda.initMs, prices) * memoryGb) / 1000;
  const gbSeconds = invokeGbS + initGbS;
  const tiers = p[lambda.architecture].gbSecondTiers;
  // Invoke and init share the tiers and the free GB-s, so price them together and split.
  const durationCost = tieredCostAfterFree(
    gbSeconds,
    tiers,
    includeFreeTier ? p.freeTierGbSeconds.value : 0,
  );
  const share = (part: number) => (gbSeconds > 0 ? (durationCost * part) / gbSeconds : 0);
  const freeRequests = includeFreeTier ? p.freeTierRequests.value : 0;
  const requestCost = (Math.max(0, invocations - freeRequests) / 1e6) * p.requestsPerMillion.value;
  const free = includeFreeTier ? "; free tier applied" : "";
  const durationSource = `${tiers.source} [${tiers.confidence}]${free}`;
  const items = [
    lineItem({
      component: "lambda.requests",
      description: "Lambda invocations (one per batch)",
      quantity: invocations,
      unit: "requests",
      cost: requestCost,
      priceUnit: p.requestsPerMillion.unit,
      per: 1e6,
      source: `${p.requestsPerMillion.source} [${p.requestsPerMillion.confidence}]${free}`,
    }),
    lineItem({
      component: "lambda.gbSeconds",
      description: `Lambda duration, ${billedMs} ms x ${lambda.memoryMb} MB ${lambda.architecture}`,
      quantity: invokeGbS,
      unit: "GB-s",
      cost: share(invokeGbS),
      priceUnit: tiers.unit,
      per: 1,
      source: durationSource,
    }),
    lineItem({
      component: "lambda.initGbSeconds",
      description: `Lambda INIT, ${lambda.coldStarts} cold starts x ${lambda.initMs} ms`,
      quantity: initGbS,
      unit: "GB-s",
      cost: share(initGbS),
      priceUnit: tiers.unit,
      per: 1,
      source: `${durationSource}; INIT billed for container images (aws-facts.md 1.2, A)`,
    }),
    ...logIngestionItem(
      "lambda",
      invocations * lambda.logBytesPerInvocation,
      includeFreeTier,
      prices,
    ),
  ];
  return { items, billedDurationMs: billedMs, gbSeconds };
}
