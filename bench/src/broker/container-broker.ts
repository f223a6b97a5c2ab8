import { renderElasticMqConfig } from "./elasticmq-config.js";
import { BrokerError } from "./errors.js";
import type { ResolvedBrokerOptions } from "./options.js";
import { describeError, setupClient, waitForQueues } from "./sqs-setup.js";
import { LOCAL_CREDENTIALS, RunningBroker, type StartedBroker } from "./started-broker.js";
import { ELASTICMQ_ACCOUNT_ID, ELASTICMQ_CONTAINER_PORT, elasticMqImage } from "./versions.js";

// The native image logs this once the SQS server is bound ("=== ElasticMQ server (1.7.1) started in 80 ms ===").
const STARTED_LINE = /ElasticMQ server \(.*\) started/;

/**
 * Starts `softwaremill/elasticmq-native` with testcontainers (which also reaps the container
 * if this process dies). testcontainers is imported lazily: loading it costs time that the
 * JVM path should not pay. Not exercised on machines without a container runtime.
 */
export async function startContainerBroker(
  opts: ResolvedBrokerOptions,
  reason: string,
): Promise<StartedBroker> {
  const image = elasticMqImage(opts.elasticmqVersion);
  const config = renderElasticMqConfig({
    queues: opts.queues,
    bindHost: "0.0.0.0", // inside the container; only the mapped host port is reachable
    port: ELASTICMQ_CONTAINER_PORT,
    visibleHost: "localhost",
    visiblePort: ELASTICMQ_CONTAINER_PORT,
    region: opts.region,
  });
  const { GenericContainer, Wait } = await import("testcontainers");
  let container: Awaited<ReturnType<InstanceType<typeof GenericContainer>["start"]>>;
  try {
    container = await new GenericContainer(image)
      .withCopyContentToContainer([{ content: config, target: "/opt/elasticmq.conf" }])
      .withExposedPorts(ELASTICMQ_CONTAINER_PORT)
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
  const endpoint = `http://${container.getHost()}:${container.getMappedPort(ELASTICMQ_CONTAINER_PORT)}`;
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
    onStop: async () => {
      await container.stop();
      opts.log(`broker: container ${image} stopped`);
    },
  });
}
