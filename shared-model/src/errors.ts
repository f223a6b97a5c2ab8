/**
 * The error catalogue: stable codes shared by both services. Codes are never reused.
 * `httpStatus` is what the sync service and the enqueue API answer; `retryable` is what the
 * Lambda handler does with a failed record (retry by redelivery, or poison that ends in the DLQ).
 */
export const ErrorCodes = {
  QS_INVALID_REQUEST: {
    httpStatus: 400,
    retryable: false,
    meaning:
      "The request does not match the contract (a field is missing, of the wrong type or out of range).",
    fix: "Read `field` and `details` in the error body and correct those fields.",
  },
  QS_MALFORMED_JSON: {
    httpStatus: 400,
    retryable: false,
    meaning: "The body is not valid JSON.",
    fix: "Send a JSON document with `content-type: application/json`.",
  },
  QS_UNSUPPORTED_MEDIA_TYPE: {
    httpStatus: 415,
    retryable: false,
    meaning: "The body is not `application/json`.",
    fix: "Set `content-type: application/json`.",
  },
  QS_PAYLOAD_TOO_LARGE: {
    httpStatus: 413,
    retryable: false,
    meaning:
      "The body is larger than the service's body limit, or the job is larger than the queue's maximum message size.",
    fix: "Send fewer inline customers, or use a synthetic dataset reference.",
  },
  QS_DATASET_TOO_LARGE: {
    httpStatus: 413,
    retryable: false,
    meaning: "The dataset has more customers than the core accepts (see `limits`).",
    fix: "Split the dataset or lower `size`.",
  },
  QS_K_TOO_LARGE: {
    httpStatus: 400,
    retryable: false,
    meaning: "k-means was asked for more clusters than the dataset has customers.",
    fix: "Lower `options.k` or send more customers.",
  },
  QS_NOT_FOUND: {
    httpStatus: 404,
    retryable: false,
    meaning: "No such route.",
    fix: "Use POST /v1/analyze (sync) or POST /v1/jobs (async).",
  },
  QS_SHUTTING_DOWN: {
    httpStatus: 503,
    retryable: true,
    meaning: "The service is draining before exit and takes no new work.",
    fix: "Retry against another instance.",
  },
  QS_BROKER_UNAVAILABLE: {
    httpStatus: 503,
    retryable: true,
    meaning: "The queue did not accept the job; nothing was enqueued.",
    fix: "Retry after the `retry-after` header's seconds.",
  },
  QS_TRANSIENT_FAILURE: {
    httpStatus: 503,
    retryable: true,
    meaning: "A temporary failure while processing (injected fault or dependency error).",
    fix: "Retry; the async path retries by redelivery on its own.",
  },
  QS_RESULT_TOO_LARGE: {
    httpStatus: 413,
    retryable: false,
    meaning:
      "The analysis succeeded but its result is larger than the results queue's maximum message size; a failed result with this code was published instead (async only).",
    fix: "Ask for fewer analyses or a smaller dataset, or raise the results queue's maximum message size (SQS allows up to 1 MiB).",
  },
  QS_DEADLINE_EXCEEDED: {
    httpStatus: 503,
    retryable: true,
    meaning:
      "The invocation's deadline came before the record was processed (a slow neighbour, or a batch larger than the function timeout allows); the record is retried by redelivery.",
    fix: "Raise the function timeout or lower BatchSize so a batch of the largest jobs fits.",
  },
  QS_INTERNAL: {
    httpStatus: 500,
    retryable: true,
    meaning: "An unexpected error. Details are logged, never returned.",
    fix: "Report it with the request id.",
  },
} as const;

export type ErrorCode = keyof typeof ErrorCodes;

/** One reason a request was rejected: a JSON-pointer-like path and what is wrong there. */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

/** A typed error with a stable code; edges map `code` to an HTTP status or a retry decision. */
export class AnalyticsError extends Error {
  readonly code: ErrorCode;
  readonly details: readonly FieldIssue[];

  constructor(
    code: ErrorCode,
    message: string,
    options: { details?: readonly FieldIssue[]; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AnalyticsError";
    this.code = code;
    this.details = options.details ?? [];
  }

  /** The first offending field, if the error is about the request's content. */
  get field(): string | undefined {
    return this.details[0]?.path;
  }

  get httpStatus(): number {
    return ErrorCodes[this.code].httpStatus;
  }

  get retryable(): boolean {
    return ErrorCodes[this.code].retryable;
  }
}

/** The JSON error body both HTTP services return (shaped like Fastify's own errors). */
export interface ErrorBody {
  readonly statusCode: number;
  readonly code: ErrorCode;
  readonly error: string;
  readonly message: string;
  readonly field?: string;
  readonly details?: readonly FieldIssue[];
}

/** Renders an error as the public error body; never includes stacks or causes. */
export function toErrorBody(err: AnalyticsError, reason: string): ErrorBody {
  return {
    statusCode: err.httpStatus,
    code: err.code,
    error: reason,
    message: err.message,
    ...(err.field === undefined ? {} : { field: err.field }),
    ...(err.details.length === 0 ? {} : { details: err.details }),
  };
}
