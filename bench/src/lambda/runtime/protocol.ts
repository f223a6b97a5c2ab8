/**
 * The IPC messages between the platform (parent) and one execution environment (child).
 * Kept as plain JSON so they survive `process.send` unchanged.
 */

/** Parent -> child: load this handler (the init phase). */
export interface InitMessage {
  readonly type: "init";
  readonly handlerPath: string;
  readonly handlerExport: string;
}

/** Parent -> child: run the handler once. */
export interface InvokeMessage {
  readonly type: "invoke";
  readonly requestId: string;
  readonly event: unknown;
  /** Milliseconds the handler may run; `context.getRemainingTimeInMillis()` counts down from it. */
  readonly timeoutMs: number;
}

/** A handler failure as Lambda reports it. */
export interface SerializedError {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly stack?: string;
}

/** Child -> parent: init finished (module loaded and handler found) or failed. */
export type ReadyMessage =
  | { readonly type: "ready"; readonly moduleLoadMs: number }
  | {
      readonly type: "init-error";
      readonly code: "QS_LAMBDA_HANDLER_NOT_FOUND" | "QS_LAMBDA_INIT_FAILED";
      readonly error: SerializedError;
    };

/** Child -> parent: one invocation finished. */
export interface ResultMessage {
  readonly type: "result";
  readonly requestId: string;
  readonly ok: boolean;
  readonly response?: unknown;
  readonly error?: SerializedError;
  /** Handler time only (performance.now around the call). */
  readonly durationMs: number;
  /** Peak RSS of the process so far (`process.resourceUsage().maxRSS`), in kilobytes. */
  readonly maxRssKB: number;
}

/** Every message a child may send. */
export type ChildMessage = ReadyMessage | ResultMessage;

/** Every message a parent may send. */
export type ParentMessage = InitMessage | InvokeMessage;

/** Turns anything thrown into Lambda's error shape. */
export function serializeError(err: unknown): SerializedError {
  if (err instanceof Error) {
    return {
      errorType: err.name,
      errorMessage: err.message,
      ...(err.stack === undefined ? {} : { stack: err.stack }),
    };
  }
  return { errorType: "Error", errorMessage: String(err) };
}
