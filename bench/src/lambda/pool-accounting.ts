import type { Clock } from "../clock/index.js";
import type { SampleSink } from "../metrics/samples.js";
import type { LambdaPlatformError } from "./errors.js";
import type { InvocationResult } from "./invocation-report.js";
import type { EnvironmentSample, PlatformSample } from "./samples.js";

/** Cumulative counters of a pool since it was created. */
export interface PoolCounters {
  readonly invocations: number;
  readonly coldStarts: number;
  /** INITs that ran past their limit and were retried under the function timeout (aws-facts 0.1). */
  readonly initRetries: number;
  readonly errors: number;
  readonly throttles: number;
  readonly environmentsStarted: number;
  readonly reaped: number;
  readonly crashed: number;
  readonly timedOut: number;
}

/** What a pool counts and the samples it emits: every invocation, start and exit once. */
export class PoolAccounting {
  readonly #clock: Clock;
  readonly #sink: SampleSink<PlatformSample>;
  #counters: { -readonly [K in keyof PoolCounters]: number } = {
    invocations: 0,
    coldStarts: 0,
    initRetries: 0,
    errors: 0,
    throttles: 0,
    environmentsStarted: 0,
    reaped: 0,
    crashed: 0,
    timedOut: 0,
  };

  constructor(clock: Clock, sink: SampleSink<PlatformSample>) {
    this.#clock = clock;
    this.#sink = sink;
  }

  /** A copy of the counters. */
  counters(): PoolCounters {
    return { ...this.#counters };
  }

  /** Adds one to a counter that has no sample of its own here (throttles, retries, reaps). */
  count(key: "throttles" | "initRetries" | "reaped" | "crashed"): void {
    this.#counters[key] += 1;
  }

  /**
   * An environment that started, after `initDurationMs` (a retried INIT's first attempt included)
   * and `initCpuMs` of its runtime's CPU time when it said it (the attempt that succeeded only: a
   * timed-out attempt's process is killed before it can say).
   */
  started(environmentId: string, initDurationMs: number, initCpuMs?: number): void {
    this.#counters.environmentsStarted += 1;
    this.emit({
      event: "started",
      environmentId,
      initDurationMs,
      ...(initCpuMs === undefined ? {} : { initCpuMs }),
    });
  }

  /** An environment that did not start: an error, and the cold invocation that failed with it. */
  initFailed(error: LambdaPlatformError): void {
    this.#counters.errors += 1;
    this.emit({ event: "init-failed", reason: error.message });
    this.#sink({
      type: "invocation",
      atUs: this.#clock.nowUs(),
      ok: false,
      cold: true,
      errorCode: error.code,
    });
  }

  /**
   * One invocation's result (the environment's `ordinal`th): counters, a timeout's or crash's
   * environment sample, and the invocation sample.
   */
  invocation(environmentId: string, result: InvocationResult, ordinal: number): void {
    const cold = result.report?.initDurationMs !== undefined;
    this.#counters.invocations += 1;
    if (cold) this.#counters.coldStarts += 1;
    if (!result.ok) {
      this.#counters.errors += 1;
      const reason = result.error.message;
      if (result.error.code === "QS_LAMBDA_TIMEOUT") {
        this.#counters.timedOut += 1;
        this.emit({ event: "timed-out", environmentId, reason });
      } else if (result.error.code === "QS_LAMBDA_ENVIRONMENT_CRASHED") {
        this.#counters.crashed += 1;
        this.emit({ event: "crashed", environmentId, reason });
      }
    }
    this.#sink({
      type: "invocation",
      atUs: this.#clock.nowUs(),
      ok: result.ok,
      cold,
      ordinal,
      ...(result.ok ? {} : { errorCode: result.error.code }),
      ...(result.report === undefined ? {} : { report: result.report }),
      ...(result.cpuMs === undefined ? {} : { cpuMs: result.cpuMs }),
    });
  }

  /** An environment sample (started, reaped, shutdown, crashed, ...) stamped now. */
  emit(sample: Omit<EnvironmentSample, "type" | "atUs">): void {
    this.#sink({ type: "environment", atUs: this.#clock.nowUs(), ...sample });
  }
}
