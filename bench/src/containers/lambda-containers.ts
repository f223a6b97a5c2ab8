import type { EnvironmentLauncher } from "../lambda/index.js";
import { lambdaCpuShare } from "../process/cpu-quota.js";
import { CONTAINER_SESSION, SESSION_LABEL, TARGET_LABEL } from "./container-kit.js";
import { CONTAINER_IMAGES } from "./images.js";

/** Where the Lambda image keeps the function code (its `LAMBDA_TASK_ROOT`). */
const TASK_ROOT = "/var/task";

/**
 * Each execution environment as a container of the Lambda image, started by the runtime's
 * CLI (`podman run`): the platform's environment is a child process (stdout/stderr logs, exit,
 * kill), and the CLI in the foreground is exactly that. Cold start = `run` -> the image's
 * runtime client calls `next`. Host networking: the environment's Runtime API server and the
 * broker stay on 127.0.0.1. `--env-host` passes Lambda's variables (AWS_LAMBDA_RUNTIME_API,
 * the function's environment); the image's own task root, handler and PATH win. Limits: the
 * memory size as `--memory`, its CPU share (min(1, MB / 1,769) of a core) as `--cpus`. `--rm`
 * is carried out by the runtime (conmon) when the runtime client exits, which it does once its
 * Runtime API server closes; the session label lets tests check that none is left.
 */
export function lambdaContainerLauncher(
  image: string = CONTAINER_IMAGES.lambda,
  cli = "podman",
): EnvironmentLauncher {
  return (config) => ({
    program: cli,
    args: [
      "run",
      "--rm",
      "--network=host",
      `--cpus=${lambdaCpuShare(config.memorySizeMB).toFixed(3)}`,
      `--memory=${config.memorySizeMB}m`,
      `--label=${TARGET_LABEL}=lambda-environment`,
      `--label=${SESSION_LABEL}=${CONTAINER_SESSION}`,
      "--env-host",
      `--env=LAMBDA_TASK_ROOT=${TASK_ROOT}`,
      "--env=_HANDLER=index.handler",
      "--env=PATH=/usr/local/bin:/usr/bin:/bin",
      "--env=HOME=/tmp",
      image,
    ],
    cwd: process.cwd(),
    executionEnv: "AWS_Lambda_nodejs22.x",
  });
}
