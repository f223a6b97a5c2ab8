import { isLoopbackEndpoint } from "@queueshift/sqs-client";
import { BrokerError } from "./errors.js";
import type { ResolvedBrokerOptions } from "./options.js";
import { describeError, ensureQueues, setupClient } from "./sqs-setup.js";
import { LOCAL_CREDENTIALS, RunningBroker, type StartedBroker } from "./started-broker.js";

/**
 * Uses an SQS endpoint someone else runs (real AWS SQS, or an ElasticMQ elsewhere): creates
 * or gets the queues by name. Loopback endpoints get dummy credentials (a local ElasticMQ
 * ignores them); any other endpoint uses the AWS SDK's default credential chain.
 * `stop()` deletes nothing unless `deleteCreatedQueuesOnStop`, and then only what it created.
 */
export async function startExternalBroker(
  opts: ResolvedBrokerOptions,
  reason: string,
): Promise<StartedBroker> {
  const endpoint = opts.endpoint;
  if (endpoint === undefined) {
    throw new BrokerError("QS_BROKER_INVALID_OPTIONS", "external broker needs an endpoint");
  }
  const clientConfig = isLoopbackEndpoint(endpoint) ? { credentials: LOCAL_CREDENTIALS } : {};
  const client = await setupClient(endpoint, opts.region, clientConfig.credentials, 2);
  let queues: Awaited<ReturnType<typeof ensureQueues>>;
  try {
    queues = await ensureQueues(client, opts.queues, opts.log);
  } catch (cause) {
    throw new BrokerError(
      "QS_BROKER_ENDPOINT_UNREACHABLE",
      `could not set up queues at ${endpoint} (region ${opts.region}): ${describeError(cause)}`,
      { cause },
    );
  } finally {
    client.close();
  }
  opts.log(
    `broker: external endpoint ${endpoint} ready (created: ${queues.created.join(", ") || "none"})`,
  );
  return new RunningBroker({
    kind: "external",
    reason,
    endpoint,
    region: opts.region,
    queueUrls: queues.urls,
    clientConfig,
    onStop: async () => {
      if (!opts.deleteCreatedQueuesOnStop || queues.created.length === 0) return;
      const cleanup = await setupClient(endpoint, opts.region, clientConfig.credentials, 2);
      try {
        for (const name of queues.created) {
          const url = queues.urls.get(name);
          if (url !== undefined) await cleanup.deleteQueue(url);
        }
        opts.log(`broker: deleted queues ${queues.created.join(", ")}`);
      } finally {
        cleanup.close();
      }
    },
  });
}
