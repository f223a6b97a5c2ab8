import { type FieldIssue, inRange, rangeMessage } from "@queueshift/shared-model";

/** The list validators append to (they never stop at the first problem). */
export type Issues = FieldIssue[];

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
  const ok = inRange(value, min, max, integer);
  if (!ok) issues.push({ path, message: rangeMessage(min, max, integer) });
  return ok;
}

/** Freezes a plain JSON value and everything inside it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
