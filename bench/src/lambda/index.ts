export { type Clock, FakeClock, systemClock } from "../clock/index.js";
export { BatchCollector, type BatchingSettings, type CollectedBatch } from "./batch-collector.js";
export {
  type BatchDecision,
  type BatchDecisionOptions,
  decideBatch,
  type ParsedBatchResponse,
  parseBatchItemFailures,
} from "./batch-outcome.js";
export { liveChildCount } from "./environment-guard.js";
export type {
  EnvironmentLauncher,
  LaunchedRuntime,
  LaunchRequest,
} from "./environment-launcher.js";
export { EnvironmentPool } from "./environment-pool.js";
export { defaultEntryPath } from "./environment-spawn.js";
export { type LambdaErrorCode, LambdaErrorCodes, LambdaPlatformError } from "./errors.js";
export {
  EventSourceMapping,
  type EventSourceMappingCounters,
  type EventSourceMappingDeps,
  type FunctionInvoker,
  type PlatformLog,
} from "./event-source-mapping.js";
export {
  controllerScaling,
  type EventSourceMappingConfig,
  type EventSourceMappingOptions,
  eventSourceMappingDefaults,
  resolveEventSourceMappingConfig,
  type ScalingConfig,
} from "./event-source-mapping-config.js";
export { type EnvironmentSpec, ExecutionEnvironment } from "./execution-environment.js";
export {
  FUNCTION_RUNTIMES,
  type FunctionConfig,
  type FunctionOptions,
  type FunctionRuntime,
  functionDefaults,
  memoryExecArgv,
  resolveFunctionConfig,
} from "./function-config.js";
export type { FunctionLogLine, FunctionLogSink } from "./function-logs.js";
export {
  buildReport,
  formatReportLine,
  type InvocationReport,
  type InvocationResult,
} from "./invocation-report.js";
export type { PoolCounters } from "./pool-accounting.js";
export {
  type PoolConfig,
  type PoolOptions,
  poolDefaults,
  resolvePoolConfig,
} from "./pool-config.js";
export { processLauncher } from "./process-launcher.js";
export {
  type ProvisionedPollerConfig,
  pollersFor,
  provisionedModeLimits,
  provisionedScaling,
} from "./provisioned-mode.js";
export {
  DEPTH_ATTRIBUTES,
  type EventSourceQueue,
  type QueueAttributes,
  type QueueMessage,
  type QueueMessageAttribute,
  queueDepthOf,
  type ReceiveRequest,
  SqsEventSourceQueue,
} from "./queue-client.js";
export { RuntimeApiServer } from "./runtime-api/runtime-api-server.js";
export {
  type InitOutcome,
  type InvocationOutcome,
  type InvocationRequest,
  RUNTIME_API_VERSION,
  type RuntimeError,
} from "./runtime-api/runtime-api-types.js";
export { pythonFor, type RuntimeLaunch, runtimeLaunch } from "./runtimes.js";
export type {
  BatchSample,
  EnvironmentCounts,
  EnvironmentSample,
  InvocationSample,
  PlatformSample,
  ScalingSample,
  ThrottleSample,
} from "./samples.js";
export { ScalingController } from "./scaling-controller.js";
export { ScalingRateLimiter } from "./scaling-rate.js";
export { queueArnFromUrl, type RecordSource, toSqsRecord } from "./sqs-records.js";
