/**
 * Entry of one execution environment process (forked by `ExecutionEnvironment`). It loads the
 * handler once (init), then serves one invocation at a time over IPC, like a Lambda runtime.
 * It writes nothing itself: the handler's own stdout/stderr are the function's logs.
 */
import { pathToFileURL } from "node:url";
import {
  type ChildMessage,
  type InvokeMessage,
  type ParentMessage,
  serializeError,
} from "./protocol.js";

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

let handler: Handler | undefined;

function send(message: ChildMessage): void {
  process.send?.(message);
}

async function init(handlerPath: string, handlerExport: string): Promise<void> {
  const started = performance.now();
  let loaded: Record<string, unknown>;
  try {
    loaded = (await import(pathToFileURL(handlerPath).href)) as Record<string, unknown>;
  } catch (err) {
    send({ type: "init-error", code: "QS_LAMBDA_INIT_FAILED", error: serializeError(err) });
    return;
  }
  // CommonJS modules arrive as `default`; look there too, as Lambda's runtime does.
  const fromDefault = (loaded.default as Record<string, unknown> | undefined)?.[handlerExport];
  const candidate = loaded[handlerExport] ?? fromDefault;
  if (typeof candidate !== "function") {
    const error = { errorType: "HandlerNotFound", errorMessage: `${handlerExport} is undefined` };
    send({ type: "init-error", code: "QS_LAMBDA_HANDLER_NOT_FOUND", error });
    return;
  }
  handler = candidate as Handler;
  send({ type: "ready", moduleLoadMs: performance.now() - started });
}

function contextFor(message: InvokeMessage, startedAt: number): LambdaContextLike {
  const env = process.env;
  const functionName = env.AWS_LAMBDA_FUNCTION_NAME ?? "";
  const region = env.AWS_REGION ?? "";
  return {
    awsRequestId: message.requestId,
    functionName,
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION ?? "$LATEST",
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? "",
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME ?? "",
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME ?? "",
    invokedFunctionArn: `arn:aws:lambda:${region}:000000000000:function:${functionName}`,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () =>
      Math.max(0, Math.round(message.timeoutMs - (performance.now() - startedAt))),
  };
}

async function invoke(message: InvokeMessage): Promise<void> {
  const startedAt = performance.now();
  let ok = true;
  let response: unknown;
  let error: ReturnType<typeof serializeError> | undefined;
  try {
    if (handler === undefined) throw new Error("invoke before a successful init");
    const raw = await handler(message.event, contextFor(message, startedAt));
    // Lambda returns the response as JSON; serializing here also rejects what IPC cannot carry.
    response = raw === undefined ? undefined : JSON.parse(JSON.stringify(raw));
  } catch (err) {
    ok = false;
    error = serializeError(err);
  }
  const durationMs = performance.now() - startedAt;
  const maxRssKB = process.resourceUsage().maxRSS;
  send({
    type: "result",
    requestId: message.requestId,
    ok,
    durationMs,
    maxRssKB,
    ...(ok ? { response } : { error }),
  });
}

process.on("message", (message: ParentMessage) => {
  if (message.type === "init") void init(message.handlerPath, message.handlerExport);
  else if (message.type === "invoke") void invoke(message);
});
// The parent is gone (exit, crash, SIGKILL): an environment never outlives its platform.
process.on("disconnect", () => process.exit(0));
