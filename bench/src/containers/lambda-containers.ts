import { systemClock } from "../clock/index.js";
import { lambdaEnvironment } from "../lambda/environment-spawn.js";
import type { EnvironmentLauncher, LaunchedRuntime, LaunchRequest } from "../lambda/index.js";
import { lambdaCpuShare } from "../process/cpu-quota.js";
import { containerClient, startContainer } from "./container-kit.js";
import { watchEnvironmentContainer } from "./environment-container.js";
import { CONTAINER_IMAGES } from "./images.js";

/** Where the Lambda image keeps the function code (its `LAMBDA_TASK_ROOT`). */
const TASK_ROOT = "/var/task";

/**
 * Each execution environment a container of the Lambda image, started through testcontainers
 * (labelled, in the registry that removes containers on every exit path). Cold start = the
 * start requested -> the image's runtime client calls `next`. Host networking: the
 * environment's Runtime API server and the broker stay on 127.0.0.1. Limits: the memory size
 * as the container's memory, its CPU share (min(1, MB / 1,769) of a core, aws-facts 1.3) as
 * its CPUs. The runtime removes the container once its client exits, which it does when its
 * Runtime API server closes: so none is left even when the harness is killed.
 */
export function lambdaContainerLauncher(
  image: string = CONTAINER_IMAGES.lambda,
): EnvironmentLauncher {
  return Object.freeze({
    kind: "container" as const,
    launch: (request: LaunchRequest) => launchContainer(image, request),
  });
}

async function launchContainer(image: string, request: LaunchRequest): Promise<LaunchedRuntime> {
  const { config } = request;
  const env = {
    ...lambdaEnvironment(config, {
      streamName: request.streamName,
      runtimeApi: request.runtimeApi,
      executionEnv: "AWS_Lambda_nodejs22.x",
    }),
    // The image's own task root, handler and PATH, not the host's.
    LAMBDA_TASK_ROOT: TASK_ROOT,
    _HANDLER: "index.handler",
    PATH: "/usr/local/bin:/usr/bin:/bin",
    HOME: "/tmp",
  };
  await containerClient(); // loaded before the clock starts: not part of a cold start
  const requestedUs = systemClock.nowUs();
  const started = await startContainer({
    name: "lambda-environment",
    image,
    env: definedOnly(env),
    cpus: lambdaCpuShare(config.memorySizeMB),
    memoryMB: config.memorySizeMB,
    selfRemoving: true,
  });
  return watchEnvironmentContainer(started, requestedUs);
}

function definedOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined),
  );
}
