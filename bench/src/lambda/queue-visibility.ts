import { LambdaPlatformError } from "./errors.js";
import type { PlatformLog } from "./event-source-mapping-deps.js";
import type { QueueAttributes } from "./queue-client.js";

/** A queue's visibility timeout when it reports none: SQS's default (aws-facts 5.2). */
export const DEFAULT_VISIBILITY_TIMEOUT_S = 30;
/** AWS recommends a visibility timeout of at least 6x the function timeout (aws-facts 2.3). */
const VISIBILITY_FACTOR = 6;

/** Lambda's InvalidParameterValueException for a queue that hides messages for less than a run. */
function visibilityTooShort(visibility: number, timeout: number): LambdaPlatformError {
  const message = `Queue visibility timeout: ${visibility} seconds is less than Function timeout: ${timeout} seconds`;
  return new LambdaPlatformError("QS_LAMBDA_INVALID_CONFIG", message, {
    issues: [{ path: "visibilityTimeoutSeconds", message }],
  });
}

/**
 * The queue's visibility timeout in seconds, checked as Lambda checks it when a mapping is
 * created: below the function timeout it is refused (aws-facts 0.2); below 6x it is allowed
 * with AWS's advice as a warning.
 */
export function checkedVisibilitySeconds(
  attrs: QueueAttributes,
  timeoutSeconds: number,
  log?: PlatformLog,
): number {
  const visibility = attrs.visibilityTimeoutSeconds ?? DEFAULT_VISIBILITY_TIMEOUT_S;
  if (visibility < timeoutSeconds) throw visibilityTooShort(visibility, timeoutSeconds);
  if (visibility < VISIBILITY_FACTOR * timeoutSeconds) {
    log?.warn(
      `Queue visibility timeout ${visibility} s is below ${VISIBILITY_FACTOR}x the function timeout ` +
        `(${timeoutSeconds} s): AWS recommends >= ${VISIBILITY_FACTOR * timeoutSeconds} s so throttled batches can be retried (aws-facts 2.3).`,
    );
  }
  return visibility;
}
