import { mkdtemp, rename, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultCacheDir } from "./cache-dir.js";
import { BrokerError } from "./errors.js";
import { ARCHIVE_NAME, type JvmTarget, launchJvm } from "./jvm-launch.js";
import { JvmSupervisor } from "./jvm-supervisor.js";
import { resolveElasticMqServer } from "./maven-resolve.js";
import type { ResolvedBrokerOptions } from "./options.js";
import { findOnPath } from "./runtime-probe.js";
import { LOCAL_CREDENTIALS, RunningBroker, type StartedBroker } from "./started-broker.js";
import { ELASTICMQ_ACCOUNT_ID } from "./versions.js";

/**
 * Resolves (or reuses) the ElasticMQ jars and starts the server on a free loopback port, with
 * its H2 message storage in a private temp folder (deleted on stop) unless storage is
 * "memory", under a supervisor that restarts it on the same port if it dies.
 */
export async function startJvmBroker(
  opts: ResolvedBrokerOptions,
  reason: string,
): Promise<StartedBroker> {
  const java = await findOnPath("java");
  if (java === undefined) {
    throw new BrokerError(
      "QS_BROKER_NO_RUNTIME",
      "java is not on PATH; install a JDK 17+ for ElasticMQ",
    );
  }
  const server = await resolveElasticMqServer({
    cacheDir: opts.cacheDir ?? defaultCacheDir(),
    version: opts.elasticmqVersion,
    timeoutMs: opts.resolveTimeoutMs,
    log: opts.log,
  });
  const runDir = await mkdtemp(join(tmpdir(), "queueshift-elasticmq-"));
  try {
    // H2 reads `;` in its URL as a setting separator: such a temp path would be misread.
    if (runDir.includes(";")) {
      throw new BrokerError(
        "QS_BROKER_INVALID_OPTIONS",
        `temp folder ${runDir} contains ';' (TMPDIR)`,
      );
    }
    const storageFile = opts.storage === "h2" ? join(runDir, "messages") : undefined;
    const target: JvmTarget = { server, java, runDir, storageFile };
    const launch = await launchJvm(opts, target);
    return brokerFor(opts, reason, target, new JvmSupervisor(opts, target, launch));
  } catch (err) {
    await rm(runDir, { recursive: true, force: true });
    throw err;
  }
}

function brokerFor(
  opts: ResolvedBrokerOptions,
  reason: string,
  target: JvmTarget,
  supervisor: JvmSupervisor,
): StartedBroker {
  const endpoint = `http://127.0.0.1:${supervisor.port}`;
  const queueUrls = new Map(
    opts.queues.map((q) => [q.name, `${endpoint}/${ELASTICMQ_ACCOUNT_ID}/${q.name}`]),
  );
  const pid = supervisor.pid();
  const storage = target.storageFile === undefined ? "memory" : `h2 at ${target.storageFile}.mv.db`;
  opts.log(
    `broker: ElasticMQ ${opts.elasticmqVersion} (JVM, pid ${pid}) ready at ${endpoint}; storage ${storage}`,
  );
  return new RunningBroker({
    kind: "jvm",
    reason,
    endpoint,
    region: opts.region,
    version: opts.elasticmqVersion,
    queueUrls,
    clientConfig: { credentials: LOCAL_CREDENTIALS },
    storage: {
      kind: opts.storage,
      ...(target.storageFile ? { file: `${target.storageFile}.mv.db` } : {}),
    },
    supervision: supervisor,
    onStop: async () => {
      const { launch, how, deadArchives } = await supervisor.stop();
      // A JVM killed mid-dump may leave a truncated archive: keep only a cleanly written one.
      await keepArchive(
        how === "term" ? launch.archiveOut : undefined,
        launch.archiveOut,
        join(target.server.versionDir, ARCHIVE_NAME),
      );
      await Promise.all(deadArchives.map((f) => rm(f, { force: true })));
      await rm(target.runDir, { recursive: true, force: true });
      opts.log(
        `broker: JVM pid ${launch.child.pid} stopped (${how === "term" ? "SIGTERM" : "SIGKILL after grace"})`,
      );
    },
  });
}

async function keepArchive(
  clean: string | undefined,
  written: string | undefined,
  target: string,
): Promise<void> {
  if (written === undefined) return;
  try {
    if (clean !== undefined && (await stat(clean)).size > 0) await rename(clean, target);
  } catch {
    // No archive (the JVM was killed before it could dump one): the next start makes one.
  } finally {
    await rm(written, { force: true });
  }
}
