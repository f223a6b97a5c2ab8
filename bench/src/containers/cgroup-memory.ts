import { readFileSync } from "node:fs";

/**
 * The file holding the peak memory use of the cgroup that `pid` runs in (a container's, as its
 * runtime made it): cgroup v1's `memory.max_usage_in_bytes` where the memory controller is on v1
 * (these hosts run "hybrid"), else cgroup v2's `memory.peak`. Undefined when `pid` is gone.
 * Like Lambda's "Max Memory Used", it is the whole sandbox's memory, page cache included.
 */
export function cgroupPeakMemoryFile(pid: number): string | undefined {
  let lines: string[];
  try {
    lines = readFileSync(`/proc/${pid}/cgroup`, "utf8").split("\n");
  } catch {
    return undefined;
  }
  const v1 = lines.find((l) => /^\d+:([^:]*,)?memory(,[^:]*)?:/.test(l));
  if (v1 !== undefined) {
    return `/sys/fs/cgroup/memory${v1.slice(v1.lastIndexOf(":") + 1)}/memory.max_usage_in_bytes`;
  }
  const v2 = lines.find((l) => l.startsWith("0::"));
  return v2 === undefined ? undefined : `/sys/fs/cgroup${v2.slice(3)}/memory.peak`;
}

/** The peak in kB from `cgroupPeakMemoryFile`; 0 when there is none (the cgroup is gone). */
export function readPeakMemoryKB(file: string | undefined): number {
  if (file === undefined) return 0;
  try {
    return Math.round(Number(readFileSync(file, "utf8").trim()) / 1024) || 0;
  } catch {
    return 0;
  }
}
