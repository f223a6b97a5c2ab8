import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readFileSync,
  rmdirSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import type { ResultDocument } from "@queueshift/shared-model";

/**
 * CPU as AWS would give it: each execution environment (and each sync task) runs in a cgroup
 * whose CFS quota is its share of a core, so a duration measured here is the duration at that
 * share. Linux only; cgroup v2 (`cpu.max`) or v1 (`cpu.cfs_quota_us` / `cpu.cfs_period_us`),
 * whichever the host mounts (these machines run v1 "hybrid", where v2 holds no cpu controller).
 * Where the host refuses (not root, read-only, no cpu controller), nothing is limited and the
 * reason is kept, so the run can say its durations were measured at full core.
 */

/** Lambda gives 1 vCPU at 1,769 MB and scales linearly with memory (aws-facts 1.3). */
export const LAMBDA_MB_PER_VCPU = 1_769;
/** Lambda's largest share: 6 vCPU at 10,240 MB (aws-facts 1.3). */
export const LAMBDA_MAX_VCPU = 6;

/** The CPU (in cores) Lambda gives a function of `memorySizeMB`: MB / 1,769, at most 6. */
export function lambdaCpuShare(memorySizeMB: number): number {
  return Math.min(LAMBDA_MAX_VCPU, memorySizeMB / LAMBDA_MB_PER_VCPU);
}

/**
 * 20 ms CFS period (the kernel's default is 100 ms). Within one period a process may use its whole
 * quota at once, so with 100 ms a 10 ms job at 0.29 cores would finish unthrottled in its first
 * slice; a shorter period spreads the share over short jobs too. 20 ms keeps 128 MB's 0.072 cores
 * (a 1.45 ms quota) above the kernel's 1 ms minimum.
 */
const PERIOD_US = 20_000;
/** The kernel's smallest CFS quota is 1 ms (kernel/sched/core.c, min_cfs_quota_period). */
const MIN_QUOTA_US = 1_000;

/** What the run did about CPU shares; goes into the result document as `cpuShares`. */
export type CpuSharesState = NonNullable<ResultDocument["cpuShares"]>;

interface Layout {
  readonly mechanism: "cgroup-v1" | "cgroup-v2";
  /** The folder under which this run's groups are made. */
  readonly base: string;
}

