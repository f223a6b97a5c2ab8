export { buildEnqueueApp, type EnqueueDeps } from "./api/app.js";
export {
  ConfigError,
  DEFAULT_ENQUEUE_CONFIG,
  type EnqueueApiConfig,
  loadEnqueueConfig,
  SQS_MAX_MESSAGE_BYTES,
} from "./api/config.js";
export { isLoopback, type JobQueue, SqsJobQueue } from "./api/job-queue.js";
export { LeanSqsJobQueue } from "./api/lean-job-queue.js";
export { LeanSqsResultPublisher, type PublishErrorListener } from "./handler/lean-sqs-publisher.js";
export {
  type BatchDeps,
  createBatchProcessor,
  type InvocationTime,
  type ResultPublisher,
  TransientJobError,
} from "./handler/process-batch.js";
export { SqsResultPublisher } from "./handler/sqs-publisher.js";
export {
  ENVELOPE_VERSION,
  encodeJob,
  type JobEnvelope,
  type JobFault,
  parseJobEnvelope,
  type ResultEnvelope,
  type ResultTimings,
} from "./job.js";
export {
  type AwsCredentials,
  DEFAULT_LEAN_SQS_CONFIG,
  type LeanSqsConfig,
  LeanSqsConfigError,
  type LeanSqsOptions,
  leanSqsOptionsFromEnv,
  resolveLeanSqsConfig,
} from "./sqs/lean-sqs-config.js";
export {
  SqsCallError,
  type SqsCallErrorCode,
  SqsCallErrorCodes,
} from "./sqs/sqs-json-client.js";
