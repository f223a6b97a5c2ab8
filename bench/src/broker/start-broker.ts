import { defaultCacheDir } from "./cache-dir.js";
import { startContainerBroker } from "./container-broker.js";
import { BrokerError } from "./errors.js";
import { startExternalBroker } from "./external-broker.js";
import { startJvmBroker } from "./jvm-broker.js";
import { isServerCached } from "./maven-resolve.js";
import { type BrokerOptions, type ResolvedBrokerOptions, resolveBrokerOptions } from "./options.js";
import { findOnPath, probeContainerRuntime } from "./runtime-probe.js";
import { describeError } from "./sqs-setup.js";
import type { StartedBroker } from "./started-broker.js";
import { elasticMqImage } from "./versions.js";

/**
 * Starts an SQS-compatible broker with the given queues created and ready. `kind: "auto"`
 * (the default) uses `endpoint` when given, else a container when a runtime answers with the
 * image at hand, else the JVM server when it is ready (java, cached jars), else a container that
 * pulls its image, else the JVM after resolving its jars; the choice and its reason are logged
 * and kept as `kind`/`reason`.
 */
export async function startBroker(options: BrokerOptions): Promise<StartedBroker> {
  const opts = resolveBrokerOptions(options);
  switch (opts.kind) {
    case "external":
      return startExternalBroker(opts, "requested: kind 'external'");
    case "jvm":
      return startJvmBroker(opts, "requested: kind 'jvm'");
    case "container":
      return startContainerBroker(opts, "requested: kind 'container'");
    default:
      return startAuto(opts);
  }
}

async function startAuto(opts: ResolvedBrokerOptions): Promise<StartedBroker> {
  if (opts.endpoint !== undefined) {
    const reason = `auto: an endpoint was given (${opts.endpoint})`;
    opts.log(`broker: ${reason} -> external`);
    return startExternalBroker(opts, reason);
  }
  const image = elasticMqImage(opts.elasticmqVersion);
  const probe = await probeContainerRuntime(image);
  let containerNote: string;
  // A pull costs more than a JVM start with its jars cached, and fails where no registry is
  // reachable: without the image locally, a ready JVM goes first.
  const tools = await findJvmTools(opts);
  if (probe.ok && !probe.imagePresent && tools.java !== undefined && tools.cached) {
    const reason = `auto: container runtime at ${probe.location} lacks ${image} locally; ${jvmReadiness(tools)}`;
    opts.log(`broker: ${reason} -> jvm`);
    return startJvmBroker(opts, reason);
  }
  if (probe.ok) {
    const reason = `auto: container runtime answered at ${probe.location}; image ${image} ${probe.imagePresent ? "present locally" : "not present locally, pulling"}`;
    opts.log(`broker: ${reason} -> container`);
    try {
      return await startContainerBroker(opts, reason);
    } catch (err) {
      containerNote = `container runtime at ${probe.location} could not start ${image} (${describeError(err)})`;
      opts.log(`broker: ${containerNote}; trying the JVM`);
    }
  } else {
    containerNote = probe.reason;
  }
  const reason = `auto: ${containerNote}; ${jvmReadiness(tools)}`;
  opts.log(`broker: ${reason} -> jvm`);
  return startJvmBroker(opts, reason);
}

/** What the JVM path has on this machine: java and mvn on PATH, the server's jars cached. */
interface JvmTools {
  readonly java: string | undefined;
  readonly mvn: string | undefined;
  readonly cached: boolean;
}

/** Looks for the JVM path's tools once (PATH lookups and the jar cache). */
async function findJvmTools(opts: ResolvedBrokerOptions): Promise<JvmTools> {
  const [java, mvn, cached] = await Promise.all([
    findOnPath("java"),
    findOnPath("mvn"),
    isServerCached(opts.cacheDir ?? defaultCacheDir(), opts.elasticmqVersion),
  ]);
  return { java, mvn, cached };
}

/** Says how the JVM path will work, or throws naming what to install. */
function jvmReadiness({ java, mvn, cached }: JvmTools): string {
  const missing = [
    ...(java === undefined ? ["java (a JDK 17+)"] : []),
    ...(mvn === undefined && !cached ? ["mvn (Apache Maven, for the first download)"] : []),
  ];
  if (missing.length > 0) {
    throw new BrokerError(
      "QS_BROKER_NO_RUNTIME",
      `no way to run ElasticMQ: no container runtime, and ${missing.join(" and ")} not on PATH. Install them, start Docker/Podman, or pass kind 'external' with an endpoint.`,
    );
  }
  return cached
    ? `using the JVM server (java at ${java}, jars cached)`
    : `using the JVM server (java at ${java}; resolving jars with ${mvn})`;
}
