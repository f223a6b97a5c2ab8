export {
  type AsyncQueueDepth,
  type AsyncStackOptions,
  type AsyncStackSettings,
  type StartedAsyncStack,
  startAsyncStack,
} from "./async-stack.js";
export { type AsyncQueueUrls, MAX_MESSAGE_BYTES } from "./async-stack-parts.js";
export type { QueueCallCounts } from "./counting-queue.js";
export { type NodeService, type NodeServiceOptions, startNodeService } from "./node-service.js";
export { ARTEFACTS, REPO_ROOT, requireArtefact } from "./paths.js";
export {
  type CollectedResult,
  type CollectorCounters,
  ResultCollector,
  type ResultEnvelopeView,
} from "./result-collector.js";
export type { StackProcess } from "./stack-process.js";
export {
  type StartedSyncStack,
  type SyncStackOptions,
  startSyncStack,
  workersPerTask,
} from "./sync-stack.js";
