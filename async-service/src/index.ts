// The lean client moved to @queueshift/sqs-client; its config and error types stay re-exported here
// for the callers of this package's API.
export {
  type AwsCredentials,
  DEFAULT_LEAN_SQS_CONFIG,
  type LeanSqsConfig,
  LeanSqsConfigError,
  type LeanSqsOptions,
  leanSqsOptionsFromEnv,
  resolveLeanSqsConfig,
  SqsCallError,
  type SqsCallErrorCode,
  SqsErrorCodes,
} from "@queueshift/sqs-client";
export { buildEnqueueApp, type EnqueueApp, type EnqueueDeps } from "./api/app.js";
export {
  ConfigError,
  DEFAULT_ENQUEUE_CONFIG,
  type EnqueueApiConfig,
  loadEnqueueConfig,
  SQS_MAX_MESSAGE_BYTES,
} from "./api/config.js";
export { isLoopback, type JobQueue, SqsJobQueue } from "./api/job-queue.js";
export { LeanSqsJobQueue } from "./api/lean-job-queue.js";
export { type RunningEnqueueApi, startEnqueueApi } from "./api/server.js";
export { LeanSqsResultPublisher, type PublishErrorListener } from "./handler/lean-sqs-publisher.js";
export {
  type BatchDeps,
  createBatchProcessor,
  type InvocationTime,
  type ResultPublisher,
  TransientJobError,
} from "./handler/process-batch.js";
export {
  ENVELOPE_VERSION,
  encodeJob,
  type JobEnvelope,
  type JobFault,
  parseJobEnvelope,
  type ResultEnvelope,
  type ResultTimings,
} from "./job.js";
