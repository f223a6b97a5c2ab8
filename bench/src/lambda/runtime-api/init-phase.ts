import type { EventEmitter } from "node:events";
import { LambdaPlatformError } from "../errors.js";
import type { FunctionConfig } from "../function-config.js";
import type { RuntimeApiServer } from "./runtime-api-server.js";
import type { InitOutcome, RuntimeError } from "./runtime-api-types.js";

/** The init phase's end: the runtime's first `next` (us) and the CPU time it said INIT took (ms). */
export type InitReady = Extract<InitOutcome, { type: "ready" }>;

/**
 * Waits for the runtime's first `next` (init done; resolves its time and INIT's CPU time when the
 * runtime said it) and rejects as Lambda reports a failed init: the runtime's own `init/error` (`Runtime.ImportModuleError`,
 * `Runtime.HandlerNotFound`, ...), `Runtime.ExitError` when the process exits first, or the init
 * timeout (10 s, aws-facts 1.2). `runtime` emits `exit` (code, signal) and `error` as a
 * ChildProcess does (every environment launcher's events do).
 */
export function waitForInit(
  runtime: EventEmitter,
  api: RuntimeApiServer,
  config: FunctionConfig,
): Promise<InitReady> {
  return new Promise((resolve, reject) => {
    const fail = (error: RuntimeError) => {
      cleanup();
      const code =
        error.errorType === "Runtime.HandlerNotFound"
          ? "QS_LAMBDA_HANDLER_NOT_FOUND"
          : "QS_LAMBDA_INIT_FAILED";
      const what = `Init of ${config.runtime} function ${config.handler} in ${config.codeDir} failed`;
      const msg = `${what}: ${error.errorType}: ${error.errorMessage}`;
      reject(new LambdaPlatformError(code, msg, { cause: error }));
    };
    const onExit = (code: number | null, signal: string | null) =>
      fail({
        errorType: "Runtime.ExitError",
        errorMessage: `Runtime exited during init (exit code ${code}, signal ${signal})`,
      });
    const onSpawnError = (err: Error) =>
      fail({ errorType: "Runtime.InvalidEntrypoint", errorMessage: err.message });
    const timer = setTimeout(
      () =>
        fail({
          errorType: "Runtime.InitTimeout",
          errorMessage: `Init timed out after ${config.initTimeoutSeconds} s`,
        }),
      config.initTimeoutSeconds * 1000,
    );
    const cleanup = () => {
      clearTimeout(timer);
      runtime.off("exit", onExit);
      runtime.off("error", onSpawnError);
    };
    runtime.once("exit", onExit);
    runtime.once("error", onSpawnError);
    void api.initOutcome().then((outcome) => {
      if (outcome.type === "init-error") return fail(outcome.error);
      cleanup();
      resolve(outcome);
    });
  });
}
