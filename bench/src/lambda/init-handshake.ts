import type { ChildProcess } from "node:child_process";
import { LambdaPlatformError } from "./errors.js";
import type { FunctionConfig } from "./function-config.js";
import type { ReadyMessage } from "./runtime/protocol.js";

/** Sends `init` and waits for `ready`; rejects on init error, early exit or the init timeout. */
export function waitForReady(child: ChildProcess, config: FunctionConfig): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (
      code: "QS_LAMBDA_INIT_FAILED" | "QS_LAMBDA_HANDLER_NOT_FOUND",
      msg: string,
      cause?: unknown,
    ) => {
      cleanup();
      reject(new LambdaPlatformError(code, msg, { cause }));
    };
    const onMessage = (message: ReadyMessage) => {
      if (message.type === "ready") {
        cleanup();
        resolve();
      } else if (message.type === "init-error") {
        fail(
          message.code,
          `Init of ${config.handlerPath} failed: ${message.error.errorMessage}`,
          message.error,
        );
      }
    };
    const onExit = (code: number | null, signal: string | null) =>
      fail(
        "QS_LAMBDA_INIT_FAILED",
        `Environment exited during init (code ${code}, signal ${signal})`,
      );
    const timer = setTimeout(
      () => fail("QS_LAMBDA_INIT_FAILED", `Init timed out after ${config.initTimeoutSeconds} s`),
      config.initTimeoutSeconds * 1000,
    );
    const cleanup = () => {
      clearTimeout(timer);
      child.off("message", onMessage);
      child.off("exit", onExit);
    };
    child.on("message", onMessage);
    child.once("exit", onExit);
    child.send({
      type: "init",
      handlerPath: config.handlerPath,
      handlerExport: config.handlerExport,
    });
  });
}
