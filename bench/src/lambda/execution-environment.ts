import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { systemClock } from "../clock/index.js";
import { trackEnvironment } from "./environment-guard.js";
import { lambdaEnvironment, logStreamName } from "./environment-spawn.js";
import { LambdaPlatformError } from "./errors.js";
import type { FunctionConfig } from "./function-config.js";
import { attachLogs, type FunctionLogSink } from "./function-logs.js";
import { buildReport, type InvocationReport, type InvocationResult } from "./invocation-report.js";
import { waitForInit } from "./runtime-api/init-phase.js";
import { type InvocationOutcome, RuntimeApiServer } from "./runtime-api/runtime-api-server.js";
import { type RuntimeLaunch, runtimeLaunch } from "./runtimes.js";

/** How to start one environment. */
export interface EnvironmentSpec {
  readonly config: FunctionConfig;
  /** The `builtin` runtime's entry; defaults to `dist/lambda/runtime/environment-main.js`. */
  readonly entryPath?: string;
  /** Receives the handler's stdout/stderr lines; without it they are drained and dropped. */
  readonly onLog?: FunctionLogSink;
  /**
   * Puts the new process under its CPU quota (the share of its memory size) right after the
   * spawn, before the runtime has loaded, so init and invocations run at that share.
   */
  readonly limitCpu?: (pid: number) => void;
  /** How to start the runtime (default `runtimeLaunch`; the container target runs an image). */
  readonly launcher?: EnvironmentLauncher;
}

/** Chooses the program an environment runs for a function. */
export type EnvironmentLauncher = (config: FunctionConfig, builtinEntry?: string) => RuntimeLaunch;

type Outcome = InvocationOutcome | { type: "timeout" } | { type: "crash"; reason: string };

/**
 * One execution environment: a runtime process (any of `FUNCTION_RUNTIMES`) talking to its own
 * Runtime API server; it ran its init once and serves one invocation at a time.
 */
export class ExecutionEnvironment {
  /** The log stream name, which the handler sees as AWS_LAMBDA_LOG_STREAM_NAME. */
  readonly id: string;
  readonly pid: number;
  /** Process start -> the runtime's first `next`, in ms: the cold start. */
  readonly initDurationMs: number;
  readonly config: FunctionConfig;
  #child: ChildProcess;
  #api: RuntimeApiServer;
  #busy = false;
  #dead = false;
  #killed = false;
  #served = 0;
  #lastMaxRssKB = 0;
  #exitWaiters: Array<() => void> = [];
  #exitListeners: Array<(reason: string) => void> = [];

