// Sync workers grouped into Fargate tasks under CPU quotas (real cgroups, the real built service):
// one worker per whole vCPU, one cgroup per task with the task's vCPU as its quota; a single
// process (WORKERS=1) is its own task. On a host that refuses quotas, nothing is placed.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { CpuQuotas } from "../../src/process/cpu-quota.js";
import { startSyncStack, workersPerTask } from "../../src/stack/index.js";
import { eventually } from "./support.js";

/** The cpu cgroup path of a process, e.g. `/queueshift-123-1-task0-0`. */
function cpuGroup(pid: number): string {
  const line = readFileSync(`/proc/${pid}/cgroup`, "utf8")
    .split("\n")
    .find((l) => /^\d+:(cpu|cpu,cpuacct|cpuacct,cpu):/.test(l) || l.startsWith("0::"));
  return line?.slice(line.lastIndexOf(":") + 1) ?? "";
}

describe("sync workers in Fargate tasks", () => {
  it("gives one worker per whole vCPU and one for a fractional task", () => {
    expect([0.25, 0.5, 1, 2, 4].map(workersPerTask)).toEqual([1, 1, 1, 2, 4]);
  });

  it("puts each 1 vCPU task's worker in its own group with a 1-core quota", async () => {
    const quotas = CpuQuotas.open();
    const stack = await startSyncStack({ workers: 2, task: { vcpu: 1, cpuQuotas: quotas } });
    try {
      const workers = () => stack.processes().filter((p) => p.component === "sync-worker");
      expect(await eventually(() => workers().length === 2, 10_000)).toBe(true);
      const groups = workers().map((w) => cpuGroup(w.pid));
      if (quotas.state.status === "not-applied") {
        expect(groups.every((g) => !g.includes("queueshift-"))).toBe(true);
        return;
      }
      expect(new Set(groups).size).toBe(2);
      for (const g of groups) {
        // Beside the host's processes (not nested in a run folder): `<root>-<label>-<n>`
        expect(g).toMatch(/^\/queueshift-\d+-\d+-task\d-\d+$/);
        const quota = readFileSync(join(dirname(quotas.state.root), g, "cpu.cfs_quota_us"), "utf8");
        expect(Number(quota)).toBe(20_000); // 1 vCPU x the 20 ms period
      }
      // The primary (the ALB's stand-in) is not limited.
      const primary = stack.processes().find((p) => p.component === "sync-primary");
      expect(cpuGroup(primary?.pid ?? -1)).not.toContain("queueshift-");
    } finally {
      await stack.stop();
      quotas.close();
    }
  });

  it("limits a single-process service (WORKERS=1) as its own 0.5 vCPU task", async () => {
    const quotas = CpuQuotas.open();
    const stack = await startSyncStack({ workers: 1, task: { vcpu: 0.5, cpuQuotas: quotas } });
    try {
      const only = stack.processes()[0];
      const group = cpuGroup(only?.pid ?? -1);
      if (quotas.state.status === "not-applied") expect(group).not.toContain("queueshift-");
      else {
        expect(group).toMatch(/-task0-\d+$/);
        const quota = readFileSync(
          join(dirname(quotas.state.root), group, "cpu.cfs_quota_us"),
          "utf8",
        );
        expect(Number(quota)).toBe(10_000);
      }
    } finally {
      await stack.stop();
      quotas.close();
    }
  });
});
