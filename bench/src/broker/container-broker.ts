import { renderElasticMqConfig } from "./elasticmq-config.js";
import { BrokerError } from "./errors.js";
import type { ResolvedBrokerOptions } from "./options.js";
import { describeError, setupClient, waitForQueues } from "./sqs-setup.js";
import { LOCAL_CREDENTIALS, RunningBroker, type StartedBroker } from "./started-broker.js";
import { ELASTICMQ_ACCOUNT_ID, ELASTICMQ_CONTAINER_PORT, elasticMqImage } from "./versions.js";

// The native image logs this once the SQS server is bound ("=== ElasticMQ server (1.7.1) started in
// 80 ms ==="); so does the JVM server in the local image (docker/bases/elasticmq.Containerfile).
const STARTED_LINE = /ElasticMQ server \(.*\) started/;

type StartedContainer = Awaited<ReturnType<import("testcontainers").GenericContainer["start"]>>;

/** Runs the image with the rendered config, its port published on loopback only. */
async function runElasticMqContainer(
  opts: ResolvedBrokerOptions,
  image: string,
): Promise<StartedContainer> {
  const config = renderElasticMqConfig({
    queues: opts.queues,
    bindHost: "0.0.0.0", // inside the container; only the mapped host port is reachable
    port: ELASTICMQ_CONTAINER_PORT,
    visibleHost: "localhost",
    visiblePort: ELASTICMQ_CONTAINER_PORT,
    region: opts.region,
  });
  const { GenericContainer, Wait } = await import("testcontainers");
  // testcontainers publishes on every host interface and has no option for the host IP; its
  // builder keeps the Docker HostConfig protected, so a subclass narrows the binding to
  // loopback (issue 10 item 7). Exercised under podman by the container target's tests.
  class LoopbackContainer extends GenericContainer {
    withLoopbackPort(port: number): this {
      this.withExposedPorts(port);
      this.hostConfig.PortBindings = {
        ...this.hostConfig.PortBindings,
        [`${port}/tcp`]: [{ HostIp: "127.0.0.1", HostPort: "0" }],
      };
      return this;
    }
  }
  try {
    return await new LoopbackContainer(image)
      .withCopyContentToContainer([{ content: config, target: "/opt/elasticmq.conf" }])
      .withLoopbackPort(ELASTICMQ_CONTAINER_PORT)
      .withWaitStrategy(Wait.forLogMessage(STARTED_LINE))
      .withStartupTimeout(opts.startupTimeoutMs)
      .start();
  } catch (cause) {
    throw new BrokerError(
      "QS_BROKER_START_FAILED",
      `container ${image} did not start: ${describeError(cause)}`,
      { cause },
    );
  }
}

/** Waits until every queue answers; stops the container and throws if they never do. */
async function awaitQueues(
  opts: ResolvedBrokerOptions,
  container: StartedContainer,
  image: string,
  endpoint: string,
): Promise<void> {
  const client = await setupClient(endpoint, opts.region, LOCAL_CREDENTIALS, 1);
  try {
    await waitForQueues(
      client,
      opts.queues.map((q) => q.name),
      {
        deadline: Date.now() + opts.startupTimeoutMs,
        intervalMs: 100,
        aborted: () => undefined,
      },
    );
  } catch (cause) {
    await container.stop();
    throw new BrokerError(
      "QS_BROKER_START_TIMEOUT",
      `container ${image} queues not ready: ${describeError(cause)}`,
      { cause },
    );
  } finally {
    client.close();
  }
}

/**
 * Starts `softwaremill/elasticmq-native` with testcontainers (which also reaps the container
 * if this process dies). testcontainers is imported lazily: loading it costs time that the
 * JVM path should not pay. `containerImage` runs a local build instead (docker/build-images.sh).
 */
export async function startContainerBroker(
  opts: ResolvedBrokerOptions,
  reason: string,
): Promise<StartedBroker> {
  const image = opts.containerImage ?? elasticMqImage(opts.elasticmqVersion);
  const container = await runElasticMqContainer(opts, image);
  // A local runtime's "localhost" may resolve to ::1, where nothing listens now.
  const host = container.getHost() === "localhost" ? "127.0.0.1" : container.getHost();
  const endpoint = `http://${host}:${container.getMappedPort(ELASTICMQ_CONTAINER_PORT)}`;
  await awaitQueues(opts, container, image, endpoint);
  opts.log(`broker: ElasticMQ ${opts.elasticmqVersion} (container ${image}) ready at ${endpoint}`);
  return new RunningBroker({
    kind: "container",
    reason,
    endpoint,
    region: opts.region,
    version: opts.elasticmqVersion,
    // URLs are built from the mapped port: ElasticMQ only knows its in-container address.
    queueUrls: new Map(
      opts.queues.map((q) => [q.name, `${endpoint}/${ELASTICMQ_ACCOUNT_ID}/${q.name}`]),
    ),
    clientConfig: { credentials: LOCAL_CREDENTIALS },
    // Not supervised or persisted: a stopped container is removed with its files.
    storage: { kind: "memory" },
    onStop: async () => {
      await container.stop();
      opts.log(`broker: container ${image} stopped`);
    },
  });
}
