import type { WorkloadName } from "@queueshift/shared-model";
import type { ProvisionedPollerConfig } from "../lambda/provisioned-mode.js";
import type { ScheduleSpec } from "../load/schedule-spec.js";
import type { BodiesSpec, TargetsSpec } from "./target-types.js";

/** Which architectures a scenario measures, one after the other (never at once: 2 cores). */
export const ArchitectureChoices = {
  sync: "sync",
  async: "async",
  both: "both",
} as const;

/** A value of `ArchitectureChoices`. */
export type ArchitectureChoice = (typeof ArchitectureChoices)[keyof typeof ArchitectureChoices];

/** Where a scenario's stacks run: processes on this host, or containers of the project's images. */
export const DeploymentTargets = ["processes", "containers"] as const;

/** A value of `DeploymentTargets`. */
export type DeploymentTarget = (typeof DeploymentTargets)[number];

/** One measured architecture. */
export type Architecture = "sync" | "async";

/** Fixed connections, each sending back to back for `duration` seconds (autocannon, max throughput). */
export interface ClosedSpec {
  readonly executor: "closed";
  readonly connections: number;
  readonly duration: number;
}

/** The measured load: an open-model schedule (k6 arrival-rate executors) or the closed model. */
export type LoadSpec = ScheduleSpec | ClosedSpec;

/** Warm-up before measuring, recorded apart: constant `rate` arrivals/s for `duration` s. */
export interface WarmupSpec {
  /** Seconds; 0 = no warm-up. */
  readonly duration: number;
  /** Arrivals per second (open model) during warm-up; closed scenarios warm up closed. */
  readonly rate: number;
}

/** One request kind of the mix: a `WORKLOADS` preset and its relative weight. */
export interface WorkloadWeight {
  readonly preset: WorkloadName;
  readonly weight: number;
}

/** Settings of the synchronous stack. */
export interface SyncSettings {
  /** Worker processes behind the cluster primary. */
  readonly workers: number;
  /**
   * vCPU of the Fargate task the workers stand for (0.25 to 16, aws-facts 8.2): each task runs
   * max(1, floor(vCPU)) workers under a CPU quota of its vCPU, so service times are the task's.
   */
  readonly taskVcpu: number;
}

/** Settings of the asynchronous stack (queue, event source mapping, function). */
export interface AsyncSettings {
  readonly memorySizeMB: number;
  readonly batchSize: number;
  readonly batchingWindowSeconds: number;
  /** The mapping's ScalingConfig.MaximumConcurrency (standard mode; ignored in provisioned mode). */
  readonly maxConcurrency: number;
  /** Concurrent executions the function may have before it throttles (the account's limit). */
  readonly accountConcurrency: number;
  /** Provisioned mode's pollers (aws-facts 0.3); absent = standard (on-demand) polling. */
  readonly provisionedPollerConfig?: ProvisionedPollerConfig;
  readonly keepAliveSeconds: number;
  readonly visibilityTimeoutSeconds: number;
  readonly maxReceiveCount: number;
  readonly functionTimeoutSeconds: number;
}

/** How long the end of a run may wait for outstanding work. */
export interface DrainSettings {
  /** Seconds after the last arrival to wait for results (async) or responses (sync). */
  readonly timeoutSeconds: number;
}

/** A complete, validated scenario with every default applied (frozen). */
export interface Scenario {
  readonly name: string;
  readonly description: string;
  readonly load: LoadSpec;
  readonly warmup: WarmupSpec;
  readonly workload: readonly WorkloadWeight[];
  /** Seed of the workload mix: the same seed gives both architectures the same body sequence. */
  readonly seed: number;
  readonly architectures: ArchitectureChoice;
  /** Processes on this host (default) or containers of the project's images. */
  readonly target: DeploymentTarget;
  readonly sync: SyncSettings;
  readonly async: AsyncSettings;
  readonly drain: DrainSettings;
  /** The scenario's own targets (target-types.ts); absent = the built-in TypeScript core. */
  readonly targets?: TargetsSpec;
  /** Request bodies instead of the workload mix (target-types.ts). */
  readonly bodies?: BodiesSpec;
}

/** Defaults for the optional parts of a scenario file (units in comments). */
export const SCENARIO_DEFAULTS = Object.freeze({
  warmup: Object.freeze({ duration: 10, rate: 10 }), // s, arrivals/s
  workload: Object.freeze([Object.freeze({ preset: "medium", weight: 1 })]),
  seed: 1,
  architectures: "both",
  target: "processes",
  sync: Object.freeze({
    // The 2-core dev box: one worker per core (the load generator shares them).
    workers: 2,
    taskVcpu: 1, // a 1 vCPU / 2 GB task: one worker per task, the Fargate size priced by default
  }),
  async: Object.freeze({
    // 1,769 MB = one vCPU (aws-facts 1.3), so a local process per environment is a fair match.
    memorySizeMB: 1_769,
    batchSize: 10, // AWS default (aws-facts 2.3)
    batchingWindowSeconds: 0, // s; AWS default for SQS (aws-facts 2.3)
    // AWS minimum MaximumConcurrency is 2 (aws-facts 2.2); two environments fill 2 cores.
    maxConcurrency: 2,
    accountConcurrency: 1_000, // default account limit per region (aws-facts 0.5)
    keepAliveSeconds: 300, // s; AWS publishes none, 5-15 min observed (pool-config.ts)
    visibilityTimeoutSeconds: 60, // s; >= 6x the function timeout (aws-facts 2.3)
    maxReceiveCount: 5, // >= 5 (aws-facts 2.3)
    functionTimeoutSeconds: 10, // s; max 900 (aws-facts 1.3)
  }),
  drain: Object.freeze({ timeoutSeconds: 60 }), // s
} as const);
