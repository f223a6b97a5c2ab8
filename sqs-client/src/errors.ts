import { defineErrorCatalogue, QueueshiftError } from "@queueshift/shared-model";

/** The lean SQS client's error catalogue: stable codes, never reused (documented in README.md). */
export const SqsErrorCodes = defineErrorCatalogue({
  QS_SQS_TIMEOUT: {
    meaning: "No complete response within the call's time bound.",
    fix: "Check the broker is up and not overloaded; long polls get their wait added to the bound.",
  },
  QS_SQS_TRANSPORT: {
    meaning: "The connection failed or closed before a complete response.",
    fix: "Check the endpoint (host, port, scheme); the cause holds the socket error.",
  },
  QS_SQS_HTTP: {
    meaning: "SQS answered with a non-2xx status (`details.status`, `details.awsType` say which).",
    fix: "Read `details.awsType` (e.g. `QueueDoesNotExist`): a wrong queue URL or a missing queue.",
  },
  QS_SQS_BAD_RESPONSE: {
    meaning: "A 2xx response whose body is not the JSON expected (or confirms another body).",
    fix: "The endpoint is not an SQS JSON 1.0 server, or it stored something else: check it.",
  },
  QS_SQS_ABORTED: {
    meaning: "The caller's abort signal fired before the response (e.g. a long poll cut on stop).",
    fix: "Expected on shutdown; elsewhere, look for who aborted the signal.",
  },
  QS_LEAN_SQS_CONFIG: {
    meaning: "A setting of the lean client cannot be used (`field` names the option or variable).",
    fix: "Fix the named setting: an http(s) URL, a region like us-east-1, integers in range.",
  },
});

/** Why an SQS call failed (every code of the catalogue but the configuration one). */
export type SqsCallErrorCode = Exclude<keyof typeof SqsErrorCodes, "QS_LEAN_SQS_CONFIG">;

/** What an HTTP-level failure carries besides its code. */
export interface SqsCallErrorDetails {
  readonly status?: number;
  readonly awsType?: string;
  /** A kept-alive socket the server closed while idle (retried once by the client). */
  readonly staleSocket?: boolean;
}

/** A failed SQS call. Wraps the underlying error as `cause`. */
export class SqsCallError extends QueueshiftError<SqsCallErrorCode> {
  override readonly name: string = "SqsCallError";
  readonly details: SqsCallErrorDetails;

  constructor(
    code: SqsCallErrorCode,
    message: string,
    details: SqsCallErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super(code, message, options?.cause === undefined ? {} : { cause: options.cause });
    this.details = details;
  }
}

/** A setting the lean client cannot use; `field` names the option or variable. */
export class LeanSqsConfigError extends QueueshiftError<"QS_LEAN_SQS_CONFIG"> {
  override readonly name: string = "LeanSqsConfigError";
  declare readonly field: string;

  constructor(field: string, message: string, options?: { cause?: unknown }) {
    super("QS_LEAN_SQS_CONFIG", `${field}: ${message}`, {
      issues: [{ path: field, message }],
      ...(options?.cause === undefined ? {} : { cause: options.cause }),
    });
  }
}
