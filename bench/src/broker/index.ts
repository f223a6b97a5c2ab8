/** Broker provisioning: an SQS-compatible broker (ElasticMQ on the JVM or in a container, or an external endpoint) with the harness's queues. */
export { defaultCacheDir } from "./cache-dir.js";
export { type ElasticMqConfigInput, renderElasticMqConfig } from "./elasticmq-config.js";
export { BrokerError, type BrokerErrorCode, BrokerErrorCodes } from "./errors.js";
export {
  elasticMqVersionDir,
  isServerCached,
  type ResolvedServer,
  resolveElasticMqServer,
} from "./maven-resolve.js";
export {
  BROKER_DEFAULTS,
  type BrokerEvent,
  type BrokerKindOption,
  BrokerKinds,
  type BrokerLogWriter,
  type BrokerOptions,
  type BrokerStorage,
  BrokerStorages,
  type JvmTuning,
  JvmTunings,
  type ResolvedBrokerOptions,
  type RestartPolicy,
  resolveBrokerOptions,
} from "./options.js";
export {
  QUEUE_DEFAULTS,
  type QueueSpec,
  queueSpecIssues,
  type ResolvedQueueSpec,
  resolveQueueSpec,
  standardQueues,
} from "./queue-spec.js";
export { RestartBudget } from "./restart-budget.js";
export {
  type ContainerRuntimeFound,
  type ContainerRuntimeMissing,
  probeContainerRuntime,
} from "./runtime-probe.js";
export { startBroker } from "./start-broker.js";
export {
  type BrokerDescription,
  type BrokerKind,
  type BrokerStorageInfo,
  LOCAL_CREDENTIALS,
  type StartedBroker,
} from "./started-broker.js";
export {
  ELASTICMQ_ACCOUNT_ID,
  ELASTICMQ_IMAGE,
  ELASTICMQ_MAVEN,
  ELASTICMQ_VERSION,
  elasticMqImage,
} from "./versions.js";
