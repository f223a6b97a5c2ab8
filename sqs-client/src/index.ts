export {
  createQueue,
  deleteMessageBatch,
  deleteQueue,
  failures,
  getQueueAttributes,
  getQueueUrl,
  isMissingQueue,
  receiveMessage,
  SQS_BATCH_MAX,
  SQS_MAX_WAIT_SECONDS,
  sendMessage,
  sendMessageBatch,
  setQueueAttributes,
  toReceivedMessage,
  type WireMessage,
} from "./actions.js";
export {
  type AwsCredentials,
  credentialsFromEnv,
  DEFAULT_LEAN_SQS_CONFIG,
  isLoopbackEndpoint,
  type LeanSqsConfig,
  type LeanSqsOptions,
  LOCAL_CREDENTIALS,
  leanSqsOptionsFromEnv,
  regionalSqsEndpoint,
  resolveLeanSqsConfig,
  resolveSqsEndpointConfig,
  SQS_MAX_MESSAGE_BYTES,
  type SqsEndpointConfig,
  type SqsEndpointOptions,
} from "./config.js";
export {
  LeanSqsConfigError,
  SqsCallError,
  type SqsCallErrorCode,
  type SqsCallErrorDetails,
  SqsErrorCodes,
} from "./errors.js";
export type { HttpPoster, PostDeadline, RawResponse } from "./http-poster.js";
export {
  type CallOptions,
  type HttpTransport,
  loadTransport,
  SqsJsonClient,
} from "./json-client.js";
export { LeanSqs } from "./lean-sqs.js";
export { SocketPoster } from "./socket-poster.js";
export type {
  BatchEntryFailure,
  BatchOutcome,
  MessageAttribute,
  ReceivedMessage,
  ReceiveOptions,
  SqsApi,
} from "./sqs-api.js";
