import { resolve } from "node:path";
import { TARGET_START_DEFAULTS, type TargetStart } from "./target-types.js";
import { type Issues, isRecord, numberIn, rejectUnknown } from "./validate-helpers.js";

/** Reports `value` at `path` unless it is an absolute http:// URL. */
export function httpUrl(issues: Issues, path: string, value: unknown): void {
  let ok = false;
  try {
    ok = typeof value === "string" && new URL(value).protocol === "http:";
  } catch {
    ok = false;
  }
  if (!ok) issues.push({ path, message: "must be an absolute http:// URL" });
}

/** Reports `value` at `path` unless it is an object of string values (headers, env). */
export function stringMap(issues: Issues, path: string, value: unknown): void {
  if (!isRecord(value) || Object.values(value).some((v) => typeof v !== "string")) {
    issues.push({ path, message: "must be an object of string values" });
  }
}

/** Reports `method` at `path` unless it is one of `allowed`. */
export function methodIn(
  issues: Issues,
  path: string,
  method: unknown,
  allowed: readonly string[],
): void {
  if (method !== undefined && !allowed.includes(method as string)) {
    issues.push({ path, message: `must be one of ${allowed.join(", ")}` });
  }
}

/** Checks a `start` block (a command the harness runs and waits for) at `at`. */
export function checkStart(issues: Issues, at: string, start: unknown): void {
  if (!isRecord(start)) {
    issues.push({ path: at, message: "must be {command, readiness, cwd?, env?, timeoutMs?}" });
    return;
  }
  rejectUnknown(issues, at, start, ["command", "cwd", "env", "readiness", "timeoutMs"]);
  const c = start.command;
  if (!Array.isArray(c) || c.length === 0 || c.some((a) => typeof a !== "string" || a === "")) {
    issues.push({
      path: `${at}.command`,
      message: "must be a non-empty array of non-empty strings (argv, no shell)",
    });
  }
  if (start.cwd !== undefined && (typeof start.cwd !== "string" || start.cwd === "")) {
    issues.push({ path: `${at}.cwd`, message: "must be a non-empty path" });
  }
  if (start.env !== undefined) stringMap(issues, `${at}.env`, start.env);
  httpUrl(issues, `${at}.readiness`, start.readiness);
  if (start.timeoutMs !== undefined)
    numberIn(issues, `${at}.timeoutMs`, start.timeoutMs, 100, 600_000, true);
}

/** A valid `start` block with its defaults applied and `cwd` resolved against `baseDir`. */
export function normaliseStart(start: Record<string, unknown>, baseDir: string): TargetStart {
  return {
    command: [...(start.command as string[])],
    cwd: resolve(baseDir, (start.cwd as string | undefined) ?? "."),
    env: { ...((start.env as Record<string, string> | undefined) ?? {}) },
    readiness: start.readiness as string,
    timeoutMs: (start.timeoutMs as number | undefined) ?? TARGET_START_DEFAULTS.timeoutMs,
  };
}