  private constructor(
    child: ChildProcess,
    api: RuntimeApiServer,
    id: string,
    initMs: number,
    config: FunctionConfig,
  ) {
    this.#child = child;
    this.#api = api;
    this.id = id;
    this.pid = child.pid ?? -1;
    this.initDurationMs = initMs;
    this.config = config;
    if (child.exitCode !== null || child.signalCode !== null) this.#dead = true;
    else child.once("exit", (code, signal) => this.#onExit(`exit code ${code}, signal ${signal}`));
  }

  /** Starts the Runtime API and the runtime process, and runs init; rejects (after killing it) if init fails. */
  static async start(spec: EnvironmentSpec): Promise<ExecutionEnvironment> {
    const { config } = spec;
    const launch = (spec.launcher ?? runtimeLaunch)(config, spec.entryPath);
    const id = logStreamName(randomUUID().replaceAll("-", ""));
    const functionArn = `arn:aws:lambda:${config.region}:000000000000:function:${config.functionName}`;
    // The built-in runtime talks to its API over a Unix socket (see RuntimeApiServer.start).
    const socketPath =
      config.runtime === "builtin"
        ? join(tmpdir(), `qs-rapi-${randomUUID().slice(0, 13)}.sock`)
        : undefined;
    const api = await RuntimeApiServer.start({
      functionArn,
      ...(socketPath === undefined ? {} : { socketPath }),
    });
    const identity = {
      streamName: id,
      runtimeApi: api.address,
      ...(launch.executionEnv === undefined ? {} : { executionEnv: launch.executionEnv }),
    };
    const spawnedUs = systemClock.nowUs();
    const child = spawn(launch.program, [...launch.args], {
      cwd: launch.cwd,
      env: {
        ...lambdaEnvironment(config, identity),
        ...(socketPath === undefined ? {} : { QUEUESHIFT_RUNTIME_API_SOCKET: socketPath }),
      },
      stdio: ["ignore", "pipe", "pipe"],
      // Its own process group: a terminal's Ctrl-C reaches only the harness, which drains and
      // then stops its environments in order; a kill takes the whole group (a `command` wrapper's
      // children too). Runtimes exit when their Runtime API goes away.
      detached: true,
    });
    try {
      trackEnvironment(child);
      if (spec.limitCpu !== undefined && child.pid !== undefined)
        applyQuota(spec.limitCpu, child.pid);
      attachLogs(child, id, spec.onLog);
      const readyUs = await waitForInit(child, api, config);
      return new ExecutionEnvironment(child, api, id, (readyUs - spawnedUs) / 1_000, config);
    } catch (err) {
      killGroup(child);
      await api.close();
      throw err;
    }
  }

  /** "busy" while serving, "dead" once the process has exited or was killed. */
  get state(): "idle" | "busy" | "dead" {
    if (this.#dead || this.#killed) return "dead";
    return this.#busy ? "busy" : "idle";
  }

  /** Registers a listener for the process's exit (crash, kill, timeout). */
  onExit(listener: (reason: string) => void): void {
    this.#exitListeners.push(listener);
  }

  /** Runs the handler once; never rejects: failures come back as `{ ok: false, error }`. */
  async invoke(event: unknown, requestId: string = randomUUID()): Promise<InvocationResult> {
    if (this.state !== "idle") {
      const why = this.#busy ? "is already serving an invocation" : "is dead";
      throw new LambdaPlatformError(
        "QS_LAMBDA_ENVIRONMENT_CRASHED",
        `Environment ${this.id} ${why}`,
      );
    }
    this.#busy = true;
    const cold = this.#served === 0;
    this.#served += 1;
    const startedUs = systemClock.nowUs();
    try {
      const outcome = await this.#exchange(event, requestId);
      const elapsedMs = (systemClock.nowUs() - startedUs) / 1_000;
      return this.#toResult(outcome, requestId, cold, elapsedMs);
    } finally {
      this.#busy = false;
    }
  }

  /** Kills the process group (SIGKILL) and resolves once the process has exited. */
  async kill(): Promise<void> {
    if (this.#dead) return;
    if (this.#killed) return new Promise<void>((resolve) => this.#exitWaiters.push(resolve));
    const exited = new Promise<void>((resolve) => this.#exitWaiters.push(resolve));
    this.#terminate();
    await exited;
  }

  #exchange(event: unknown, requestId: string): Promise<Outcome> {
    const timeoutMs = this.config.timeoutSeconds * 1000;
    return new Promise((resolve) => {
      let settled = false;
      const finish = (outcome: Outcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.#exitListeners = this.#exitListeners.filter((l) => l !== onCrash);
        resolve(outcome);
      };
      const onCrash = (reason: string) => {
        this.#api.abandon(requestId);
        finish({ type: "crash", reason });
      };
      const timer = setTimeout(() => {
        this.#api.abandon(requestId);
        this.#terminate();
        finish({ type: "timeout" });
      }, timeoutMs);
      this.#exitListeners.push(onCrash);
      const body = JSON.stringify(event ?? null);
      // Deadline-Ms is wall-clock epoch ms, which every runtime compares with its own
      // Date.now(): so it is set from Date.now() too, not from the monotonic epochMs() base.
      void this.#api
        .invoke({ requestId, body, deadlineMs: Date.now() + timeoutMs })
        .then((outcome) => finish(outcome));
    });
  }

  #toResult(
    outcome: Outcome,
    requestId: string,
    cold: boolean,
    elapsedMs: number,
  ): InvocationResult {
    const answered = outcome.type === "response" || outcome.type === "error";
    if (answered) {
      const peak = outcome.maxRssKB ?? peakRssKB(this.pid);
      this.#lastMaxRssKB = Math.max(this.#lastMaxRssKB, peak);
    }
    const report: InvocationReport = buildReport({
      requestId,
      environmentId: this.id,
      durationMs: answered ? outcome.durationMs : elapsedMs,
      memorySizeMB: this.config.memorySizeMB,
      maxRssKB: this.#lastMaxRssKB,
      ...(cold ? { initDurationMs: this.initDurationMs } : {}),
    });
    if (outcome.type === "response") {
      return { ok: true, response: parseResponse(outcome.body), report };
    }
    return { ok: false, error: this.#errorFor(outcome), report };
  }

  #errorFor(outcome: Exclude<Outcome, { type: "response" }>): LambdaPlatformError {
    if (outcome.type === "timeout") {
      const s = this.config.timeoutSeconds;
      return new LambdaPlatformError("QS_LAMBDA_TIMEOUT", `Task timed out after ${s} seconds`);
    }
    if (outcome.type === "crash") {
      const msg = `Environment ${this.id} (pid ${this.pid}) exited mid-invocation: ${outcome.reason}`;
      return new LambdaPlatformError("QS_LAMBDA_ENVIRONMENT_CRASHED", msg);
    }
    const e = outcome.error;
    return new LambdaPlatformError(
      "QS_LAMBDA_FUNCTION_ERROR",
      `${e.errorType}: ${e.errorMessage}`,
      { cause: e },
    );
  }

  /** SIGKILL; the environment counts as dead at once, before the exit event arrives. */
  #terminate(): void {
    this.#killed = true;
    killGroup(this.#child);
  }

  #onExit(reason: string): void {
    this.#dead = true;
    void this.#api.close();
    for (const listener of [...this.#exitListeners]) listener(reason);
    for (const resolve of this.#exitWaiters.splice(0)) resolve();
  }
}

function applyQuota(limitCpu: (pid: number) => void, pid: number): void {
  try {
    limitCpu(pid);
  } catch (err) {
    throw new LambdaPlatformError("QS_LAMBDA_INIT_FAILED", "could not apply the CPU quota", {
      cause: err,
    });
  }
}

/** SIGKILL to the process group (detached: the group id is the pid), else to the process. */
function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    child.kill("SIGKILL");
  }
}

/** Lambda hands the response on as JSON; a runtime may also post plain text. */
function parseResponse(body: string): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}

/** The process's peak RSS (`VmHWM`), in kB; 0 where /proc cannot tell (the process is gone). */
function peakRssKB(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m?.[1] === undefined ? 0 : Number(m[1]);
  } catch {
    return 0;
  }
}
