import { freeLoopbackPort } from "../broker/free-port.js";
import type { AsyncStackOptions } from "../stack/async-stack.js";
import { type EnqueueApiStarter, enqueueApiArgs } from "../stack/async-stack-parts.js";
import { startContainer, stopContainer } from "./container-kit.js";
import { CONTAINER_IMAGES } from "./images.js";
import { lambdaContainerLauncher } from "./lambda-containers.js";

/**
 * The enqueue API as a container of its image, on the host's loopback (host networking), with
 * the same flags the process path passes. Its pid is the one the runtime reports on the host.
 */
export const startEnqueueApiContainer: EnqueueApiStarter = async (s, options, broker, urls) => {
  const port = await freeLoopbackPort();
  const container = await startContainer({
    name: "enqueue-api",
    image: CONTAINER_IMAGES.enqueueApi,
    env: { LOG_LEVEL: "warn", AWS_REGION: broker.region },
    command: enqueueApiArgs(s, options, broker, urls, port),
    readyLog: /"event":"listening"/,
  });
  return {
    pid: -1, // no host process of ours: the runtime owns it
    listening: { url: `http://127.0.0.1:${port}`, port },
    stop: () => stopContainer(container),
  };
};

/**
 * What the async stack takes to run in containers: ElasticMQ from the local image (the
 * container broker path), the enqueue API container, and each execution environment a
 * container of the Lambda image (the built-in handler) talking to its Runtime API server.
 */
export function containerAsyncOptions(): Partial<AsyncStackOptions> {
  return {
    brokerKind: "container",
    brokerImage: CONTAINER_IMAGES.elasticmq,
    brokerStorage: "memory",
    startEnqueueApi: startEnqueueApiContainer,
    environmentLauncher: lambdaContainerLauncher(),
  };
}
