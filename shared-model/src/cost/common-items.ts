import { type LineItem, lineItem } from "./line-item.js";
import type { PriceTable } from "./price-table.js";
import { tieredCost, tieredCostAfterFree } from "./tiered.js";

/** Which API Gateway fronts the service, if any. */
export type ApiGatewayKind = "none" | "http" | "rest";

/** Billed API Gateway requests: HTTP APIs meter each 512 KB of request as one (aws-facts.md 6.1). */
export function apiGatewayMeteredRequests(
  kind: ApiGatewayKind,
  requests: number,
  requestBytes: number,
  prices: PriceTable,
): number {
  if (kind === "none") return 0;
  if (kind === "rest") return requests; // REST metering increment is "?" in the sheet: one per request
  return requests * Math.max(1, Math.ceil(requestBytes / prices.apiGateway.httpMeteringBytes));
}

/** The API Gateway line (tiered; the 12-month new-account free tier is never applied). */
export function apiGatewayItem(
  kind: ApiGatewayKind,
  requests: number,
  requestBytes: number,
  prices: PriceTable,
): LineItem[] {
  if (kind === "none") return [];
  const price =
    kind === "http" ? prices.apiGateway.httpPerMillionTiers : prices.apiGateway.restPerMillionTiers;
  const metered = apiGatewayMeteredRequests(kind, requests, requestBytes, prices);
  return [
    lineItem({
      component: `apiGateway.${kind}`,
      description: `API Gateway ${kind === "http" ? "HTTP API" : "REST API"} requests`,
      quantity: metered,
      unit: price.quantityUnit,
      cost: tieredCost(metered, price),
      priceUnit: price.unit,
      per: price.per,
      source: `${price.source} [${price.confidence}]`,
    }),
  ];
}

/** The CloudWatch Logs ingestion line: container stdout at the Standard rate, Lambda logs tiered. */
export function logIngestionItem(
  kind: "standard" | "lambda",
  bytes: number,
  includeFreeTier: boolean,
  prices: PriceTable,
): LineItem[] {
  if (bytes <= 0) return [];
  const logs = prices.cloudwatchLogs;
  const gb = bytes / prices.bytesPerGb;
  const free = includeFreeTier ? logs.freeTierGb.value : 0;
  const figure = logs.standardIngestionPerGb;
  const cost =
    kind === "lambda"
      ? tieredCostAfterFree(gb, logs.lambdaIngestionTiers, free)
      : Math.max(0, gb - free) * figure.value;
  const price = kind === "lambda" ? logs.lambdaIngestionTiers : { ...figure, per: 1 };
  return [
    lineItem({
      component: `logs.${kind}`,
      description:
        kind === "lambda"
          ? "CloudWatch Logs ingestion (Lambda)"
          : "CloudWatch Logs ingestion (service stdout)",
      quantity: gb,
      unit: "GB",
      cost,
      priceUnit: price.unit,
      per: 1,
      source: `${price.source} [${price.confidence}]${includeFreeTier ? `; free ${free} GB [${logs.freeTierGb.confidence}]` : ""}`,
    }),
  ];
}
