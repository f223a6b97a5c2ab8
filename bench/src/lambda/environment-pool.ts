import { type Clock, systemClock } from "../clock/index.js";
import { lambdaCpuShare } from "../process/cpu-quota.js";
import { LambdaPlatformError } from "./errors.js";
import { ExecutionEnvironment } from "./execution-environment.js";
import type { FunctionConfig } from "./function-config.js";
import { startWithInitRetry } from "./init-retry.js";
import { type InvocationResult, withSuppressedInit } from "./invocation-report.js";
import { PoolAccounting, type PoolCounters } from "./pool-accounting.js";
import { type PoolOptions, resolvePoolConfig } from "./pool-config.js";
import { discardSamples, type EnvironmentCounts } from "./samples.js";
import { ScalingRateLimiter } from "./scaling-rate.js";

interface IdleEntry {
  readonly env: ExecutionEnvironment;
  readonly since: number;
}

/** Warm-first pool of execution environments for one function, with Lambda's reuse rules. */
export class EnvironmentPool {
  readonly function: FunctionConfig;
  readonly maxConcurrency: number;
  readonly keepAliveMs: number;
  #options: PoolOptions;
  #clock: Clock;
  #accounting: PoolAccounting;
  #scalingRate: ScalingRateLimiter;
  #idle: IdleEntry[] = []; // a stack: the most recently used environment is served first
  #busy = new Set<ExecutionEnvironment>();
  #starting = 0;
  #pending = new Set<Promise<unknown>>();
  #expectedExit = new WeakSet<ExecutionEnvironment>();
  /** INIT ms of a timed-out first attempt, billed with the environment's first invocation. */
  #suppressedInitMs = new WeakMap<ExecutionEnvironment, number>();
  #closed = false;
  #reaper: NodeJS.Timeout;

  constructor(options: PoolOptions) {
    const config = resolvePoolConfig(options);
    this.function = config.function;
    this.maxConcurrency = config.maxConcurrency;
    this.keepAliveMs = config.keepAliveSeconds * 1000;
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
    this.#accounting = new PoolAccounting(this.#clock, options.onSample ?? discardSamples);
    this.#scalingRate = new ScalingRateLimiter(config.scalingRatePer10s, 10, this.#clock);
    this.#reaper = setInterval(() => this.#reap(), config.reapIntervalMs);
    this.#reaper.unref();
  }

