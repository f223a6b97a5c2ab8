import type { FieldIssue } from "@queueshift/shared-model";

/** Stable codes of the projection's input errors (every one is the user's to fix; CLI exit 2). */
export const ProjectionErrorCodes = {
  invalidInput: "QS_PROJECTION_INVALID_INPUT",
  invalidRun: "QS_PROJECTION_INVALID_RUN",
} as const;

/** A projection input that cannot be used, with every field that is wrong. */
export class ProjectionError extends Error {
  readonly code: string;
  readonly issues: readonly FieldIssue[];

  constructor(code: string, issues: readonly FieldIssue[], options?: ErrorOptions) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join("; "), options);
    this.name = "ProjectionError";
    this.code = code;
    this.issues = issues;
  }
}

/** Collects field issues and throws them together (validation reports every error, not the first). */
export class Issues {
  readonly list: FieldIssue[] = [];

  /** Adds an issue unless `ok`. */
  check(ok: boolean, path: string, message: string): void {
    if (!ok) this.list.push({ path, message });
  }

  /** Requires a finite number in [min, max] (the message quotes what was given). */
  range(value: unknown, path: string, min: number, max = Number.POSITIVE_INFINITY): void {
    const fine =
      typeof value === "number" && Number.isFinite(value) && value >= min && value <= max;
    const bounds = max === Number.POSITIVE_INFINITY ? `at least ${min}` : `from ${min} to ${max}`;
    this.check(fine, path, `must be ${bounds}, got ${JSON.stringify(value) ?? "nothing"}`);
  }

  /** Throws a ProjectionError with every collected issue, if any. */
  throwIfAny(code: string = ProjectionErrorCodes.invalidInput): void {
    if (this.list.length > 0) throw new ProjectionError(code, this.list);
  }
}
