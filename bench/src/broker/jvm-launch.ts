import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { spawnGuarded, stopChild } from "../process/process-guard.js";
import { renderElasticMqConfig } from "./elasticmq-config.js";
import { BrokerError } from "./errors.js";
import { freeLoopbackPort } from "./free-port.js";
import type { ResolvedServer } from "./maven-resolve.js";
import type { ResolvedBrokerOptions } from "./options.js";
import { OutputTail } from "./output-tail.js";
import { describeError, setupClient, waitForQueues } from "./sqs-setup.js";
import { LOCAL_CREDENTIALS } from "./started-broker.js";
import { ELASTICMQ_MAVEN } from "./versions.js";

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
/** The class-data archive's name in the version folder. */
export const ARCHIVE_NAME = "elasticmq-cds.jsa";
const MAX_LAUNCHES = 3; // a port taken between pick and bind, or a bad archive, is retried
const BIND_CONFLICT = /BindException|Address already in use/;
const READY_POLL_MS = 100;
const HOST = "127.0.0.1"; // loopback only (issue 10 item 7)
// Pekko warns on every clean SIGTERM shutdown; not worth a log line.
const HARMLESS = /Could not addJvmShutdownHook/;

/** What a JVM launch needs besides the options: the jars, java, and the broker's temp folder. */
export interface JvmTarget {
  readonly server: ResolvedServer;
  readonly java: string;
  readonly runDir: string;
  /** The H2 file (without `.mv.db`) when storage is "h2". */
  readonly storageFile: string | undefined;
}

/** One running ElasticMQ JVM. */
export interface Launch {
  readonly child: ChildProcess;
  readonly port: number;
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

/**
 * Starts the JVM until its queues answer: on a free port, retried on a port clash; or, for a
 * restart, on `port` (queue URLs name it), where a clash is not retried with another port.
 */
export async function launchJvm(
  opts: ResolvedBrokerOptions,
  target: JvmTarget,
  port?: number,
): Promise<Launch> {
  const archive = join(target.server.versionDir, ARCHIVE_NAME);
  for (let attempt = 1; ; attempt++) {
    const useArchive = existsSync(archive);
    const launch = await spawnJvm(
      opts,
      target,
      port ?? (await freeLoopbackPort()),
      useArchive ? archive : undefined,
    );
    const failure = await waitReady(opts, launch, useArchive);
    if (failure === undefined) return launch;
    await stopChild(launch.child, opts.stopGraceMs);
    launch.release();
    if (launch.archiveOut !== undefined) await rm(launch.archiveOut, { force: true });
    const retry = failure.retry && !(port !== undefined && launch.state.bindConflict);
    if (attempt >= MAX_LAUNCHES || !retry) throw failure.error;
    if (failure.badArchive) await rm(archive, { force: true });
    opts.log(`broker: JVM start ${attempt} failed (${firstLine(failure.error.message)}); retrying`);
  }
}

async function spawnJvm(
  opts: ResolvedBrokerOptions,
  target: JvmTarget,
  port: number,
  archive: string | undefined,
): Promise<Launch> {
  const configFile = join(target.runDir, "elasticmq.conf");
  await writeFile(
    configFile,
    renderElasticMqConfig({
      queues: opts.queues,
      bindHost: HOST,
      port,
      visibleHost: HOST,
      visiblePort: port,
      region: opts.region,
      ...(target.storageFile === undefined ? {} : { storageFile: target.storageFile }),
    }),
  );
  // The first run dumps a private archive that stop() renames into place: concurrent first
  // runs never write the same file, and a half-written archive is never used.
  const archiveOut =
    archive === undefined
      ? join(
          target.server.versionDir,
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
    join(target.server.libDir, "*"), // java expands the wildcard itself; no shell is involved
    ELASTICMQ_MAVEN.mainClass,
  ];
  const child = await spawnGuarded(target.java, args);
  const launch: Launch = {
    child: child.process,
    port,
    endpoint: `http://${HOST}:${port}`,
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

function startFailed(what: string, tail: OutputTail): BrokerError {
  return new BrokerError("QS_BROKER_START_FAILED", `${what}; JVM output tail:\n${tail.text()}`);
}

/** The first line of a (multi-line) message. */
export function firstLine(text: string): string {
  return text.split("\n", 1)[0] ?? text;
}
