export { buildEnqueueApp, type EnqueueDeps } from "./api/app.js";
export {
  ConfigError,
  DEFAULT_ENQUEUE_CONFIG,
  type EnqueueApiConfig,
  loadEnqueueConfig,
  SQS_MAX_MESSAGE_BYTES,
} from "./api/config.js";
export { isLoopback, type JobQueue, SqsJobQueue } from "./api/job-queue.js";
export {
  type BatchDeps,
  createBatchProcessor,
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
