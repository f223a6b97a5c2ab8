import { type ChildProcess, fork } from "node:child_process";
import { randomUUID } from "node:crypto";
import { trackEnvironment } from "./environment-guard.js";
import { defaultEntryPath, lambdaEnvironment, logStreamName } from "./environment-spawn.js";
import { LambdaPlatformError } from "./errors.js";
import { type FunctionConfig, memoryExecArgv } from "./function-config.js";
import { attachLogs, type FunctionLogSink } from "./function-logs.js";
import { waitForReady } from "./init-handshake.js";
import { buildReport, type InvocationReport, type InvocationResult } from "./invocation-report.js";
import type { ChildMessage, ResultMessage } from "./runtime/protocol.js";

/** How to start one environment. */
export interface EnvironmentSpec {
  readonly config: FunctionConfig;
  /** Built runtime entry; defaults to `dist/lambda/runtime/environment-main.js`. */
  readonly entryPath?: string;
  /** Receives the handler's stdout/stderr lines; without it they are drained and dropped. */
  readonly onLog?: FunctionLogSink;
  /**
   * Puts the new process under its CPU quota (the share of its memory size) right after the
   * fork, before node has loaded the runtime entry, so init and invocations run at that share.
   */
  readonly limitCpu?: (pid: number) => void;
}

/** One execution environment: a child process that ran its init once and serves one invocation at a time. */
export class ExecutionEnvironment {
  /** The log stream name, which the handler sees as AWS_LAMBDA_LOG_STREAM_NAME. */
  readonly id: string;
  readonly pid: number;
  /** Spawn -> ready, in ms: the cold start. */
  readonly initDurationMs: number;
  readonly config: FunctionConfig;
  #child: ChildProcess;
  #busy = false;
  #dead = false;
  #killed = false;
  #served = 0;
  #lastMaxRssKB = 0;
  #exitWaiters: Array<() => void> = [];
  #exitListeners: Array<(reason: string) => void> = [];

  private constructor(child: ChildProcess, id: string, initMs: number, config: FunctionConfig) {
    this.#child = child;
    this.id = id;
    this.pid = child.pid ?? -1;
    this.initDurationMs = initMs;
    this.config = config;
    child.once("exit", (code, signal) => this.#onExit(`exit code ${code}, signal ${signal}`));
  }

  /** Spawns the process and runs init; rejects (after killing the process) if init fails. */
  static async start(spec: EnvironmentSpec): Promise<ExecutionEnvironment> {
    const { config } = spec;
    const entry = spec.entryPath ?? defaultEntryPath();
    const id = logStreamName(randomUUID().replaceAll("-", ""));
    const spawnedAt = performance.now();
    const child = fork(entry, [], {
      execArgv: memoryExecArgv(config.memorySizeMB),
      env: lambdaEnvironment(config, id),
      stdio: ["ignore", "pipe", "pipe", "ipc"],
      serialization: "json",
      // Its own process group: a terminal's Ctrl-C reaches only the harness, which drains and
      // then stops its environments in order (they still exit when the IPC channel closes).
      detached: true,
    });
    trackEnvironment(child);
    if (spec.limitCpu !== undefined && child.pid !== undefined) {
      try {
        spec.limitCpu(child.pid);
      } catch (err) {
        child.kill("SIGKILL");
        throw new LambdaPlatformError("QS_LAMBDA_INIT_FAILED", "could not apply the CPU quota", {
          cause: err,
        });
      }
    }
    attachLogs(child, id, spec.onLog);
    try {
      await waitForReady(child, config);
    } catch (err) {
      child.kill("SIGKILL");
      throw err;
    }
    return new ExecutionEnvironment(child, id, performance.now() - spawnedAt, config);
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
    const timeoutMs = this.config.timeoutSeconds * 1000;
    const startedAt = performance.now();
    try {
      const outcome = await this.#exchange(event, requestId, timeoutMs);
      const elapsed = performance.now() - startedAt;
      return this.#toResult(outcome, requestId, cold, elapsed);
    } finally {
      this.#busy = false;
    }
  }

  /** Kills the process (SIGKILL) and resolves once it has exited. */
  async kill(): Promise<void> {
    if (this.#dead) return;
    if (this.#killed) return new Promise<void>((resolve) => this.#exitWaiters.push(resolve));
    const exited = new Promise<void>((resolve) => this.#exitWaiters.push(resolve));
    this.#terminate();
    await exited;
  }

  #exchange(
    event: unknown,
    requestId: string,
    timeoutMs: number,
  ): Promise<ResultMessage | { type: "timeout" } | { type: "crash"; reason: string }> {
    return new Promise((resolve) => {
      const onMessage = (message: ChildMessage) => {
        if (message.type !== "result" || message.requestId !== requestId) return;
        cleanup();
        resolve(message);
      };
      const onCrash = (reason: string) => {
        cleanup();
        resolve({ type: "crash", reason });
      };
      const timer = setTimeout(() => {
        cleanup();
        this.#terminate();
        resolve({ type: "timeout" });
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.#child.off("message", onMessage);
        this.#exitListeners = this.#exitListeners.filter((l) => l !== onCrash);
      };
      this.#child.on("message", onMessage);
      this.#exitListeners.push(onCrash);
      this.#child.send({ type: "invoke", requestId, event, timeoutMs }, (err) => {
        if (err !== null) onCrash(`IPC send failed: ${err.message}`);
      });
    });
  }

  #toResult(
    outcome: ResultMessage | { type: "timeout" } | { type: "crash"; reason: string },
    requestId: string,
    cold: boolean,
    elapsedMs: number,
  ): InvocationResult {
    if (outcome.type === "result") this.#lastMaxRssKB = outcome.maxRssKB;
    const report: InvocationReport = buildReport({
      requestId,
      environmentId: this.id,
      durationMs: outcome.type === "result" ? outcome.durationMs : elapsedMs,
      memorySizeMB: this.config.memorySizeMB,
      maxRssKB: this.#lastMaxRssKB,
      ...(cold ? { initDurationMs: this.initDurationMs } : {}),
    });
    if (outcome.type === "result" && outcome.ok)
      return { ok: true, response: outcome.response, report };
    return { ok: false, error: this.#errorFor(outcome), report };
  }

  #errorFor(
    outcome: ResultMessage | { type: "timeout" } | { type: "crash"; reason: string },
  ): LambdaPlatformError {
    if (outcome.type === "timeout") {
      const s = this.config.timeoutSeconds;
      return new LambdaPlatformError("QS_LAMBDA_TIMEOUT", `Task timed out after ${s} seconds`);
    }
    if (outcome.type === "crash") {
      const msg = `Environment ${this.id} (pid ${this.pid}) exited mid-invocation: ${outcome.reason}`;
      return new LambdaPlatformError("QS_LAMBDA_ENVIRONMENT_CRASHED", msg);
    }
    const e = outcome.error ?? { errorType: "Error", errorMessage: "unknown handler error" };
    return new LambdaPlatformError(
      "QS_LAMBDA_FUNCTION_ERROR",
      `${e.errorType}: ${e.errorMessage}`,
      {
        cause: e,
      },
    );
  }

  /** SIGKILL; the environment counts as dead at once, before the exit event arrives. */
  #terminate(): void {
    this.#killed = true;
    this.#child.kill("SIGKILL");
  }

  #onExit(reason: string): void {
    this.#dead = true;
    for (const listener of [...this.#exitListeners]) listener(reason);
    for (const resolve of this.#exitWaiters.splice(0)) resolve();
  }
}
