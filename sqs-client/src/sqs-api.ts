// The queue operations callers program against. Two implementations exist: `LeanSqs` (this
// package: SigV4 over keep-alive sockets) and, in the harness, one on the AWS SDK for endpoints
// that need the SDK's full credential chain. Both reject with `SqsCallError`.

/** A message attribute as received (binary kept as bytes). */
export interface MessageAttribute {
  readonly dataType: string;
  readonly stringValue?: string;
  readonly binaryValue?: Uint8Array;
}

/** One received message. */
export interface ReceivedMessage {
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly body: string;
  /** System attributes: ApproximateReceiveCount, SentTimestamp, ApproximateFirstReceiveTimestamp, ... */
  readonly attributes: Readonly<Record<string, string>>;
  readonly messageAttributes: Readonly<Record<string, MessageAttribute>>;
  readonly md5OfBody: string;
  readonly md5OfMessageAttributes?: string;
}

/** One ReceiveMessage call. */
export interface ReceiveOptions {
  /** 1..10. */
  readonly maxMessages: number;
  /** Long poll, 0..20 s. */
  readonly waitTimeSeconds: number;
  /** System attributes to return ("All" for all). */
  readonly attributeNames?: readonly string[];
  /** Message attributes to return ("All" for all). */
  readonly messageAttributeNames?: readonly string[];
  readonly visibilityTimeoutSeconds?: number;
  /** Aborts the long poll; the call then rejects with `QS_SQS_ABORTED`. */
  readonly signal?: AbortSignal;
}

/** One entry SQS did not accept in a batch call. */
export interface BatchEntryFailure {
  readonly id: string;
  /** SQS's code (e.g. ReceiptHandleIsInvalid), or Unconfirmed / MD5Mismatch found by the client. */
  readonly code: string;
  readonly message: string;
  readonly senderFault?: boolean;
}

/** What a batch call did not do (everything not listed succeeded). */
export interface BatchOutcome {
  readonly failed: BatchEntryFailure[];
}

/** The SQS operations the project uses; queue URLs are per call so one client serves all queues. */
export interface SqsApi {
  sendMessage(queueUrl: string, body: string): Promise<{ messageId: string }>;
  /** At most 10 entries; ids unique within the call. */
  sendMessageBatch(
    queueUrl: string,
    entries: ReadonlyArray<{ id: string; body: string }>,
  ): Promise<BatchOutcome>;
  receiveMessage(queueUrl: string, options: ReceiveOptions): Promise<ReceivedMessage[]>;
  /** At most 10 entries; ids unique within the call. */
  deleteMessageBatch(
    queueUrl: string,
    entries: ReadonlyArray<{ id: string; receiptHandle: string }>,
  ): Promise<BatchOutcome>;
  getQueueAttributes(queueUrl: string, names: readonly string[]): Promise<Record<string, string>>;
  /** Undefined when no queue has that name. */
  getQueueUrl(name: string): Promise<string | undefined>;
  createQueue(name: string, attributes: Readonly<Record<string, string>>): Promise<string>;
  setQueueAttributes(queueUrl: string, attributes: Readonly<Record<string, string>>): Promise<void>;
  deleteQueue(queueUrl: string): Promise<void>;
  /** Closes the kept-alive sockets. */
  close(): void;
}
