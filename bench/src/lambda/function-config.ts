import type { FieldIssue } from "@queueshift/shared-model";
import { throwIfIssues } from "./errors.js";

/** What a function is: its handler module and Lambda settings (memory, timeout, environment). */
export interface FunctionConfig {
  /** Absolute path of the handler module (ES module or CommonJS), loaded by `file://` import. */
  readonly handlerPath: string;
  /** Name of the exported handler function. */
  readonly handlerExport: string;
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

/** Options a caller gives; everything but `handlerPath` has an AWS default. */
export type FunctionOptions = Partial<FunctionConfig> & { readonly handlerPath: string };

/** Lambda's defaults for a function. */
export const functionDefaults = Object.freeze({
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
  const config: FunctionConfig = {
    ...functionDefaults,
    ...options,
    environment: Object.freeze({ ...(options.environment ?? {}) }),
  };
  const issues: FieldIssue[] = [];
  if (typeof config.handlerPath !== "string" || config.handlerPath.length === 0) {
    issues.push({ path: "handlerPath", message: "must be a non-empty path" });
  }
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
