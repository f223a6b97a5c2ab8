/**
 * The built-in runtime: the process the `builtin` runtime starts in an execution environment. Like
 * AWS's Node.js runtime it loads `_HANDLER` (`module.export`) from `LAMBDA_TASK_ROOT` (init), then
 * loops on the Lambda Runtime API at `AWS_LAMBDA_RUNTIME_API`: `next` -> handler -> `response` or
 * `error`. It writes nothing itself: the handler's own stdout/stderr are the function's logs.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Reply, RuntimeConnection, type RuntimeRequest } from "./runtime-connection.js";

type Handler = (event: unknown, context: LambdaContextLike) => unknown;

interface LambdaContextLike {
  readonly awsRequestId: string;
  readonly functionName: string;
  readonly functionVersion: string;
  readonly memoryLimitInMB: string;
  readonly logGroupName: string;
  readonly logStreamName: string;
  readonly invokedFunctionArn: string;
  callbackWaitsForEmptyEventLoop: boolean;
  getRemainingTimeInMillis(): number;
}

const base = `/2018-06-01/runtime`;
// CPU_HEADER of runtime-api-types.ts (the runtime imports nothing of the platform's).
const CPU_HEADER = "queueshift-cpu-us";
const NEXT: RuntimeRequest = { method: "GET", path: `${base}/invocation/next` };

/** Where the Runtime API listens: the platform's Unix socket for this runtime, else host:port. */
function apiTarget(): { socketPath: string } | { host: string; port: number } {
  // The platform also serves the API on a Unix socket for this runtime: far cheaper than TCP.
  const socketPath = process.env.QUEUESHIFT_RUNTIME_API_SOCKET;
  if (socketPath !== undefined && socketPath !== "") return { socketPath };
  const [host = "127.0.0.1", port] = (process.env.AWS_LAMBDA_RUNTIME_API ?? "").split(":");
  return { host, port: Number(port) };
}

/** The process's CPU time so far, us. */
function cpuUs(u: NodeJS.ResourceUsage = process.resourceUsage()): number {
  return u.userCPUTime + u.systemCPUTime;
}

/**
 * An answer (response, error or init error) as a POST, with the runtime's peak RSS and, for an
 * invocation, the CPU time the process spent on it since the event arrived (`sinceCpuUs`).
 */
function post(path: string, body: string, errorType?: string, sinceCpuUs?: number): RuntimeRequest {
  const usage = process.resourceUsage();
  // The platform's REPORT "Max Memory Used" (see MAX_RSS_HEADER in runtime-api-types.ts).
  const headers: Record<string, string> = {
    "queueshift-max-rss-kb": String(usage.maxRSS),
  };
  // The invocation's CPU time (CPU_HEADER in runtime-api-types.ts).
  if (sinceCpuUs !== undefined) headers[CPU_HEADER] = String(cpuUs(usage) - sinceCpuUs);
  if (errorType !== undefined) headers["lambda-runtime-function-error-type"] = errorType;
  return { method: "POST", path: base + path, body, headers };
}

function errorBody(err: unknown, errorType?: string): { type: string; json: string } {
  const e = err instanceof Error ? err : new Error(String(err));
  const type = errorType ?? e.name;
  const stackTrace = (e.stack ?? "")
    .split("\n")
    .slice(1)
    .map((l) => l.trim());
  return { type, json: JSON.stringify({ errorType: type, errorMessage: e.message, stackTrace }) };
}

/**
 * Loads the handler as AWS's Node runtime does: `<task root>/<module>.{js,mjs,cjs}`, then the
 * export; a file the platform names exactly (QUEUESHIFT_HANDLER_FILE) comes first.
 */
