/**
 * The built-in runtime: the process the `builtin` runtime starts in an execution environment. Like
 * AWS's Node.js runtime it loads `_HANDLER` (`module.export`) from `LAMBDA_TASK_ROOT` (init), then
 * loops on the Lambda Runtime API at `AWS_LAMBDA_RUNTIME_API`: `next` -> handler -> `response` or
 * `error`. It writes nothing itself: the handler's own stdout/stderr are the function's logs.
 */
import { existsSync } from "node:fs";
import { Agent, request } from "node:http";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

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

interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

const base = `/2018-06-01/runtime`;
const [host, port] = (process.env.AWS_LAMBDA_RUNTIME_API ?? "").split(":");
// The platform also serves the API on a Unix socket for this runtime: far cheaper than TCP.
const socketPath = process.env.QUEUESHIFT_RUNTIME_API_SOCKET;
const target = socketPath === undefined || socketPath === "" ? { host, port } : { socketPath };
// Kept-alive sockets (a fresh TCP connection per call would cost more than the 1 ms budget):
// two, so the next `next` goes out with the answer instead of one round trip after it.
const agent = new Agent({ keepAlive: true, maxSockets: 2, noDelay: true });

function call(method: "GET" | "POST", path: string, body?: string, errorType?: string) {
  return new Promise<Reply>((resolve, reject) => {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (errorType !== undefined) headers["lambda-runtime-function-error-type"] = errorType;
    // The platform's REPORT "Max Memory Used" (see MAX_RSS_HEADER in runtime-api-server.ts).
    if (method === "POST")
      headers["queueshift-max-rss-kb"] = String(process.resourceUsage().maxRSS);
    const req = request({ ...target, method, path: base + path, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString("utf8"),
        }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
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

async function serve(handler: Handler): Promise<never> {
  let nextCall = call("GET", "/invocation/next");
  for (;;) {
    const next = await nextCall;
    const id = String(next.headers["lambda-runtime-aws-request-id"] ?? "");
    if (next.status !== 200 || id === "") throw new Error(`next answered ${next.status}`);
    // Unlike AWS's Node runtime it does not copy the trace id into process.env._X_AMZN_TRACE_ID:
    // a setenv per invocation costs measurable time here and the built-in handler does not trace.
    let answer: Promise<Reply>;
    try {
      const event = JSON.parse(next.body) as unknown;
      const raw = await handler(event, contextFor(id, next.headers));
      answer = call("POST", `/invocation/${id}/response`, JSON.stringify(raw ?? null));
    } catch (err) {
      const { type, json } = errorBody(err);
      answer = call("POST", `/invocation/${id}/error`, json, type);
    }
    nextCall = call("GET", "/invocation/next");
    const answered = await answer;
    // 413 (too large) is the platform's verdict on this invocation, not a reason to stop.
    if (answered.status !== 202 && answered.status !== 413) {
      throw new Error(`answer for ${id} got ${answered.status}`);
    }
  }
}

async function main(): Promise<void> {
  let handler: Handler;
  try {
    handler = await init();
  } catch (err) {
    const { type, json } = err as { type: string; json: string };
    await call("POST", "/init/error", json, type);
    process.exit(1);
  }
  await serve(handler);
}

// The agent's idle socket does not hold the event loop open: without this a handler awaiting a
// promise that never settles would let the process exit instead of running into its timeout.
setInterval(() => {}, 2 ** 30);
// The platform is gone when its Runtime API is (a refused or reset socket): exit, never linger.
main().catch(() => process.exit(0));
