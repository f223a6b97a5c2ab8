import { resolve } from "node:path";
import { FUNCTION_RUNTIMES, type FunctionRuntime } from "../lambda/function-config.js";
import { FRONT_DOOR_DEFAULTS, type TargetStart } from "./target-types.js";
import { type Issues, isRecord, numberIn, rejectUnknown } from "./validate-helpers.js";
import { checkStart, httpUrl, methodIn, normaliseStart, stringMap } from "./validate-http.js";

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

/**
 * The user's own front door (the API Gateway role): an HTTP service the harness starts with the
 * jobs queue in its environment; it puts the job envelope on that queue and answers 2xx with the
 * job id. The queue's consumer is `function`, or the built-in handler without it.
 */
export interface AsyncFrontDoorTarget {
  readonly enqueueUrl: string;
  readonly method: (typeof FRONT_DOOR_METHODS)[number];
  readonly headers: Readonly<Record<string, string>>;
  /** Where a 2xx response's JSON body holds the job id (dot-separated for nested fields). */
  readonly jobIdField: string;
  readonly start: TargetStart;
  readonly function?: AsyncFunctionTarget;
}

/** `targets.async`: a function run by the local platform, or the user's own front door (and function). */
export type AsyncTarget = { readonly function: AsyncFunctionTarget } | AsyncFrontDoorTarget;

/** The front door of `targets.async`, if it names one. */
export function frontDoorOf(target: AsyncTarget | undefined): AsyncFrontDoorTarget | undefined {
  return target !== undefined && "enqueueUrl" in target ? target : undefined;
}

// A front door takes the request body and enqueues it: a body-less GET has nothing to enqueue.
const FRONT_DOOR_METHODS = ["POST", "PUT"] as const;
const FRONT_DOOR_FIELDS = ["enqueueUrl", "method", "headers", "jobIdField", "start"];
const FIELDS = ["runtime", "handler", "codeDir", "command", "memorySizeMB"];
const HANDLER = /^[^.\s][^\s]*\.[A-Za-z_$][\w$]*$/;
const JOB_ID_FIELD = /^[^.\s]+(\.[^.\s]+)*$/;

/** Checks `targets.async` (every problem at once, each naming its field). */
export function checkAsyncTarget(issues: Issues, value: unknown): void {
  const at = "targets.async";
  if (!isRecord(value) || (value.function === undefined && value.enqueueUrl === undefined)) {
    issues.push({
      path: at,
      message: "must be {function: {...}}, {enqueueUrl, start, ...} or both",
    });
    return;
  }
  rejectUnknown(issues, at, value, ["function", ...FRONT_DOOR_FIELDS]);
  checkFrontDoor(issues, at, value);
  if (value.function === undefined) return;
  const f = value.function;
  if (!isRecord(f)) {
    issues.push({ path: `${at}.function`, message: "must be {runtime, handler, codeDir, ...}" });
    return;
  }
  checkFunction(issues, `${at}.function`, f);
}

function checkFrontDoor(issues: Issues, at: string, value: Record<string, unknown>): void {
  if (value.enqueueUrl === undefined) {
    for (const key of FRONT_DOOR_FIELDS.filter((k) => value[k] !== undefined)) {
      issues.push({ path: `${at}.${key}`, message: "is only for a front door (enqueueUrl)" });
    }
    return;
  }
  httpUrl(issues, `${at}.enqueueUrl`, value.enqueueUrl);
  methodIn(issues, `${at}.method`, value.method, FRONT_DOOR_METHODS);
  if (value.headers !== undefined) stringMap(issues, `${at}.headers`, value.headers);
  const field = value.jobIdField;
  if (field !== undefined && (typeof field !== "string" || !JOB_ID_FIELD.test(field))) {
    issues.push({
      path: `${at}.jobIdField`,
      message: "must be a field name of the response body, dot-separated if nested (e.g. job.id)",
    });
  }
  if (value.start === undefined) {
    issues.push({
      path: `${at}.start`,
      message:
        "is required with enqueueUrl: the harness starts the front door to hand it the jobs queue (QUEUESHIFT_JOBS_QUEUE_URL)",
    });
  } else checkStart(issues, `${at}.start`, value.start);
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

/** `targets.async` of a valid scenario with defaults applied and paths resolved against `baseDir`. */
export function normaliseAsyncTarget(value: Record<string, unknown>, baseDir: string): AsyncTarget {
  const f = value.function as Record<string, unknown> | undefined;
  const fn = f === undefined ? undefined : normaliseFunction(f, baseDir);
  if (typeof value.enqueueUrl !== "string") return { function: fn as AsyncFunctionTarget };
  const d = FRONT_DOOR_DEFAULTS;
  return {
    enqueueUrl: value.enqueueUrl,
    method: (value.method as AsyncFrontDoorTarget["method"] | undefined) ?? d.method,
    headers: { ...((value.headers as Record<string, string> | undefined) ?? d.headers) },
    jobIdField: (value.jobIdField as string | undefined) ?? d.jobIdField,
    start: normaliseStart(value.start as Record<string, unknown>, baseDir),
    ...(fn === undefined ? {} : { function: fn }),
  };
}

function normaliseFunction(f: Record<string, unknown>, baseDir: string): AsyncFunctionTarget {
  return {
    runtime: f.runtime as FunctionRuntime,
    ...(typeof f.handler === "string" ? { handler: f.handler } : {}),
    ...(typeof f.codeDir === "string" ? { codeDir: resolve(baseDir, f.codeDir) } : {}),
    ...(Array.isArray(f.command) ? { command: [...(f.command as string[])] } : {}),
    ...(typeof f.memorySizeMB === "number" ? { memorySizeMB: f.memorySizeMB } : {}),
  };
}
