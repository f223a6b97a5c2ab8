import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { LambdaPlatformError } from "./errors.js";
import type { FunctionConfig } from "./function-config.js";

// What an environment process is started with: the runtime entry and Lambda's variables.

/** The built runtime entry next to this module, or in `dist/` when running from source. */
export function defaultEntryPath(): string {
  const here = fileURLToPath(new URL("./runtime/environment-main.js", import.meta.url));
  const built = here.replace(/([\\/])src([\\/]lambda[\\/])/, "$1dist$2");
  const found = [here, built].find((p) => existsSync(p));
  if (found === undefined) {
    throw new LambdaPlatformError(
      "QS_LAMBDA_INIT_FAILED",
      `Runtime entry not found at ${built}; build it first with \`npx tsc -b bench\``,
    );
  }
  return found;
}

/** What the platform adds for one environment: its Runtime API and its runtime's name. */
export interface EnvironmentIdentity {
  readonly streamName: string;
  /** `host:port` of the environment's Runtime API. */
  readonly runtimeApi: string;
  /** `AWS_EXECUTION_ENV`; custom runtimes have none. */
  readonly executionEnv?: string;
}

/** Lambda's environment variables for the handler, then the function's own `environment`. */
export function lambdaEnvironment(
  config: FunctionConfig,
  id: EnvironmentIdentity,
): NodeJS.ProcessEnv {
  const inherited = ["PATH", "HOME", "LANG", "SystemRoot"] as const;
  const base: NodeJS.ProcessEnv = {};
  for (const key of inherited) if (process.env[key] !== undefined) base[key] = process.env[key];
  return {
    ...base,
    TZ: ":UTC",
    AWS_LAMBDA_FUNCTION_NAME: config.functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(config.memorySizeMB),
    AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${config.functionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: id.streamName,
    AWS_LAMBDA_RUNTIME_API: id.runtimeApi,
    AWS_REGION: config.region,
    AWS_DEFAULT_REGION: config.region,
    ...(id.executionEnv === undefined ? {} : { AWS_EXECUTION_ENV: id.executionEnv }),
    _HANDLER: config.handler,
    LAMBDA_TASK_ROOT: config.codeDir,
    // The built-in runtime loads exactly this file: `_HANDLER` has no extension, and AWS's
    // resolution order (.js first) would pick the unbundled `index.js` next to the bundle's
    // `index.mjs` (a cold start of ~250 ms instead of ~90 ms, bench:handler-init).
    ...(config.runtime === "builtin" && config.handlerPath !== ""
      ? { QUEUESHIFT_HANDLER_FILE: config.handlerPath }
      : {}),
    // Lambda always hands the function its role's credentials; locally a dummy pair lets the
    // AWS SDK sign requests to ElasticMQ. The function's `environment` may override them.
    AWS_ACCESS_KEY_ID: "queueshift-local",
    AWS_SECRET_ACCESS_KEY: "queueshift-local",
    ...config.environment,
  };
}

/** A log stream name like Lambda's, `YYYY/MM/DD/[$LATEST]<id>`; unique per environment. */
export function logStreamName(id: string): string {
  const day = new Date().toISOString().slice(0, 10).replaceAll("-", "/");
  return `${day}/[$LATEST]${id}`;
}
