import { basename, dirname, extname } from "node:path";
import type { FieldIssue } from "@queueshift/shared-model";
import { throwIfIssues } from "./errors.js";

/**
 * What runs in an environment, always on the Runtime API: `builtin` (this project's own runtime
 * loop under the harness's Node), `nodejs22.x` (AWS's `aws-lambda-ric` under Node 22),
 * `python3.12` (`python -m awslambdaric`), or `command` (any runtime the user starts).
 */
export const FUNCTION_RUNTIMES = ["builtin", "nodejs22.x", "python3.12", "command"] as const;
/** One of `FUNCTION_RUNTIMES`. */
export type FunctionRuntime = (typeof FUNCTION_RUNTIMES)[number];

/** What a function is: its runtime, code, handler and Lambda settings (memory, timeout, environment). */
export interface FunctionConfig {
  readonly runtime: FunctionRuntime;
  /**
   * `builtin` only: absolute path of the handler module (ES module or CommonJS); `codeDir` and
   * `handler` are derived from it. Empty for the other runtimes.
   */
  readonly handlerPath: string;
  /** `builtin` only: name of the exported handler function. */
  readonly handlerExport: string;
  /** Absolute folder of the code: `LAMBDA_TASK_ROOT` and the process's working directory. */
  readonly codeDir: string;
  /** `_HANDLER`, ric style `module.function` (e.g. `index.handler`). */
  readonly handler: string;
  /** `command` only: the program and its arguments. */
  readonly command: readonly string[];
  readonly functionName: string;
  /** MB; caps the environment's V8 heap (see `memoryExecArgv`). */
  readonly memorySizeMB: number;
  /** Seconds an invocation may run before the environment is killed. */
  readonly timeoutSeconds: number;
  /** Seconds the init (spawn -> module loaded) may take. */
  readonly initTimeoutSeconds: number;
  readonly region: string;
  /** Extra environment variables for the handler (queue URLs, SQS endpoint, ...). */
  readonly environment: Readonly<Record<string, string>>;
}

/**
 * Options a caller gives; everything but the code has an AWS default: `handlerPath` for `builtin`,
 * `codeDir` + `handler` (+ `command`) for the others.
 */
export type FunctionOptions = Partial<FunctionConfig>;

/** Lambda's defaults for a function. */
export const functionDefaults = Object.freeze({
  runtime: "builtin" as FunctionRuntime,
  handlerPath: "",
  command: Object.freeze([]) as readonly string[],
  handlerExport: "handler",
  functionName: "queueshift-function",
  // AWS default memory is the minimum, 128 MB; allowed 128..10,240 MB (aws-facts 1.3).
  memorySizeMB: 128,
  // AWS's console default timeout is 3 s (Lambda docs; aws-facts 1.3 gives only the 900 s max).
  timeoutSeconds: 3,
  // INIT may run at most 10 s (aws-facts 1.2).
  initTimeoutSeconds: 10,
  // The price sheet's region (aws-facts, "How to read this sheet").
  region: "us-east-1",
  environment: Object.freeze({}) as Readonly<Record<string, string>>,
});

const MEMORY_MIN_MB = 128; // aws-facts 1.3
const MEMORY_MAX_MB = 10_240; // aws-facts 1.3
const TIMEOUT_MAX_SECONDS = 900; // aws-facts 1.3

/** Merges options over the defaults, validates all of them at once, and freezes the result. */
export function resolveFunctionConfig(options: FunctionOptions): FunctionConfig {
  const merged = { ...functionDefaults, ...options };
  const config: FunctionConfig = {
    ...merged,
    ...codeOf(merged),
    command: Object.freeze([...merged.command]),
    environment: Object.freeze({ ...(options.environment ?? {}) }),
  };
  const issues: FieldIssue[] = codeIssues(config);
  if (!Number.isInteger(config.memorySizeMB) || config.memorySizeMB < MEMORY_MIN_MB) {
    issues.push({ path: "memorySizeMB", message: `must be an integer >= ${MEMORY_MIN_MB}` });
  } else if (config.memorySizeMB > MEMORY_MAX_MB) {
    issues.push({ path: "memorySizeMB", message: `must be <= ${MEMORY_MAX_MB}` });
  }
  if (!(config.timeoutSeconds > 0 && config.timeoutSeconds <= TIMEOUT_MAX_SECONDS)) {
    issues.push({ path: "timeoutSeconds", message: `must be in (0, ${TIMEOUT_MAX_SECONDS}]` });
  }
  if (!(config.initTimeoutSeconds > 0)) {
    issues.push({ path: "initTimeoutSeconds", message: "must be > 0" });
  }
  for (const [key, value] of Object.entries(config.environment)) {
    if (typeof value !== "string") {
      issues.push({ path: `environment.${key}`, message: "must be a string" });
    }
  }
  throwIfIssues("function configuration", issues);
  return Object.freeze(config);
}

/** `codeDir` and `handler`: derived from `handlerPath` when given (`builtin`), else as given. */
function codeOf(o: FunctionOptions): { codeDir: string; handler: string } {
  const path = o.handlerPath;
  if ((o.runtime ?? "builtin") !== "builtin" || typeof path !== "string" || path === "") {
    return { codeDir: o.codeDir ?? "", handler: o.handler ?? "" };
  }
  const moduleName = basename(path, extname(path));
  return { codeDir: dirname(path), handler: `${moduleName}.${o.handlerExport ?? "handler"}` };
}

function codeIssues(config: FunctionConfig): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!(FUNCTION_RUNTIMES as readonly string[]).includes(config.runtime)) {
    issues.push({ path: "runtime", message: `must be one of ${FUNCTION_RUNTIMES.join(", ")}` });
    return issues;
  }
  if (config.runtime === "builtin" && config.handlerPath === "" && config.codeDir === "") {
    issues.push({
      path: "handlerPath",
      message: "must be a non-empty path (or give codeDir and handler)",
    });
    return issues;
  }
  if (typeof config.codeDir !== "string" || config.codeDir.length === 0) {
    issues.push({ path: "codeDir", message: "must be a non-empty folder path" });
  }
  if (config.runtime !== "command" && !/^[^.].*\.[^.]+$/.test(config.handler)) {
    issues.push({ path: "handler", message: "must be module.function, e.g. handler.handler" });
  }
  const commandOk =
    config.command.length > 0 && config.command.every((c) => typeof c === "string" && c.length > 0);
  if (config.runtime === "command" && !commandOk) {
    issues.push({ path: "command", message: "must be a non-empty array of non-empty strings" });
  }
  return issues;
}

/**
 * V8 flags that cap the heap the way Lambda's Node.js bootstrap does: new space = memory / 10,
 * semi space = half of that, old space = the remaining 90% of the memory size. RSS can still
 * exceed the memory size a little (code, stacks, buffers), so `maxMemoryUsedMB` is reported, not enforced.
 */
export function memoryExecArgv(memorySizeMB: number): string[] {
  const newSpace = Math.floor(memorySizeMB / 10);
  return [
    `--max-semi-space-size=${Math.max(1, Math.floor(newSpace / 2))}`,
    `--max-old-space-size=${memorySizeMB - newSpace}`,
  ];
}
