import { MB_PER_VCPU } from "../cost/sensitivity.js";
import type { ArchitectureResult, ResultDocument } from "./result-document.js";

/** The CPU share a run's async handler durations were measured at, and how that is known. */
export interface MeasuredCpuShare {
  /** Cores each execution environment had, at most 1 (a single-threaded handler uses one). */
  readonly cores: number;
  /** Whether the run applied Lambda's memory-to-CPU share (cgroup quota) to its environments. */
  readonly applied: boolean;
  /** Why, in words, for reports and projection assumptions. */
  readonly note: string;
}

/**
 * Where a run's handler durations come from: under the quota `settings.cpuShareCores` when the
 * run applied CPU shares (`cpuShares.status` "applied"; without a recorded share, its memory's,
 * min(1, MB / 1,769), aws-facts 1.3), else at a whole core (quotas refused, or a run from before
 * CPU shares existed). Issue 11 item 2: cost and projection scale from this, not from 1,769 MB.
 */
export function measuredCpuShare(doc: ResultDocument, arch: ArchitectureResult): MeasuredCpuShare {
  if (doc.cpuShares?.status === "applied") {
    const recorded = arch.settings.cpuShareCores;
    const mb = arch.lambda?.memorySizeMB ?? MB_PER_VCPU;
    const cores = Math.min(
      1,
      typeof recorded === "number" && recorded > 0 ? recorded : mb / MB_PER_VCPU,
    );
    return {
      cores,
      applied: true,
      note: `measured under a CPU quota of ${cores.toFixed(3)} cores (the configured memory's share)`,
    };
  }
  const why =
    doc.cpuShares === undefined
      ? "the run predates CPU shares"
      : `CPU quotas were not applied: ${doc.cpuShares.reason}`;
  return { cores: 1, applied: false, note: `measured at a full core (${why})` };
}
