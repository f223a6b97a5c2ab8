import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { systemClock } from "../clock/index.js";
import type { EnvironmentLauncher, LaunchedRuntime } from "./environment-launcher.js";
import { logStreamName } from "./environment-spawn.js";
import { LambdaPlatformError } from "./errors.js";
import type { FunctionConfig } from "./function-config.js";
import { attachLogs, type FunctionLogSink } from "./function-logs.js";
import { type Outcome, toInvocationResult } from "./invocation-outcome.js";
import type { InvocationResult } from "./invocation-report.js";
import { processLauncher } from "./process-launcher.js";
import { waitForInit } from "./runtime-api/init-phase.js";
import { RuntimeApiServer } from "./runtime-api/runtime-api-server.js";

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
  /** Where the runtime runs (default `processLauncher`; the container target runs an image). */
  readonly launcher?: EnvironmentLauncher;
}

/** One invocation's options. */
export interface InvokeOptions {
  /** Defaults to a random UUID. */
  readonly requestId?: string;
  /** What the invocation may take; defaults to the function timeout. */
  readonly timeoutMs?: number;
}

/**
 * One execution environment: a runtime (any of `FUNCTION_RUNTIMES`, in a process or a
 * container) talking to its own Runtime API server; it ran its init once and serves one
 * invocation at a time.
 */
export class ExecutionEnvironment {
  /** The log stream name, which the handler sees as AWS_LAMBDA_LOG_STREAM_NAME. */
  readonly id: string;
  readonly pid: number;
  /** Start requested -> the runtime's first `next`, in ms: the cold start. */
  readonly initDurationMs: number;
  /** INIT's CPU time (ms), when the runtime said it (the built-in runtime does). */
  readonly initCpuMs: number | undefined;
  readonly config: FunctionConfig;
  #runtime: LaunchedRuntime;
  #api: RuntimeApiServer;
  #busy = false;
  #dead = false;
  #killed = false;
  #served = 0;
  #lastMaxRssKB = 0;
  #exitWaiters: Array<() => void> = [];
  #exitListeners: Array<(reason: string) => void> = [];

  private constructor(
    runtime: LaunchedRuntime,
    api: RuntimeApiServer,
    id: string,
    init: { readonly ms: number; readonly cpuMs?: number | undefined },
    config: FunctionConfig,
  ) {
    this.#runtime = runtime;
    this.#api = api;
    this.id = id;
    this.pid = runtime.pid;
    this.initDurationMs = init.ms;
    this.initCpuMs = init.cpuMs;
    this.config = config;
    if (runtime.hasExited()) this.#dead = true;
    else
      runtime.events.once("exit", (code, signal) =>
        this.#onExit(`exit code ${code}, signal ${signal}`),
      );
  }

  /** Starts the Runtime API and the runtime, and runs init; rejects (after killing it) if init fails. */
  static async start(spec: EnvironmentSpec): Promise<ExecutionEnvironment> {
    const { config } = spec;
    const launcher = spec.launcher ?? processLauncher;
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
    let runtime: LaunchedRuntime | undefined;
    try {
      runtime = await launcher.launch({
        config,
        streamName: id,
        runtimeApi: api.address,
        ...(spec.entryPath === undefined ? {} : { builtinEntry: spec.entryPath }),
        ...(socketPath === undefined ? {} : { runtimeApiSocket: socketPath }),
        ...(spec.limitCpu === undefined ? {} : { limitCpu: spec.limitCpu }),
      });
      attachLogs(runtime, id, spec.onLog);
      const ready = await waitForInit(runtime.events, api, config);
      const ms = (ready.atUs - runtime.requestedUs) / 1_000;
      return new ExecutionEnvironment(runtime, api, id, { ms, cpuMs: ready.cpuMs }, config);
    } catch (err) {
      runtime?.kill();
      await api.close();
      throw err;
    }
  }

  /** "busy" while serving, "dead" once the runtime has exited or was killed. */
  get state(): "idle" | "busy" | "dead" {
    if (this.#dead || this.#killed) return "dead";
    return this.#busy ? "busy" : "idle";
  }

  /** Invocations handed to this environment so far (the current one included). */
  get invocations(): number {
    return this.#served;
  }

  /** Registers a listener for the runtime's exit (crash, kill, timeout). */
  onExit(listener: (reason: string) => void): void {
    this.#exitListeners.push(listener);
  }

  /**
   * Runs the handler once; never rejects: failures come back as `{ ok: false, error }`.
   * `timeoutMs` (default: the function timeout) is what this invocation may take.
   */
  async invoke(
    event: unknown,
    { requestId = randomUUID(), timeoutMs = this.config.timeoutSeconds * 1000 }: InvokeOptions = {},
  ): Promise<InvocationResult> {
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
      const outcome = await this.#exchange(event, requestId, timeoutMs);
      const elapsedMs = (systemClock.nowUs() - startedUs) / 1_000;
      if (outcome.type === "response" || outcome.type === "error") {
        const peak = outcome.maxRssKB ?? this.#runtime.peakMemoryKB();
        this.#lastMaxRssKB = Math.max(this.#lastMaxRssKB, peak);
      }
      return toInvocationResult(outcome, {
        requestId,
        environmentId: this.id,
        runtimeLabel: this.#runtime.label,
        config: this.config,
        elapsedMs,
        maxRssKB: this.#lastMaxRssKB,
        ...(cold ? { initDurationMs: this.initDurationMs } : {}),
      });
    } finally {
      this.#busy = false;
    }
  }

  /** Kills the runtime (SIGKILL) and resolves once it has exited. */
  async kill(): Promise<void> {
    if (this.#dead) return;
    if (this.#killed) return new Promise<void>((resolve) => this.#exitWaiters.push(resolve));
    const exited = new Promise<void>((resolve) => this.#exitWaiters.push(resolve));
    this.#terminate();
    await exited;
  }

  #exchange(event: unknown, requestId: string, timeoutMs: number): Promise<Outcome> {
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

  /** SIGKILL; the environment counts as dead at once, before the exit event arrives. */
  #terminate(): void {
    this.#killed = true;
    this.#runtime.kill();
  }

  #onExit(reason: string): void {
    this.#dead = true;
    void this.#api.close();
    for (const listener of [...this.#exitListeners]) listener(reason);
    for (const resolve of this.#exitWaiters.splice(0)) resolve();
  }
}
