import { resolve } from "node:path";
import { FUNCTION_RUNTIMES, type FunctionRuntime } from "../lambda/function-config.js";
import { type Issues, isRecord, numberIn, rejectUnknown } from "./validate-helpers.js";

/** A user's function the local platform runs (contract 14); paths are absolute once normalised. */
export interface AsyncFunctionTarget {
  readonly runtime: FunctionRuntime;
  /** `module.function` (ric style); `builtin` without it runs the built-in core's bundle. */
  readonly handler?: string;
  /** The code's folder: `LAMBDA_TASK_ROOT` and the runtime's working directory. */
  readonly codeDir?: string;
  /** `command` runtime only: argv of the runtime to start (it must speak the Runtime API). */
  readonly command?: readonly string[];
  /** Overrides `async.memorySizeMB` for this function. */
  readonly memorySizeMB?: number;
}

/** `targets.async`: a function run by the local platform, or the user's own enqueue front door. */
export type AsyncTarget =
  | { readonly function: AsyncFunctionTarget }
  | { readonly enqueueUrl: string };

const FIELDS = ["runtime", "handler", "codeDir", "command", "memorySizeMB"];
const HANDLER = /^[^.\s][^\s]*\.[A-Za-z_$][\w$]*$/;

/** Checks `targets.async` (every problem at once, each naming its field). */
export function checkAsyncTarget(issues: Issues, value: unknown): void {
  const at = "targets.async";
  if (!isRecord(value) || (value.function === undefined) === (value.enqueueUrl === undefined)) {
    issues.push({ path: at, message: "must be {function: {...}} or {enqueueUrl}" });
    return;
  }
  if (value.enqueueUrl !== undefined) {
    rejectUnknown(issues, at, value, ["enqueueUrl"]);
    if (!isHttpUrl(value.enqueueUrl)) {
      issues.push({ path: `${at}.enqueueUrl`, message: "must be an absolute http:// URL" });
    }
    return;
  }
  rejectUnknown(issues, at, value, ["function"]);
  const f = value.function;
  if (!isRecord(f)) {
    issues.push({ path: `${at}.function`, message: "must be {runtime, handler, codeDir, ...}" });
    return;
  }
  checkFunction(issues, `${at}.function`, f);
}

function checkFunction(issues: Issues, at: string, f: Record<string, unknown>): void {
  rejectUnknown(issues, at, f, FIELDS);
  const runtime = f.runtime;
  if (!(FUNCTION_RUNTIMES as readonly unknown[]).includes(runtime)) {
    issues.push({
      path: `${at}.runtime`,
      message: `must be one of ${FUNCTION_RUNTIMES.join(", ")}`,
    });
    return;
  }
  const userCode = runtime !== "builtin" || f.handler !== undefined || f.codeDir !== undefined;
  if (userCode && (typeof f.codeDir !== "string" || f.codeDir === "")) {
    issues.push({
      path: `${at}.codeDir`,
      message: "must be a folder path (relative to the scenario file)",
    });
  }
  const handlerNeeded = runtime === "nodejs22.x" || runtime === "python3.12" || userCode;
  const handlerOk = typeof f.handler === "string" && HANDLER.test(f.handler);
  if (
    (handlerNeeded && runtime !== "command" && !handlerOk) ||
    (f.handler !== undefined && !handlerOk)
  ) {
    issues.push({
      path: `${at}.handler`,
      message: "must be module.function, e.g. handler.handler",
    });
  }
  const c = f.command;
  if (runtime === "command") {
    if (!Array.isArray(c) || c.length === 0 || c.some((a) => typeof a !== "string" || a === "")) {
      issues.push({
        path: `${at}.command`,
        message: "must be a non-empty array of non-empty strings (argv, no shell)",
      });
    }
  } else if (c !== undefined) {
    issues.push({ path: `${at}.command`, message: 'is only for runtime "command"' });
  }
  if (f.memorySizeMB !== undefined) {
    numberIn(issues, `${at}.memorySizeMB`, f.memorySizeMB, 128, 10_240, true); // aws-facts 1.3
  }
}

function isHttpUrl(value: unknown): boolean {
  try {
    return typeof value === "string" && new URL(value).protocol === "http:";
  } catch {
    return false;
  }
}

/** `targets.async` of a valid scenario with `codeDir` resolved against `baseDir`. */
export function normaliseAsyncTarget(value: Record<string, unknown>, baseDir: string): AsyncTarget {
  if (typeof value.enqueueUrl === "string") return { enqueueUrl: value.enqueueUrl };
  const f = value.function as Record<string, unknown>;
  return {
    function: {
      runtime: f.runtime as FunctionRuntime,
      ...(typeof f.handler === "string" ? { handler: f.handler } : {}),
      ...(typeof f.codeDir === "string" ? { codeDir: resolve(baseDir, f.codeDir) } : {}),
      ...(Array.isArray(f.command) ? { command: [...(f.command as string[])] } : {}),
      ...(typeof f.memorySizeMB === "number" ? { memorySizeMB: f.memorySizeMB } : {}),
    },
  };
}
