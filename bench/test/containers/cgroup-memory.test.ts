// The cgroup peak-memory reader on this host's real /proc and /sys/fs/cgroup (v1 "hybrid" here,
// or v2): the container launcher reports Max Memory Used from it.
import { describe, expect, it } from "vitest";
import { cgroupPeakMemoryFile, readPeakMemoryKB } from "../../src/containers/cgroup-memory.js";

describe("cgroup peak memory", () => {
  it("finds this process's cgroup peak, at least its own resident memory", () => {
    const file = cgroupPeakMemoryFile(process.pid);
    expect(file).toMatch(/^\/sys\/fs\/cgroup\/.*(memory\.max_usage_in_bytes|memory\.peak)$/);
    const rssKB = process.memoryUsage().rss / 1024;
    expect(readPeakMemoryKB(file)).toBeGreaterThanOrEqual(rssKB * 0.9);
  });

  it("answers nothing for a pid that is gone, and 0 for a missing file", () => {
    expect(cgroupPeakMemoryFile(2 ** 22 + 1)).toBeUndefined(); // above the kernel's pid_max
    expect(readPeakMemoryKB("/sys/fs/cgroup/no-such-group/memory.peak")).toBe(0);
    expect(readPeakMemoryKB(undefined)).toBe(0);
  });
});