async function init(): Promise<Handler> {
  const spec = process.env._HANDLER ?? "";
  const dot = spec.lastIndexOf(".");
  const [moduleName, exportName] = [spec.slice(0, dot), spec.slice(dot + 1)];
  const root = process.env.LAMBDA_TASK_ROOT ?? process.cwd();
  // The platform names the exact file of a built-in function (QUEUESHIFT_HANDLER_FILE).
  const exact = process.env.QUEUESHIFT_HANDLER_FILE;
  const candidates = [".js", ".mjs", ".cjs"].map((ext) => join(root, moduleName + ext));
  const file = exact !== undefined && exact !== "" ? exact : candidates.find(existsSync);
  if (dot <= 0 || file === undefined) {
    const error = new Error(`Cannot find module '${moduleName}' in ${root} (_HANDLER ${spec})`);
    throw { ...errorBody(error, "Runtime.ImportModuleError") };
  }
  let loaded: Record<string, unknown>;
  try {
    loaded = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (err) {
    throw errorBody(err, "Runtime.ImportModuleError");
  }
  // CommonJS modules arrive as `default`; look there too, as Lambda's runtime does.
  const fromDefault = (loaded.default as Record<string, unknown> | undefined)?.[exportName];
  const candidate = loaded[exportName] ?? fromDefault;
  if (typeof candidate !== "function") {
    const error = new Error(`${moduleName}.${exportName} is undefined or not exported`);
    throw errorBody(error, "Runtime.HandlerNotFound");
  }
  return candidate as Handler;
}

function contextFor(requestId: string, headers: Reply["headers"]): LambdaContextLike {
  const env = process.env;
  const deadline = Number(headers["lambda-runtime-deadline-ms"]);
  return {
    awsRequestId: requestId,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME ?? "",
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION ?? "$LATEST",
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? "",
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME ?? "",
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME ?? "",
    invokedFunctionArn: String(headers["lambda-runtime-invoked-function-arn"] ?? ""),
    callbackWaitsForEmptyEventLoop: true,
    // Deadline-Ms is wall-clock epoch ms, as AWS sends it; so is the runtime's own clock.
    getRemainingTimeInMillis: () => Math.max(0, Math.round(deadline - Date.now())),
  };
}

async function serve(api: RuntimeConnection, handler: Handler): Promise<never> {
  // The first `next` says the CPU time INIT took (CPU_HEADER in runtime-api-types.ts).
  let [nextCall] = api.send([{ ...NEXT, headers: { [CPU_HEADER]: String(cpuUs()) } }]);
  for (;;) {
    const next = await nextCall;
    const id = next.headers["lambda-runtime-aws-request-id"] ?? "";
    if (next.status !== 200 || id === "") throw new Error(`next answered ${next.status}`);
    // Unlike AWS's Node runtime it does not copy the trace id into process.env._X_AMZN_TRACE_ID:
    // a setenv per invocation costs measurable time here and the built-in handler does not trace.
    let answer: RuntimeRequest;
    const cpu0 = cpuUs();
    try {
      const event = JSON.parse(next.body) as unknown;
      const raw = await handler(event, contextFor(id, next.headers));
      answer = post(`/invocation/${id}/response`, JSON.stringify(raw ?? null), undefined, cpu0);
    } catch (err) {
      const { type, json } = errorBody(err);
      answer = post(`/invocation/${id}/error`, json, type, cpu0);
    }
    // The answer and the next `next`, pipelined in one write.
    const [answered, following] = api.send([answer, NEXT]);
    nextCall = following;
    const reply = await answered;
    // 413 (too large) is the platform's verdict on this invocation, not a reason to stop.
    if (reply.status !== 202 && reply.status !== 413) {
      throw new Error(`answer for ${id} got ${reply.status}`);
    }
  }
}

async function main(): Promise<void> {
  const api = await RuntimeConnection.open(apiTarget());
  let handler: Handler;
  try {
    handler = await init();
  } catch (err) {
    const { type, json } = err as { type: string; json: string };
    await api.send([post("/init/error", json, type)])[0];
    process.exit(1);
  }
  await serve(api, handler);
}

// Whatever the handler does with its own handles (an unref'd socket, a promise that never
// settles), the process stays until its timeout or the platform's kill, as on Lambda.
setInterval(() => {}, 2 ** 30);
// The platform is gone when its Runtime API is (a refused or reset socket): exit, never linger.
main().catch(() => process.exit(0));
