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

// [case, function options, expected code, text the message must hold]
const cases: Array<[string, FunctionOptions, string, string]> = [
  [
    "python3.12: an import that fails is Runtime.ImportModuleError",
    { runtime: "python3.12", codeDir: RIC_FIXTURES, handler: "broken_init.handler" },
    "QS_LAMBDA_INIT_FAILED",
    "Runtime.ImportModuleError: Unable to import module 'broken_init': No module named 'queueshift_no_such_module'",
  ],
  [
    "nodejs22.x: a missing handler module is Runtime.ImportModuleError",
    { runtime: "nodejs22.x", codeDir: RIC_FIXTURES, handler: "no-such-module.handler" },
    "QS_LAMBDA_INIT_FAILED",
    "Runtime.ImportModuleError",
  ],
  [
    "builtin: a missing export is Runtime.HandlerNotFound",
    { runtime: "builtin", codeDir: RIC_FIXTURES, handler: "sqs-handler.nope" },
    "QS_LAMBDA_HANDLER_NOT_FOUND",
    "Runtime.HandlerNotFound",
  ],
  [
    "builtin: a module that throws is Runtime.ImportModuleError",
    { runtime: "builtin", codeDir: RIC_FIXTURES, handler: "broken-init.handler" },
    "QS_LAMBDA_INIT_FAILED",
    "Runtime.ImportModuleError: init exploded",
  ],
  [
    "command: a runtime that exits before its first next is Runtime.ExitError",
    {
      runtime: "command",
      codeDir: RIC_FIXTURES,
      command: [process.execPath, "-e", "process.exit(3)"],
    },
    "QS_LAMBDA_INIT_FAILED",
    "Runtime.ExitError: Runtime exited during init (exit code 3",
  ],
];

describe("init errors of each runtime", () => {
  it.each(cases)("%s", async (_name, options, code, text) => {
    const err = await initError(options);
    expect(err.code).toBe(code);
    expect(err.message).toContain(text);
  });
});
