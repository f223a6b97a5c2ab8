import {
  defineErrorCatalogue,
  type FieldIssue,
  formatIssues,
  inRange,
  QueueshiftError,
  rangeMessage,
} from "@queueshift/shared-model";

/**
 * The load generator's error catalogue: stable codes, never reused.
 */
export const LoadErrorCodes = defineErrorCatalogue({
  QS_LOAD_INVALID_SCHEDULE: {
    meaning: "A schedule (executor description) is malformed or out of range.",
    fix: "Read `issues`: every problem is listed with its field path.",
  },
  QS_LOAD_INVALID_OPTIONS: {
    meaning: "A runner or sender option is missing or out of range.",
    fix: "Read `issues`: every offending option is listed with its allowed range.",
  },
  QS_LOAD_NON_LOOPBACK_TARGET: {
    meaning: "The target URL is not on 127.0.0.1/localhost/::1 and `allowNonLoopback` is off.",
    fix: "Point the load at a loopback address, or opt in explicitly for a remote target.",
  },
  QS_LOAD_TARGET_START_FAILED: {
    meaning:
      "The sync target's start command exited, or its readiness URL did not answer 2xx in time.",
    fix: "Read the message: it names the command and quotes its last output lines.",
  },
  QS_LOAD_CLOSED_MODEL_FAILED: {
    meaning: "autocannon could not run the closed-model measurement.",
    fix: "Read the cause (often the target is down or the URL is wrong).",
  },
});

/** A stable code from the load generator's catalogue. */
export type LoadErrorCode = keyof typeof LoadErrorCodes;

/** A typed error of the load generator; `code` is stable, `issues` lists every problem. */
export class LoadError extends QueueshiftError<LoadErrorCode> {
  override readonly name: string = "LoadError";
}

/** Throws `QS_LOAD_INVALID_OPTIONS` listing all issues, if there are any. */
export function assertNoIssues(issues: readonly FieldIssue[], what: string): void {
  if (issues.length > 0) {
    throw new LoadError("QS_LOAD_INVALID_OPTIONS", `invalid ${what}: ${formatIssues(issues)}`, {
      issues,
    });
  }
}

/** Adds an issue unless `value` is an integer in [min, max]. */
export function checkInteger(
  issues: FieldIssue[],
  path: string,
  value: number,
  min: number,
  max: number,
): void {
  if (!inRange(value, min, max, true)) {
    issues.push({ path, message: `${rangeMessage(min, max, true)}, got ${value}` });
  }
}

/** A short, stable label for a thrown error (its `code` when it has one). */
export function errorKind(err: unknown): string {
  if (typeof err === "object" && err !== null) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === "string") return code;
    const name = (err as { name?: unknown }).name;
    if (typeof name === "string") return name;
  }
  return "Error";
}
