/**
 * The shape of a dated, sourced price table. Every figure carries its unit, its source and the
 * confidence letter of reference/aws-facts.md next to the number, so a report can show where a
 * dollar amount came from and how far to trust it.
 */

/** aws-facts.md confidence: A = AWS text, B = 2+ agreeing secondary sources, C = one source; "user" = overridden. */
export type Confidence = "A" | "B" | "C" | "user";

/** CPU architecture of a Lambda function, a Fargate task or an EC2 instance. */
export type Architecture = "x86" | "arm64";

/** One number with its unit and provenance. */
export interface PriceFigure {
  readonly value: number;
  readonly unit: string;
  readonly source: string;
  readonly confidence: Confidence;
}

/** One tier: `price` applies to the units from the previous tier's `upTo` up to this `upTo` (null = no end). */
export interface PriceTier {
  readonly upTo: number | null;
  readonly price: number;
}

/** A volume-tiered price: `price` is USD per `per` units of `quantityUnit`, tiers are cumulative monthly usage. */
export interface TieredPrice {
  readonly unit: string;
  readonly quantityUnit: string;
  readonly per: number;
  readonly tiers: readonly PriceTier[];
  readonly source: string;
  readonly confidence: Confidence;
}

/** Per-architecture Lambda duration price. */
export interface LambdaArchPrices {
  readonly gbSecondTiers: TieredPrice;
}

/** Fargate Linux rates for one architecture. */
export interface FargateArchPrices {
  readonly vcpuHour: PriceFigure;
  readonly gbHour: PriceFigure;
}

/** An EC2 instance type usable as a sync-service host. */
export interface Ec2Instance {
  readonly vcpu: number;
  readonly memoryGiB: number;
  readonly architecture: Architecture;
  readonly hourly: PriceFigure;
  readonly note: string;
}

/** What one ALB Load Balancer Capacity Unit covers per hour; the hour bills the largest dimension. */
export interface LcuDimensions {
  readonly newConnectionsPerSecond: number;
  readonly activeConnectionsPerMinute: number;
  readonly processedGbPerHourInstanceTargets: number;
  readonly processedGbPerHourLambdaTargets: number;
  readonly ruleEvaluationsPerSecond: number;
  readonly freeRulesPerRequest: number;
}

/** A region's prices for every component the cost model uses. */
export interface PriceTable {
  readonly region: string;
  /** ISO date of the price sheet the figures come from (not the live pages). */
  readonly asOf: string;
  readonly currency: "USD";
  /** Hours in the billing month every monthly figure assumes. */
  readonly monthHours: number;
  /** Bytes in one billed GB of log ingestion and ALB processed bytes (binary GB; docs/cost-model.md). */
  readonly bytesPerGb: number;
  readonly lambda: {
    readonly x86: LambdaArchPrices;
    readonly arm64: LambdaArchPrices;
    readonly requestsPerMillion: PriceFigure;
    readonly billingGranularityMs: number;
    readonly freeTierRequests: PriceFigure;
    readonly freeTierGbSeconds: PriceFigure;
  };
  readonly sqs: {
    readonly standardPerMillionTiers: TieredPrice;
    readonly freeTierRequests: PriceFigure;
    readonly chunkBytes: number;
    readonly maxMessagesPerCall: number;
    readonly maxLongPollSeconds: number;
  };
  readonly apiGateway: {
    readonly httpPerMillionTiers: TieredPrice;
    readonly restPerMillionTiers: TieredPrice;
    readonly httpMeteringBytes: number;
  };
  readonly fargate: {
    readonly x86: FargateArchPrices;
    readonly arm64: FargateArchPrices;
  };
  readonly alb: {
    readonly hour: PriceFigure;
    readonly lcuHour: PriceFigure;
    readonly lcuDimensions: LcuDimensions;
    readonly publicIpv4Hour: PriceFigure;
  };
  readonly ec2: {
    readonly instances: Readonly<Record<string, Ec2Instance>>;
  };
  /** NAT gateway for tasks in private subnets (optional: tables without it cannot price one). */
  readonly natGateway?: {
    readonly hour: PriceFigure;
    readonly perGb: PriceFigure;
  };
  readonly cloudwatchLogs: {
    readonly standardIngestionPerGb: PriceFigure;
    readonly lambdaIngestionTiers: TieredPrice;
    readonly freeTierGb: PriceFigure;
  };
  /** Components left out because the sheet marks their figures "?", with the reason. */
  readonly omitted: readonly string[];
}

/** Recursively freezes a value; price tables are shared and must never change under a caller. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
