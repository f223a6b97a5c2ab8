import { readFileSync } from "node:fs";

// The harness's one reader of Linux /proc: the resource sampler's CPU and RSS per component, and
// an environment's peak RSS for its REPORT line.

/** One reading of a process: CPU seconds since it started, resident and peak resident bytes. */
export interface ProcReading {
  readonly cpuSeconds: number;
  readonly rssBytes: number;
  readonly peakRssBytes: number;
}

/** Reads a process's counters; undefined once it has exited. */
export type ProcReader = (pid: number) => ProcReading | undefined;

// USER_HZ: the unit of utime/stime in /proc/<pid>/stat. It is 100 on every mainstream Linux
// build (x86-64, arm64); Node cannot call sysconf(_SC_CLK_TCK) to check.
const CLOCK_TICKS_PER_SECOND = 100;

/** A `Key:   123 kB` line of /proc/<pid>/status, in kB (0 when absent). */
const statusKB = (status: string, key: string) =>
  Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);

/** Reads /proc/<pid>/stat (utime + stime) and /proc/<pid>/status (VmRSS, VmHWM). */
export const readProc: ProcReader = (pid) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name may hold spaces and parentheses: fields are counted after the last ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]); // fields 14 and 15: utime, stime
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    return {
      cpuSeconds: ticks / CLOCK_TICKS_PER_SECOND,
      rssBytes: statusKB(status, "VmRSS") * 1024,
      peakRssBytes: statusKB(status, "VmHWM") * 1024,
    };
  } catch {
    return undefined;
  }
};

/** The process's peak RSS (`VmHWM`) in kB from /proc/<pid>/status alone; 0 once it is gone. */
export function readPeakRssKB(pid: number): number {
  try {
    return statusKB(readFileSync(`/proc/${pid}/status`, "utf8"), "VmHWM");
  } catch {
    return 0;
  }
}
