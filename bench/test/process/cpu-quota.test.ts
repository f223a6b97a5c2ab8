// CPU quotas on the real host (cgroups, as root) and on a host that refuses them (a read-only
// cgroup root): applied, the kernel holds a CPU-bound child to its share; refused, the run goes on
// and the reason is kept.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { CpuQuotas, lambdaCpuShare } from "../../src/process/cpu-quota.js";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux (getconf CLK_TCK)

/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill("SIGKILL");
});

function busyChild(): ChildProcess {
  const c = spawn(process.execPath, ["-e", "for(;;){}"], { stdio: "ignore" });
  children.push(c);
  return c;
}

describe("lambdaCpuShare", () => {
  it("gives 1 vCPU at 1,769 MB, in proportion below and above, at most 6", () => {
    expect(lambdaCpuShare(1_769)).toBe(1);
    expect(lambdaCpuShare(512)).toBeCloseTo(0.2894, 4);
    expect(lambdaCpuShare(128)).toBeCloseTo(0.07236, 5);
    expect(lambdaCpuShare(3_538)).toBe(2);
    expect(lambdaCpuShare(10_240)).toBeCloseTo(5.789, 3);
    expect(lambdaCpuShare(20_000)).toBe(6);
  });
});

const hostHasQuotas =
  process.platform === "linux" &&
  process.getuid?.() === 0 &&
  (() => {
    try {
      readFileSync("/sys/fs/cgroup/cpu/cpu.cfs_quota_us");
      return true;
    } catch {
      return false;
    }
  })();

describe("CPU quotas on this host", () => {
  it(hostHasQuotas
    ? "holds a busy child to a quarter of a core"
    : "says why quotas are not applied", async () => {
    const quotas = CpuQuotas.open();
    let groupMade = "";
    try {
      if (!hostHasQuotas) {
        expect(quotas.state.status).toBe("not-applied");
        return;
      }
      expect(quotas.state).toMatchObject({ status: "applied", mechanism: "cgroup-v1" });
      const child = busyChild();
      const group = quotas.limit(child.pid ?? -1, 0.25, "busy");
      expect(group).toBeDefined();
      groupMade = group ?? "";
      expect(readFileSync(join(group ?? "", "cpu.cfs_quota_us"), "utf8").trim()).toBe("5000"); // 0.25 x the 20 ms period
      // Beside the host's processes, weighted as one task (nested in one folder, all of a run's
      // groups would share one task's weight against the processes beside them)
      expect(dirname(group ?? "")).toBe("/sys/fs/cgroup/cpu");
      expect(readFileSync(join(group ?? "", "cpu.shares"), "utf8").trim()).toBe("1024");
      await sleep(300); // past node's start-up
      const before = cpuSeconds(child.pid ?? -1);
      const wallStart = performance.now();
      await sleep(2_000);
      const used = cpuSeconds(child.pid ?? -1) - before;
      const wall = (performance.now() - wallStart) / 1000;
      // Unlimited it would use ~1 core; the quota allows 0.25. Tick accounting is 10 ms coarse.
      expect(used / wall).toBeGreaterThan(0.15);
      expect(used / wall).toBeLessThan(0.32);
    } finally {
      quotas.close();
    }
    // close() removed the run's groups.
    if (quotas.state.status === "applied") expect(existsSync(groupMade)).toBe(false);
  }, 15_000);
});

describe("two sets of quotas in one process", () => {
  it("keeps each in its own folder: closing one leaves the other's groups", () => {
    // Prepare
    const first = CpuQuotas.open();
    const second = CpuQuotas.open();
    if (!hostHasQuotas) {
      expect([first.state.status, second.state.status]).toEqual(["not-applied", "not-applied"]);
      return;
    }
    try {
      // Act
      first.close();
      const child = busyChild();
      const group = second.limit(child.pid ?? -1, 0.5, "after");

      // Assess
      expect(first.state.status === "applied" && first.state.root).not.toBe(
        second.state.status === "applied" && second.state.root,
      );
      expect(group).toBeDefined();
      expect(readFileSync(join(group ?? "", "cpu.cfs_quota_us"), "utf8").trim()).toBe("10000");
      // A 2-vCPU task (two workers) weighs as two tasks
      const task = second.limit(busyChild().pid ?? -1, 2, "task");
      expect(readFileSync(join(task ?? "", "cpu.shares"), "utf8").trim()).toBe("2048");
    } finally {
      second.close();
    }
  });
});

describe("a host that refuses quotas", () => {
  it("goes on without them and names the reason when the cgroup root is read-only", () => {
    const root = mkdtempSync(join(tmpdir(), "qs-cgroup-ro-"));
    mkdirSync(join(root, "cpu"));
    writeFileSync(join(root, "cpu", "cpu.cfs_quota_us"), "-1\n");
    const asRoot = process.getuid?.() === 0;
    // Root ignores permission bits, so it gets a read-only bind mount; anyone else a 0555 folder.
    if (asRoot) {
      execFileSync("mount", ["--bind", root, root]);
      execFileSync("mount", ["-o", "remount,bind,ro", root]);
    } else {
      execFileSync("chmod", ["0555", join(root, "cpu")]);
    }
    try {
      const quotas = CpuQuotas.open({ cgroupRoot: root });
      expect(quotas.state.status).toBe("not-applied");
      expect(quotas.state.status === "not-applied" && quotas.state.reason).toContain(
        join(root, "cpu"),
      );
      const child = busyChild();
      expect(quotas.limit(child.pid ?? -1, 0.5)).toBeUndefined();
      quotas.close();
    } finally {
      if (asRoot) execFileSync("umount", [root]);
      else execFileSync("chmod", ["0755", join(root, "cpu")]);
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("names the missing controller when there is no cpu hierarchy", () => {
    const root = mkdtempSync(join(tmpdir(), "qs-cgroup-none-"));
    try {
      const quotas = CpuQuotas.open({ cgroupRoot: root });
      expect(quotas.state).toEqual({
        status: "not-applied",
        reason: expect.stringContaining("no cgroup cpu controller"),
      });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
