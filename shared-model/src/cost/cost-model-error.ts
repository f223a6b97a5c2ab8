import {
  defineErrorCatalogue,
  type FieldIssue,
  formatIssues,
  QueueshiftError,
} from "../error-base.js";
import { describeBounds, inRange } from "../range-text.js";

/** Stable codes of the cost model's errors; codes are never reused. */
export const CostErrorCodes = defineErrorCatalogue({
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
});

/** A cost-model error code. */
export type CostErrorCode = keyof typeof CostErrorCodes;

/** A typed cost-model error carrying every issue found, not only the first. */
export class CostModelError extends QueueshiftError<CostErrorCode> {
  override readonly name: string = "CostModelError";

  constructor(
    code: CostErrorCode,
    issues: readonly FieldIssue[],
    options: { cause?: unknown } = {},
  ) {
    const summary =
      issues.length > 0 ? formatIssues(issues.slice(0, 1)) : CostErrorCodes[code].meaning;
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
    super(code, `${summary}${more}`, { issues, ...options });
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
    this.check(
      inRange(value, min, max),
      path,
      `must be a finite number ${describeBounds(min, max)}`,
    );
  }

  /** Throws a CostModelError with every recorded issue, if any. */
  throwIfAny(code: CostErrorCode): void {
    if (this.found.length > 0) throw new CostModelError(code, [...this.found]);
  }
}
