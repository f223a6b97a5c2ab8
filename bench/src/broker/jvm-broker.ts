import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, rename, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnGuarded, stopChild } from "../process/process-guard.js";
import { defaultCacheDir } from "./cache-dir.js";
import { renderElasticMqConfig } from "./elasticmq-config.js";
import { BrokerError } from "./errors.js";
import { freeLoopbackPort } from "./free-port.js";
import { type ResolvedServer, resolveElasticMqServer } from "./maven-resolve.js";
import type { ResolvedBrokerOptions } from "./options.js";
import { OutputTail } from "./output-tail.js";
import { findOnPath } from "./runtime-probe.js";
import { describeError, setupClient, waitForQueues } from "./sqs-setup.js";
import { LOCAL_CREDENTIALS, RunningBroker, type StartedBroker } from "./started-broker.js";
import { ELASTICMQ_ACCOUNT_ID, ELASTICMQ_MAVEN } from "./versions.js";

/**
 * JVM defaults. A small heap is plenty for in-memory queues; SerialGC is what the JVM picks on
 * a small machine anyway and keeps GC threads off the 2 shared cores. The class-data archive
 * (AppCDS, written on the first run, reused after) cut start-to-ready from ~2.3 s to ~1.3 s
 * here; -Xshare:auto turns a stale or foreign archive into a silent no-op, not an error.
 */
const JVM_ARGS = [
  "-Xmx256m",
  "-Xss512k",
  "-XX:+UseSerialGC",
  "-Xshare:auto",
  "-Xlog:cds=off",
  "-Xlog:cds+dynamic=off",
];
const ARCHIVE_NAME = "elasticmq-cds.jsa";
const MAX_LAUNCHES = 3; // a port taken between pick and bind, or a bad archive, is retried
const BIND_CONFLICT = /BindException|Address already in use/;
const READY_POLL_MS = 100;
// Pekko warns on every clean SIGTERM shutdown; not worth a log line.
const HARMLESS = /Could not addJvmShutdownHook/;

interface Launch {
  readonly child: ChildProcess;
  readonly endpoint: string;
  readonly release: () => void;
  readonly archiveOut: string | undefined;
  readonly tail: OutputTail;
  readonly state: { bindConflict: boolean; spawnError?: Error };
}

interface LaunchFailure {
  readonly error: BrokerError;
  readonly retry: boolean;
  readonly badArchive: boolean;
}

/** Resolves (or reuses) the ElasticMQ jars and starts the server on a free loopback port. */
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
    const launch = await launchWithRetries(opts, server, java, runDir);
    return brokerFor(opts, reason, server, launch, runDir);
  } catch (err) {
    await rm(runDir, { recursive: true, force: true });
    throw err;
  }
}

async function launchWithRetries(
  opts: ResolvedBrokerOptions,
  server: ResolvedServer,
  java: string,
  runDir: string,
): Promise<Launch> {
  const archive = join(server.versionDir, ARCHIVE_NAME);
  for (let attempt = 1; ; attempt++) {
    const useArchive = existsSync(archive);
    const launch = await spawnJvm(opts, server, java, runDir, useArchive ? archive : undefined);
    const failure = await waitReady(opts, launch, useArchive);
    if (failure === undefined) return launch;
    await stopChild(launch.child, opts.stopGraceMs);
    launch.release();
    if (attempt >= MAX_LAUNCHES || !failure.retry) throw failure.error;
    if (failure.badArchive) await rm(archive, { force: true });
    opts.log(`broker: JVM start ${attempt} failed (${firstLine(failure.error.message)}); retrying`);
  }
}

async function spawnJvm(
  opts: ResolvedBrokerOptions,
  server: ResolvedServer,
  java: string,
  runDir: string,
  archive: string | undefined,
): Promise<Launch> {
  const port = await freeLoopbackPort();
  const configFile = join(runDir, "elasticmq.conf");
  const host = "127.0.0.1";
  await writeFile(
    configFile,
    renderElasticMqConfig({
      queues: opts.queues,
      bindHost: host,
      port,
      visibleHost: host,
      visiblePort: port,
      region: opts.region,
    }),
  );
  // The first run dumps a private archive that stop() renames into place: concurrent first
  // runs never write the same file, and a half-written archive is never used.
  const archiveOut =
    archive === undefined
      ? join(
          server.versionDir,
          `${ARCHIVE_NAME}.tmp-${process.pid}-${randomBytes(3).toString("hex")}`,
        )
      : undefined;
  const cds =
    archive === undefined
      ? [`-XX:ArchiveClassesAtExit=${archiveOut}`]
      : [`-XX:SharedArchiveFile=${archive}`];
  const args = [
    ...JVM_ARGS,
    ...cds,
    ...(opts.jvmTuning === "startup" ? ["-XX:TieredStopAtLevel=1"] : []),
    ...opts.jvmArgs,
    `-Dconfig.file=${configFile}`,
    "-cp",
    join(server.libDir, "*"), // java expands the wildcard itself; no shell is involved
    ELASTICMQ_MAVEN.mainClass,
  ];
  const child = await spawnGuarded(java, args);
  const launch: Launch = {
    child: child.process,
    endpoint: `http://${host}:${port}`,
    release: child.release,
    archiveOut,
    tail: new OutputTail(60),
    state: { bindConflict: false },
  };
  watchOutput(opts, launch);
  return launch;
}

