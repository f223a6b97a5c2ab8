import { isValidFargateSize } from "@queueshift/shared-model";
import { Issues } from "../engine/projection-error.js";

/** Design A's settings: Fargate tasks behind an ALB with ECS target-tracking auto scaling. */
export interface SyncParams {
  readonly vcpu: number;
  readonly memoryGb: number;
  readonly architecture: "x86" | "arm64";
  /** Node worker processes per task; each runs one request at a time (CPU-bound service). */
  readonly workersPerTask: number;
  readonly minTasks: number;
  readonly maxTasks: number;
  /** Tasks at the start of the simulation; null = as many as the warm-up rate keeps at the target. */
  readonly initialTasks: number | null;
  /** The balancer gives up on a request after this long (504); queued requests are dropped then. */
  readonly requestTimeoutSeconds: number;
  readonly autoscaling: boolean;
  /** Target tracking's average CPU target, fraction of the tasks' vCPUs. */
  readonly targetCpu: number;
  readonly metricPeriodSeconds: number;
  readonly datapointsOut: number;
  readonly datapointsIn: number;
  /** The scale-in alarm fires below targetCpu x this. */
  readonly scaleInRatio: number;
  /** From the last breaching datapoint to the scaling action; null = derived for the period. */
  readonly alarmDelaySeconds: number | null;
  readonly scaleOutCooldownSeconds: number;
  readonly scaleInCooldownSeconds: number;
  /** A new task's launch -> healthy in the target group, uniform in [min, max] seconds. */
  readonly taskStartMinSeconds: number;
  readonly taskStartMaxSeconds: number;
  /** Cores one worker of the measured run had (service times are scaled from it). */
  readonly measuredCoresPerWorker: number;
}

/** Defaults of SyncParams, each with its source (aws-facts.md sections). */
export const SYNC_PARAM_DEFAULTS: Readonly<SyncParams> = Object.freeze({
  vcpu: 1,
  memoryGb: 2,
  architecture: "x86",
  workersPerTask: 1,
  minTasks: 2,
  maxTasks: 200,
  initialTasks: null,
  requestTimeoutSeconds: 60,
  autoscaling: true,
  targetCpu: 0.6,
  metricPeriodSeconds: 60,
  datapointsOut: 3,
  datapointsIn: 15,
  scaleInRatio: 0.9,
  alarmDelaySeconds: null,
  scaleOutCooldownSeconds: 300,
  scaleInCooldownSeconds: 300,
  taskStartMinSeconds: 30,
  taskStartMaxSeconds: 90,
  measuredCoresPerWorker: 1,
});

/** Where each default comes from (written to the projection's assumptions). */
export const SYNC_PARAM_SOURCES: Readonly<Record<keyof SyncParams, string>> = Object.freeze({
  vcpu: "assumed: 1 vCPU / 2 GB, the smallest task with a whole vCPU (aws-facts 8.2)",
  memoryGb: "assumed: 1 vCPU / 2 GB (aws-facts 8.2)",
  architecture: "assumed: x86 (aws-facts 8.1 prices)",
  workersPerTask: "cost model: one Node worker per vCPU (shared-model sync-cost)",
  minTasks: "cost model SYNC_DEFAULTS.minTasks: two AZs",
  maxTasks: "assumed: ECS service maximum capacity",
  initialTasks: "derived: tasks the warm-up rate keeps at the CPU target",
  requestTimeoutSeconds: "ALB connection idle timeout default 60 s (ALB docs; not in aws-facts)",
  autoscaling: "assumed: ECS service auto scaling on (aws-facts 8.3)",
  targetCpu:
    "cost model SYNC_DEFAULTS.targetUtilisation 0.6 (ECSServiceAverageCPUUtilization, aws-facts 8.3)",
  metricPeriodSeconds: "aws-facts 0.8: 1-minute datapoints (20 s optional since 2026-06-18)",
  datapointsOut: "aws-facts 0.8: 3 consecutive datapoints to scale out",
  datapointsIn: "aws-facts 0.8: 15 datapoints to scale in",
  scaleInRatio: "assumed: target tracking's low alarm sits at 90% of the target (not in aws-facts)",
  alarmDelaySeconds:
    "derived from aws-facts 0.8 (AWS's test): time-to-trigger 363 s at 60 s = 3 x 60 + 183 s; 86 s at 20 s = 3 x 20 + 26 s",
  scaleOutCooldownSeconds: "aws-facts 8.3: 300 s default (B, assumed to mirror scale-in)",
  scaleInCooldownSeconds: "aws-facts 0.8/8.3: ScaleInCooldown 300 s default (A)",
  taskStartMinSeconds:
    "aws-facts 8.4: 30-90 s for a small image (unverified estimate); 0.9: no image cache",
  taskStartMaxSeconds:
    "aws-facts 8.4: 30-90 s (0.8 measured 109 s trigger-to-running with 20 s metrics)",
  measuredCoresPerWorker: "assumed: each local worker had a whole core (2 workers on 2 cores)",
});

/** The alarm delay for a metric period when not set: AWS's measured figures (aws-facts 0.8). */
export function alarmDelayFor(p: SyncParams): number {
  if (p.alarmDelaySeconds !== null) return p.alarmDelaySeconds;
  return p.metricPeriodSeconds <= 20 ? 26 : 183;
}

/** Merges overrides onto the defaults and validates every field (throws with all issues). */
export function resolveSyncParams(overrides: Partial<SyncParams> = {}): SyncParams {
  const p = { ...SYNC_PARAM_DEFAULTS, ...overrides };
  const i = new Issues();
  i.check(
    isValidFargateSize(p.vcpu, p.memoryGb),
    "sync.vcpu",
    `${p.vcpu} vCPU / ${p.memoryGb} GB is not a Fargate task size`,
  );
  i.check(
    p.architecture === "x86" || p.architecture === "arm64",
    "sync.architecture",
    "must be x86 or arm64",
  );
  i.range(p.workersPerTask, "sync.workersPerTask", 1, 64);
  i.range(p.minTasks, "sync.minTasks", 1);
  i.range(p.maxTasks, "sync.maxTasks", p.minTasks, 5_000);
  if (p.initialTasks !== null) i.range(p.initialTasks, "sync.initialTasks", 1, p.maxTasks);
  i.range(p.requestTimeoutSeconds, "sync.requestTimeoutSeconds", 0.001, 4_000);
  i.range(p.targetCpu, "sync.targetCpu", 0.05, 0.99);
  i.check([20, 60].includes(p.metricPeriodSeconds), "sync.metricPeriodSeconds", "must be 20 or 60");
  i.range(p.datapointsOut, "sync.datapointsOut", 1, 100);
  i.range(p.datapointsIn, "sync.datapointsIn", 1, 100);
  i.range(p.scaleInRatio, "sync.scaleInRatio", 0.1, 1);
  if (p.alarmDelaySeconds !== null)
    i.range(p.alarmDelaySeconds, "sync.alarmDelaySeconds", 0, 3_600);
  i.range(p.scaleOutCooldownSeconds, "sync.scaleOutCooldownSeconds", 0, 3_600);
  i.range(p.scaleInCooldownSeconds, "sync.scaleInCooldownSeconds", 0, 3_600);
  i.range(p.taskStartMinSeconds, "sync.taskStartMinSeconds", 0, 3_600);
  i.range(p.taskStartMaxSeconds, "sync.taskStartMaxSeconds", p.taskStartMinSeconds, 3_600);
  i.range(p.measuredCoresPerWorker, "sync.measuredCoresPerWorker", 0.01, 64);
  i.throwIfAny();
  return Object.freeze(p);
}
