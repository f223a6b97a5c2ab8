// A function whose init fails reports the Runtime.* error its runtime posts to /runtime/init/error,
// as AWS shows it: the built-in runtime, AWS's Node.js client and AWS's Python client.
import { beforeAll, describe, expect, it } from "vitest";
import {
  ExecutionEnvironment,
  type FunctionOptions,
  LambdaPlatformError,
  resolveFunctionConfig,
} from "../../src/lambda/index.js";
import { RIC_FIXTURES, setUpRuntimeClients } from "../integration/ric-setup.js";

beforeAll(() => setUpRuntimeClients(), 600_000);

async function initError(options: FunctionOptions): Promise<LambdaPlatformError> {
  const config = resolveFunctionConfig({ memorySizeMB: 256, ...options });
  const err = await ExecutionEnvironment.start({ config }).then(
    () => new Error("init unexpectedly succeeded"),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(LambdaPlatformError);
  return err as LambdaPlatformError;
}

describe("init errors of each runtime", () => {
  it("python3.12: an import that fails is Runtime.ImportModuleError", async () => {
    const err = await initError({
      runtime: "python3.12",
      codeDir: RIC_FIXTURES,
      handler: "broken_init.handler",
    });
    expect(err.code).toBe("QS_LAMBDA_INIT_FAILED");
    expect(err.message).toContain("Runtime.ImportModuleError");
    expect(err.message).toContain("queueshift_no_such_module");
  });

  it("nodejs22.x: a missing handler module is Runtime.ImportModuleError", async () => {
    const err = await initError({
      runtime: "nodejs22.x",
      codeDir: RIC_FIXTURES,
      handler: "no-such-module.handler",
    });
    expect(err.code).toBe("QS_LAMBDA_INIT_FAILED");
    expect(err.message).toContain("Runtime.ImportModuleError");
  });

  it("builtin: a missing export is Runtime.HandlerNotFound, a throwing module ImportModuleError", async () => {
    const missing = await initError({
      runtime: "builtin",
      codeDir: RIC_FIXTURES,
      handler: "sqs-handler.nope",
    });
    expect(missing.code).toBe("QS_LAMBDA_HANDLER_NOT_FOUND");
    expect(missing.message).toContain("Runtime.HandlerNotFound");
    const throwing = await initError({
      runtime: "builtin",
      codeDir: RIC_FIXTURES,
      handler: "broken-init.handler",
    });
    expect(throwing.code).toBe("QS_LAMBDA_INIT_FAILED");
    expect(throwing.message).toContain("Runtime.ImportModuleError: init exploded");
  });

  it("command: a runtime that exits before its first next is Runtime.ExitError", async () => {
    const err = await initError({
      runtime: "command",
      codeDir: RIC_FIXTURES,
      command: [process.execPath, "-e", "process.exit(3)"],
    });
    expect(err.message).toContain("Runtime.ExitError");
    expect(err.message).toContain("exit code 3");
  });
});