function watchOutput(opts: ResolvedBrokerOptions, launch: Launch): void {
  launch.child.once("error", (err) => {
    launch.state.spawnError = err;
  });
  const onData = (chunk: Buffer) => {
    for (const line of launch.tail.push(chunk)) {
      if (BIND_CONFLICT.test(line)) launch.state.bindConflict = true;
      if (/ (WARN|ERROR) /.test(line) && !HARMLESS.test(line)) opts.log(`[elasticmq] ${line}`);
    }
  };
  launch.child.stdout?.on("data", onData);
  launch.child.stderr?.on("data", onData);
}

async function waitReady(
  opts: ResolvedBrokerOptions,
  launch: Launch,
  usedArchive: boolean,
): Promise<LaunchFailure | undefined> {
  const client = await setupClient(launch.endpoint, opts.region, LOCAL_CREDENTIALS, 1);
  const failed = (): LaunchFailure | undefined => {
    const { child, state, tail } = launch;
    if (state.bindConflict) {
      return {
        error: startFailed(`port clash at ${launch.endpoint}`, tail),
        retry: true,
        badArchive: false,
      };
    }
    if (state.spawnError !== undefined) {
      const error = new BrokerError(
        "QS_BROKER_START_FAILED",
        `could not spawn java: ${state.spawnError.message}`,
        { cause: state.spawnError },
      );
      return { error, retry: false, badArchive: false };
    }
    if (child.exitCode !== null || child.signalCode !== null) {
      const how = `the JVM exited (code ${child.exitCode}, signal ${child.signalCode}) before it was ready`;
      return { error: startFailed(how, tail), retry: usedArchive, badArchive: usedArchive };
    }
    return undefined;
  };
  try {
    await waitForQueues(
      client,
      opts.queues.map((q) => q.name),
      {
        deadline: Date.now() + opts.startupTimeoutMs,
        intervalMs: READY_POLL_MS,
        aborted: () => failed()?.error,
      },
    );
    return undefined;
  } catch (err) {
    const failure = failed();
    if (failure !== undefined) return failure;
    const message = `ElasticMQ did not answer for all queues within ${opts.startupTimeoutMs} ms (${describeError(err)}); JVM output tail:\n${launch.tail.text()}`;
    return {
      error: new BrokerError("QS_BROKER_START_TIMEOUT", message, { cause: err }),
      retry: false,
      badArchive: false,
    };
  } finally {
    client.close();
  }
}

function brokerFor(
  opts: ResolvedBrokerOptions,
  reason: string,
  server: ResolvedServer,
  launch: Launch,
  runDir: string,
): StartedBroker {
  const queueUrls = new Map(
    opts.queues.map((q) => [q.name, `${launch.endpoint}/${ELASTICMQ_ACCOUNT_ID}/${q.name}`]),
  );
  const pid = launch.child.pid;
  opts.log(
    `broker: ElasticMQ ${opts.elasticmqVersion} (JVM, pid ${pid}) ready at ${launch.endpoint}`,
  );
  return new RunningBroker({
    kind: "jvm",
    reason,
    endpoint: launch.endpoint,
    region: opts.region,
    version: opts.elasticmqVersion,
    ...(pid === undefined ? {} : { pid }),
    queueUrls,
    clientConfig: { credentials: LOCAL_CREDENTIALS },
    onStop: async () => {
      const how = await stopChild(launch.child, opts.stopGraceMs);
      launch.release();
      // A JVM killed mid-dump may leave a truncated archive: keep only a cleanly written one.
      await keepArchive(
        how === "term" ? launch.archiveOut : undefined,
        launch.archiveOut,
        join(server.versionDir, ARCHIVE_NAME),
      );
      await rm(runDir, { recursive: true, force: true });
      opts.log(
        `broker: JVM pid ${pid} stopped (${how === "term" ? "SIGTERM" : "SIGKILL after grace"})`,
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

function startFailed(what: string, tail: OutputTail): BrokerError {
  return new BrokerError("QS_BROKER_START_FAILED", `${what}; JVM output tail:\n${tail.text()}`);
}

function firstLine(text: string): string {
  return text.split("\n", 1)[0] ?? text;
}
