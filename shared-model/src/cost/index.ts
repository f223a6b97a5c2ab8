export { type AsyncCostResult, asyncMonthlyCost } from "./async-cost.js";
export {
  ASYNC_DEFAULTS,
  type AsyncCostInput,
  type LambdaUsage,
  type QueueUsage,
  type ResultsUsage,
} from "./async-input.js";
export {
  type BatchDuration,
  type BatchFill,
  expectedBatchSize,
  monthlyMeanBatchSize,
} from "./batch-fill.js";
export {
  BREAK_EVEN_DEFAULTS,
  type BreakEvenCurve,
  type BreakEvenInput,
  type BreakEvenPoint,
  breakEven,
  findCrossings,
  logSpacedVolumes,
} from "./break-even.js";
export { type ApiGatewayKind, apiGatewayMeteredRequests } from "./common-items.js";
export { type CostErrorCode, CostErrorCodes, CostModelError } from "./cost-model-error.js";
export { FARGATE_TASK_SIZES, isValidFargateSize } from "./fargate-sizes.js";
export { billedDurationMs } from "./lambda-items.js";
export type { CostBreakdown, LineItem } from "./line-item.js";
export { type DeepPartial, mergePriceTable, type PriceOverrides } from "./merge-price-table.js";
export type {
  Architecture,
  Confidence,
  Ec2Instance,
  FargateArchPrices,
  LambdaArchPrices,
  LcuDimensions,
  PriceFigure,
  PriceTable,
  PriceTier,
  TieredPrice,
} from "./price-table.js";
export { PRICE_TABLES, priceTableFor } from "./prices/registry.js";
export { US_EAST_1 } from "./prices/us-east-1.js";
export {
  type BatchPoint,
  batchSizeSensitivity,
  DEFAULT_BATCH_SIZES,
  DEFAULT_MEMORY_SIZES_MB,
  MB_PER_VCPU,
  type MemoryPoint,
  memorySensitivity,
  scaleDurationForMemory,
} from "./sensitivity.js";
export { chunksPerCall } from "./sqs-requests.js";
export { type SyncCostResult, syncMonthlyCost } from "./sync-cost.js";
export {
  type LoadBalancerUsage,
  SYNC_DEFAULTS,
  type SyncCostInput,
  type SyncNetwork,
  type SyncNetworkKind,
  SyncNetworkKinds,
  type SyncPlatform,
} from "./sync-input.js";
export { firstTierPrice, tieredCost, tieredCostAfterFree } from "./tiered.js";
export {
  profileFromHourlyRates,
  TRAFFIC_DEFAULTS,
  type TrafficProfile,
  type TrafficProfileOptions,
  type TrafficShape,
  TrafficShapes,
  trafficProfile,
} from "./traffic-profile.js";