  /** Each environment runs at the CPU its memory size buys on Lambda (min(1, MB / 1,769) below 1,769 MB). */
  readonly #limitCpu = (pid: number): void => {
    this.#options.cpuQuotas?.limit(pid, lambdaCpuShare(this.function.memorySizeMB), "env");
  };

  /** The function timeout, which the event source mapping checks the visibility timeout against. */
  get timeoutSeconds(): number {
    return this.function.timeoutSeconds;
  }

  /** Environments per state right now. */
  stats(): EnvironmentCounts {
    return { busy: this.#busy.size, idle: this.#idle.length, starting: this.#starting };
  }

  /** Counters since creation. */
  counters(): PoolCounters {
    return this.#accounting.counters();
  }

  /** Live environments (id, pid, state), e.g. to find a pid to kill in a test. */
  environments(): Array<{ id: string; pid: number; state: "idle" | "busy" }> {
    const busy = [...this.#busy].map((e) => ({ id: e.id, pid: e.pid, state: "busy" as const }));
    const idle = this.#idle.map(({ env }) => ({
      id: env.id,
      pid: env.pid,
      state: "idle" as const,
    }));
    return [...busy, ...idle];
  }

  /** Invokes the function once on a warm environment, or a new (cold) one; never rejects. */
  invoke(event: unknown): Promise<InvocationResult> {
    const run = this.#invoke(event);
    this.#pending.add(run);
    return run.finally(() => this.#pending.delete(run));
  }

  /** Stops taking work, waits for in-flight invocations (bounded by the timeout), kills every environment. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#reaper);
    await Promise.allSettled([...this.#pending]);
    const idle = this.#idle.splice(0).map(({ env }) => env);
    await Promise.all(idle.map((env) => this.#retire(env, "shutdown")));
  }

  async #invoke(event: unknown): Promise<InvocationResult> {
    if (this.#closed) return this.#fail("QS_LAMBDA_POOL_CLOSED", "The environment pool is closed");
    let env = this.#takeIdle();
    if (env === undefined) {
      const throttled = this.#admitNew();
      if (throttled !== undefined) return throttled;
      const started = await this.#start();
      if (!started.ok) return started;
      env = started.env;
    }
    this.#busy.add(env);
    const timeoutMs = this.#firstInvokeBudgetMs(env);
    const result = this.#billSuppressedInit(
      env,
      await env.invoke(event, timeoutMs === undefined ? {} : { timeoutMs }),
    );
    this.#busy.delete(env);
    this.#account(env, result);
    if (env.state !== "dead") {
      if (this.#closed) await this.#retire(env, "shutdown");
      else this.#idle.push({ env, since: this.#clock.nowUs() });
    }
    return result;
  }

  /** Account concurrency, then the scaling rate (aws-facts 0.4, 0.5): a throttle, or undefined to start one. */
  #admitNew(): InvocationResult | undefined {
    let why: string | undefined;
    if (this.#busy.size + this.#idle.length + this.#starting >= this.maxConcurrency) {
      why = `Rate Exceeded: all ${this.maxConcurrency} environments (the concurrency limit) are busy`;
    } else if (!this.#scalingRate.tryTake()) {
      why = `Rate Exceeded: the function already added ${this.#scalingRate.perWindow} environments in the last 10 s`;
    }
    if (why === undefined) return undefined;
    this.#accounting.count("throttles");
    return this.#fail("QS_LAMBDA_THROTTLED", why);
  }

  async #start(): Promise<
    { ok: true; env: ExecutionEnvironment } | (InvocationResult & { ok: false })
  > {
    this.#starting += 1;
    try {
      const { env, suppressedInitMs } = await startWithInitRetry(
        this.function,
        this.#clock,
        (config) =>
          ExecutionEnvironment.start({
            config,
            ...(this.#options.entryPath === undefined
              ? {}
              : { entryPath: this.#options.entryPath }),
            ...(this.#options.launcher === undefined ? {} : { launcher: this.#options.launcher }),
            ...(this.#options.onLog === undefined ? {} : { onLog: this.#options.onLog }),
            ...(this.#options.cpuQuotas === undefined ? {} : { limitCpu: this.#limitCpu }),
          }),
        () => this.#accounting.count("initRetries"),
      );
      if (suppressedInitMs > 0) this.#suppressedInitMs.set(env, suppressedInitMs);
      env.onExit((reason) => this.#onExit(env, reason));
      this.#accounting.started(env.id, env.initDurationMs + suppressedInitMs, env.initCpuMs);
      return { ok: true, env };
    } catch (err) {
      const error =
        err instanceof LambdaPlatformError
          ? err
          : new LambdaPlatformError("QS_LAMBDA_INIT_FAILED", "Environment failed to start", {
              cause: err,
            });
      this.#accounting.initFailed(error);
      return { ok: false, error };
    } finally {
      this.#starting -= 1;
    }
  }

  /**
   * A retried INIT runs inside the first invocation under the function timeout (aws-facts 0.1),
   * so that invocation's handler gets what the retried INIT left of it; others get it whole.
   */
  #firstInvokeBudgetMs(env: ExecutionEnvironment): number | undefined {
    if (!this.#suppressedInitMs.has(env)) return undefined;
    return Math.max(0, this.function.timeoutSeconds * 1000 - env.initDurationMs);
  }

  /** The first invocation after a retried INIT also bills the timed-out attempt (aws-facts 0.1). */
  #billSuppressedInit(env: ExecutionEnvironment, result: InvocationResult): InvocationResult {
    const suppressed = this.#suppressedInitMs.get(env);
    if (suppressed === undefined || result.report?.initDurationMs === undefined) return result;
    this.#suppressedInitMs.delete(env);
    return { ...result, report: withSuppressedInit(result.report, suppressed) };
  }

  #account(env: ExecutionEnvironment, result: InvocationResult): void {
    // The kill's exit event may arrive after the invocation returned: it is not a crash.
    if (!result.ok && result.error.code === "QS_LAMBDA_TIMEOUT") this.#expectedExit.add(env);
    this.#accounting.invocation(env.id, result, env.invocations);
  }

  #takeIdle(): ExecutionEnvironment | undefined {
    for (let entry = this.#idle.pop(); entry !== undefined; entry = this.#idle.pop()) {
      if (entry.env.state === "idle") return entry.env;
    }
    return undefined;
  }

  #reap(): void {
    const now = this.#clock.nowUs();
    const expired = this.#idle.filter(({ since }) => now - since > this.keepAliveMs * 1_000);
    if (expired.length === 0) return;
    this.#idle = this.#idle.filter((entry) => !expired.includes(entry));
    for (const { env } of expired) {
      this.#accounting.count("reaped");
      void this.#retire(env, "reaped");
    }
  }

  async #retire(env: ExecutionEnvironment, why: "reaped" | "shutdown"): Promise<void> {
    this.#expectedExit.add(env);
    this.#accounting.emit({ event: why, environmentId: env.id });
    await env.kill();
  }

  #onExit(env: ExecutionEnvironment, reason: string): void {
    this.#idle = this.#idle.filter((entry) => entry.env !== env);
    // A busy environment's exit is reported by its invocation (timeout or crash); a retired one was expected.
    if (this.#expectedExit.delete(env) || this.#busy.has(env)) return;
    this.#accounting.count("crashed");
    this.#accounting.emit({
      event: "crashed",
      environmentId: env.id,
      reason: `idle environment exited: ${reason}`,
    });
  }

  #fail(code: "QS_LAMBDA_POOL_CLOSED" | "QS_LAMBDA_THROTTLED", message: string): InvocationResult {
    return { ok: false, error: new LambdaPlatformError(code, message) };
  }
}
