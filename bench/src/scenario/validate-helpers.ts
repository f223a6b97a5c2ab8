import type { ScenarioIssue } from "./scenario-errors.js";

/** The list validators append to (they never stop at the first problem). */
export type Issues = ScenarioIssue[];

/** True for a plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reports every key of `value` that is not in `allowed` (k6: unknown fields are errors). */
export function rejectUnknown(
  issues: Issues,
  at: string,
  value: Record<string, unknown>,
  allowed: readonly string[],
): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      issues.push({ path: at === "" ? key : `${at}.${key}`, message: "unknown field" });
    }
  }
}

/** Reports `value` unless it is a finite number in [min, max] (and an integer if asked). */
export function numberIn(
  issues: Issues,
  path: string,
  value: unknown,
  min: number,
  max: number,
  integer = false,
): value is number {
  const ok =
    typeof value === "number" &&
    Number.isFinite(value) &&
    value >= min &&
    value <= max &&
    (!integer || Number.isInteger(value));
  if (!ok) {
    const kind = integer ? "an integer" : "a number";
    const range = min === Number.MIN_VALUE ? `> 0 and <= ${max}` : `in [${min}, ${max}]`;
    issues.push({ path, message: `must be ${kind} ${range}` });
  }
  return ok;
}
