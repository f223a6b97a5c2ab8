import { defineErrorCatalogue, QueueshiftError } from "@queueshift/shared-model";

/**
 * The broker error catalogue: stable codes, never reused. Harness-only (not part of the
 * services' contract in shared-model), so it lives next to the code that raises it.
 */
export const BrokerErrorCodes = defineErrorCatalogue({
  QS_BROKER_INVALID_OPTIONS: {
    meaning: "The broker options or a queue spec are invalid.",
    fix: "Read the listed issues and correct those options.",
  },
  QS_BROKER_NO_RUNTIME: {
    meaning: "No way to run ElasticMQ was found (no container runtime, no java, no mvn or cache).",
    fix: "Install a JDK (17+) and Maven, or start Docker/Podman, or pass kind 'external' with an endpoint.",
  },
  QS_BROKER_RESOLVE_FAILED: {
    meaning: "Maven could not resolve the ElasticMQ server from Maven Central.",
    fix: "Check that Maven Central is reachable (proxy settings in ~/.m2/settings.xml) and retry.",
  },
  QS_BROKER_START_FAILED: {
    meaning: "The broker process or container exited or failed before it was ready.",
    fix: "Read the output tail in the message; a port clash is retried automatically.",
  },
  QS_BROKER_START_TIMEOUT: {
    meaning: "The broker did not answer for all queues within the startup timeout.",
    fix: "Raise `startupTimeoutMs` on a slow machine, or read the output tail in the message.",
  },
  QS_BROKER_ENDPOINT_UNREACHABLE: {
    meaning: "The external SQS endpoint did not answer or refused the queue set-up.",
    fix: "Check the endpoint URL, region and credentials; the cause holds the SDK error.",
  },
  QS_BROKER_DIED: {
    meaning: "The local broker died and the restart supervisor gave up after its bound.",
    fix: "Read the output tail in the message (out of memory, disk full, killed); raise `restart`.",
  },
});

/** A stable broker error code. */
export type BrokerErrorCode = keyof typeof BrokerErrorCodes;

/** A typed broker provisioning error; wrap lower-level errors with `{ cause }`. */
export class BrokerError extends QueueshiftError<BrokerErrorCode> {
  override readonly name: string = "BrokerError";
}
