import {
  defineErrorCatalogue,
  type FieldIssue,
  formatIssues,
  QueueshiftError,
} from "@queueshift/shared-model";

/**
 * The local Lambda platform's error catalogue: stable codes, never reused. Each code says what
 * the event source mapping does with the batch: `retry` leaves the messages to the visibility
 * timeout (AWS: a failed invocation deletes nothing), `config` means the caller must fix options.
 */
export const LambdaErrorCodes = defineErrorCatalogue({
  QS_LAMBDA_INVALID_CONFIG: {
    kind: "config",
    meaning: "A function, pool or event source mapping option is missing or out of range.",
    fix: "Read `issues`: every offending option is listed with its allowed range.",
  },
  QS_LAMBDA_HANDLER_NOT_FOUND: {
    kind: "retry",
    meaning: "The handler module loaded but does not export the configured function.",
    fix: "Check `handlerPath` and `handlerExport` (default `handler`).",
  },
  QS_LAMBDA_INIT_FAILED: {
    kind: "retry",
    meaning:
      "The execution environment failed during init (module load), or timed out twice (past the init limit, then the function timeout).",
    fix: "Run the handler module with node to see the import error; keep init under 10 s.",
  },
  QS_LAMBDA_FUNCTION_ERROR: {
    kind: "retry",
    meaning: "The handler threw or returned a rejected promise.",
    fix: "Read `errorType` / `errorMessage` in the cause; the batch is retried by redelivery.",
  },
  QS_LAMBDA_TIMEOUT: {
    kind: "retry",
    meaning: "The invocation ran past the function timeout; the environment was killed.",
    fix: "Raise `timeoutSeconds` or make the handler faster; keep visibility >= 6x timeout.",
  },
  QS_LAMBDA_ENVIRONMENT_CRASHED: {
    kind: "retry",
    meaning: "The execution environment process exited while serving an invocation.",
    fix: "Look at the exit code/signal in the message (out of memory shows as a crash).",
  },
  QS_LAMBDA_THROTTLED: {
    kind: "retry",
    meaning:
      "Every environment up to the concurrency limit is busy, or the function already added its environments of the last 10 s (scaling rate).",
    fix: "Raise the pool's `maxConcurrency` or `scalingRatePer10s`, or lower the mapping's MaximumConcurrency.",
  },
  QS_LAMBDA_POOL_CLOSED: {
    kind: "retry",
    meaning: "The environment pool is shutting down and takes no new invocations.",
    fix: "Stop the event source mapping before closing the pool.",
  },
  QS_LAMBDA_QUEUE_ERROR: {
    kind: "retry",
    meaning: "A call to the queue (receive, delete, attributes) failed.",
    fix: "Check the broker endpoint and queue URL; the cause holds the SDK error.",
  },
});

/** A stable code from the Lambda platform's catalogue. */
export type LambdaErrorCode = keyof typeof LambdaErrorCodes;

/** A typed error of the local Lambda platform; `code` is stable, `issues` lists bad options. */
export class LambdaPlatformError extends QueueshiftError<LambdaErrorCode> {
  override readonly name: string = "LambdaPlatformError";
}

/** Throws one error listing every issue (validation reports all problems at once, like k6). */
export function throwIfIssues(what: string, issues: readonly FieldIssue[]): void {
  if (issues.length === 0) return;
  throw new LambdaPlatformError(
    "QS_LAMBDA_INVALID_CONFIG",
    `Invalid ${what}: ${formatIssues(issues)}`,
    {
      issues,
    },
  );
}
