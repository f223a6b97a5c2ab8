import type { FieldIssue } from "@queueshift/shared-model";
import type { Clock } from "../clock/index.js";
import type { SampleSink } from "../metrics/samples.js";
import type { CpuQuotas } from "../process/cpu-quota.js";
import type { EnvironmentLauncher } from "./environment-launcher.js";
import { throwIfIssues } from "./errors.js";
import {
  type FunctionConfig,
  type FunctionOptions,
  resolveFunctionConfig,
} from "./function-config.js";
import type { FunctionLogSink } from "./function-logs.js";
import type { PlatformSample } from "./samples.js";

/** Options of an environment pool (one function). */
export interface PoolOptions {
  readonly function: FunctionOptions;
  /** Most environments alive at once: the account's (or reserved) concurrency. */
  readonly maxConcurrency?: number;
  /** New environments the function may add per 10 s (the function scaling rate). */
  readonly scalingRatePer10s?: number;
  /** Seconds an idle environment is kept warm before it is reaped. */
  readonly keepAliveSeconds?: number;
  /** How often idle environments are checked against the keep-alive, in ms. */
  readonly reapIntervalMs?: number;
  readonly entryPath?: string;
  /** Where each environment's runtime runs (default `processLauncher`: a process per `runtimeLaunch`). */
  readonly launcher?: EnvironmentLauncher;
  readonly onLog?: FunctionLogSink;
  readonly onSample?: SampleSink<PlatformSample>;
  /** Time source of the keep-alive (default: the system clock). */
  readonly clock?: Clock;
  /** CPU quotas of the run: each environment gets its memory size's share (`lambdaCpuShare`). */
  readonly cpuQuotas?: CpuQuotas;
}

/** Pool defaults. */
export const poolDefaults = Object.freeze({
  // Default account concurrency per region is 1,000 (aws-facts 1.3).
  maxConcurrency: 1_000,
  // Each function adds up to 1,000 environments every 10 s, beyond that it throttles (aws-facts 0.4).
  scalingRatePer10s: 1_000,
  // AWS publishes no keep-alive (aws-facts is silent); idle environments are commonly observed to
  // live 5–15 minutes, so 5 min is the conservative end. Tests set ~1 s.
  keepAliveSeconds: 300,
  reapIntervalMs: 1_000, // ms
});

/** Pool settings after defaults and validation. */
export interface PoolConfig {
  readonly function: FunctionConfig;
  readonly maxConcurrency: number;
  readonly scalingRatePer10s: number;
  readonly keepAliveSeconds: number;
  readonly reapIntervalMs: number;
}

/** Applies the defaults, validates every option at once, and freezes the result. */
export function resolvePoolConfig(options: PoolOptions): PoolConfig {
  const config: PoolConfig = {
    function: resolveFunctionConfig(options.function),
    maxConcurrency: options.maxConcurrency ?? poolDefaults.maxConcurrency,
    scalingRatePer10s: options.scalingRatePer10s ?? poolDefaults.scalingRatePer10s,
    keepAliveSeconds: options.keepAliveSeconds ?? poolDefaults.keepAliveSeconds,
    reapIntervalMs: options.reapIntervalMs ?? poolDefaults.reapIntervalMs,
  };
  const issues: FieldIssue[] = [];
  for (const key of ["maxConcurrency", "scalingRatePer10s"] as const) {
    if (!Number.isInteger(config[key]) || config[key] < 1) {
      issues.push({ path: key, message: "must be an integer >= 1" });
    }
  }
  if (!(config.keepAliveSeconds >= 0)) {
    issues.push({ path: "keepAliveSeconds", message: "must be >= 0" });
  }
  if (!(config.reapIntervalMs > 0)) issues.push({ path: "reapIntervalMs", message: "must be > 0" });
  throwIfIssues("pool options", issues);
  return Object.freeze(config);
}
