import type { FieldIssue } from "../errors.js";

/** Stable codes of the cost model's errors; codes are never reused. */
export const CostErrorCodes = {
  QS_COST_INVALID_OVERRIDE: {
    meaning:
      "A price-table override has an unknown key, a negative price or a malformed tier list.",
    fix: "Read `issues`: each names the override's path and what is wrong there.",
  },
  QS_COST_INVALID_INPUT: {
    meaning: "A cost-model input is missing, not finite, out of range or inconsistent.",
    fix: "Read `issues` and correct those fields (units are in the input's TSDoc).",
  },
  QS_COST_UNKNOWN_REGION: {
    meaning: "No price table is registered for that region.",
    fix: "Use a region of PRICE_TABLES, or pass your own table built with mergePriceTable.",
  },
} as const;

/** A cost-model error code. */
export type CostErrorCode = keyof typeof CostErrorCodes;

/** A typed cost-model error carrying every issue found, not only the first. */
export class CostModelError extends Error {
  readonly code: CostErrorCode;
  readonly issues: readonly FieldIssue[];

  constructor(
    code: CostErrorCode,
    issues: readonly FieldIssue[],
    options: { cause?: unknown } = {},
  ) {
    const first = issues[0];
    const summary = first ? `${first.path}: ${first.message}` : CostErrorCodes[code].meaning;
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
    super(`${summary}${more}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "CostModelError";
    this.code = code;
    this.issues = issues;
  }
}

/** Collects input issues and throws them together, so a caller fixes all in one pass. */
export class IssueCollector {
  private readonly found: FieldIssue[] = [];

  /** Records an issue when `ok` is false. */
  check(ok: boolean, path: string, message: string): void {
    if (!ok) this.found.push({ path, message });
  }

  /** Records an issue unless `value` is a finite number within [min, max]. */
  number(value: unknown, path: string, min: number, max = Number.POSITIVE_INFINITY): void {
    const ok = typeof value === "number" && Number.isFinite(value) && value >= min && value <= max;
    const range = max === Number.POSITIVE_INFINITY ? `>= ${min}` : `in [${min}, ${max}]`;
    this.check(ok, path, `must be a finite number ${range}`);
  }

  /** Throws a CostModelError with every recorded issue, if any. */
  throwIfAny(code: CostErrorCode): void {
    if (this.found.length > 0) throw new CostModelError(code, [...this.found]);
  }
}
