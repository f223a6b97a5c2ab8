/**
 * The load generator's error catalogue: stable codes, never reused.
 */
export const LoadErrorCodes = {
  QS_LOAD_INVALID_SCHEDULE: {
    meaning: "A schedule (executor description) is malformed or out of range.",
    fix: "Read `details`: every problem is listed with its field path.",
  },
  QS_LOAD_INVALID_OPTIONS: {
    meaning: "A runner or sender option is missing or out of range.",
    fix: "Read `details`: every offending option is listed with its allowed range.",
  },
  QS_LOAD_NON_LOOPBACK_TARGET: {
    meaning: "The target URL is not on 127.0.0.1/localhost/::1 and `allowNonLoopback` is off.",
    fix: "Point the load at a loopback address, or opt in explicitly for a remote target.",
  },
  QS_LOAD_CLOSED_MODEL_FAILED: {
    meaning: "autocannon could not run the closed-model measurement.",
    fix: "Read the cause (often the target is down or the URL is wrong).",
  },
} as const;

/** A stable code from the load generator's catalogue. */
export type LoadErrorCode = keyof typeof LoadErrorCodes;

/** One problem with an input: its path and what is wrong with it. */
export interface LoadIssue {
  readonly path: string;
  readonly message: string;
}

/** A typed error of the load generator; `code` is stable, `details` lists every problem. */
export class LoadError extends Error {
  readonly code: LoadErrorCode;
  readonly details: readonly LoadIssue[];

  constructor(
    code: LoadErrorCode,
    message: string,
    options: { details?: readonly LoadIssue[]; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "LoadError";
    this.code = code;
    this.details = options.details ?? [];
  }
}

/** Throws `QS_LOAD_INVALID_OPTIONS` listing all issues, if there are any. */
export function assertNoIssues(issues: readonly LoadIssue[], what: string): void {
  if (issues.length > 0) {
    const list = issues.map((i) => `${i.path}: ${i.message}`).join("; ");
    throw new LoadError("QS_LOAD_INVALID_OPTIONS", `invalid ${what}: ${list}`, { details: issues });
  }
}

/** Adds an issue unless `value` is an integer in [min, max]. */
export function checkInteger(
  issues: LoadIssue[],
  path: string,
  value: number,
  min: number,
  max: number,
): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    issues.push({ path, message: `must be an integer in [${min}, ${max}], got ${value}` });
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