function detect(cgroupRoot: string): Layout | string {
  if (process.platform !== "linux")
    return `CPU quotas need Linux cgroups; this is ${process.platform}`;
  const v1 = join(cgroupRoot, "cpu");
  if (existsSync(join(v1, "cpu.cfs_quota_us"))) return { mechanism: "cgroup-v1", base: v1 };
  const controllers = join(cgroupRoot, "cgroup.controllers");
  if (existsSync(controllers) && readFileSync(controllers, "utf8").split(/\s+/).includes("cpu")) {
    return { mechanism: "cgroup-v2", base: cgroupRoot };
  }
  return `no cgroup cpu controller under ${cgroupRoot} (neither v1 cpu/cpu.cfs_quota_us nor v2 cgroup.controllers with cpu)`;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

// CpuQuotas opened by this process so far: each gets its own name prefix.
let opened = 0;

/** CFS weight of one runnable task: v1 `cpu.shares` 1024, v2 `cpu.weight` 100 (the defaults). */
const TASK_WEIGHT = { "cgroup-v1": 1_024, "cgroup-v2": 100 } as const;

/**
 * This run's CPU quotas: one cgroup per limited process group, made beside the host's other
 * processes at the top of the cpu hierarchy as `<cgroup root>/<cpu hierarchy>/queueshift-<pid>-<n>-
 * <label>-<k>` (n counts the instances of this process, so closing one never removes another's
 * groups), each weighted as many tasks as its whole cores (at least one). Not nested under one run
 * folder: CFS weighs a folder as one task against the tasks beside it, so every environment of a
 * run shared one task's CPU against the broker's and the harness's threads whenever the host ran
 * short (4 busy environments got 0.29 cores each against 0.52 for each of 2 busy processes beside
 * them, 2026-12-02). `close()` removes the groups (after their processes have exited: a cgroup with
 * members cannot be removed, so members are moved out first).
 */
export class CpuQuotas {
  readonly #groups = new Set<string>();
  #next = 0;

  private constructor(
    readonly state: CpuSharesState,
    private readonly layout: Layout | undefined,
    private readonly prefix: string | undefined,
  ) {}

  /** Checks the run may make cgroups, or records why not (the run goes on at full core). */
  static open(options: { readonly cgroupRoot?: string } = {}): CpuQuotas {
    const root = options.cgroupRoot ?? "/sys/fs/cgroup";
    const layout = detect(root);
    if (typeof layout === "string")
      return new CpuQuotas({ status: "not-applied", reason: layout }, undefined, undefined);
    opened += 1;
    const prefix = join(layout.base, `queueshift-${process.pid}-${opened}`);
    try {
      accessSync(layout.base, constants.W_OK);
      if (layout.mechanism === "cgroup-v2") enableCpuController(layout.base);
      // A probe group: a host that lets the folder be read but not written is heard now.
      mkdirSync(`${prefix}-probe`);
      rmdirSync(`${prefix}-probe`);
    } catch (err) {
      return new CpuQuotas(
        {
          status: "not-applied",
          reason: `cannot create a cgroup under ${layout.base}: ${errorText(err)}`,
        },
        undefined,
        undefined,
      );
    }
    return new CpuQuotas(
      { status: "applied", mechanism: layout.mechanism, root: prefix },
      layout,
      prefix,
    );
  }

  /**
   * Puts `pid` (and the children it forks later) under a quota of `cores` cores. Returns the
   * group's path, or undefined when quotas are not applied. Throws when the kernel refuses a
   * quota for an open run (a broken host should be heard, not measured at the wrong CPU).
   */
  limit(pid: number, cores: number, label = "group"): string | undefined {
    if (this.layout === undefined || this.prefix === undefined) return undefined;
    if (!(cores > 0)) throw new RangeError(`cores must be > 0, got ${cores}`);
    const dir = `${this.prefix}-${label.replace(/[^A-Za-z0-9_-]/g, "_")}-${this.#next++}`;
    mkdirSync(dir);
    this.#groups.add(dir);
    const quotaUs = Math.max(MIN_QUOTA_US, Math.round(cores * PERIOD_US));
    const weight = TASK_WEIGHT[this.layout.mechanism] * Math.max(1, Math.ceil(cores - 1e-9));
    if (this.layout.mechanism === "cgroup-v1") {
      writeFileSync(join(dir, "cpu.cfs_period_us"), String(PERIOD_US));
      writeFileSync(join(dir, "cpu.cfs_quota_us"), String(quotaUs));
      writeFileSync(join(dir, "cpu.shares"), String(weight));
    } else {
      writeFileSync(join(dir, "cpu.max"), `${quotaUs} ${PERIOD_US}`);
      writeFileSync(join(dir, "cpu.weight"), String(weight));
    }
    writeFileSync(join(dir, "cgroup.procs"), String(pid));
    return dir;
  }

  /** Adds another process to a group made by `limit` (the workers of one Fargate task share it). */
  join(group: string, pid: number): void {
    if (!this.#groups.has(group)) throw new RangeError(`not a group of this run: ${group}`);
    writeFileSync(join(group, "cgroup.procs"), String(pid));
  }

  /** Removes the run's groups; members still alive are moved back to the parent first. */
  close(): void {
    if (this.layout === undefined || this.prefix === undefined) return;
    for (const dir of this.#groups) {
      try {
        for (const pid of readMembers(dir))
          writeFileSync(join(this.layout.base, "cgroup.procs"), pid);
        rmdirSync(dir);
      } catch {
        // A member that exited between read and move, or a group already gone: nothing to keep.
      }
      this.#groups.delete(dir);
    }
  }
}

function readMembers(dir: string): string[] {
  if (!existsSync(join(dir, "cgroup.procs"))) return [];
  return readFileSync(join(dir, "cgroup.procs"), "utf8")
    .split("\n")
    .filter((l) => l !== "");
}

/** cgroup v2: a child group gets the cpu controller only if its parent delegates it. */
function enableCpuController(base: string): void {
  const control = join(base, "cgroup.subtree_control");
  if (!readFileSync(control, "utf8").split(/\s+/).includes("cpu")) writeFileSync(control, "+cpu");
}
