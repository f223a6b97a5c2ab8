import type { ArchitectureResult } from "@queueshift/shared-model";
import { percentileMs } from "../data/histograms.js";
import type { LatencyObjective } from "./profile.js";

/** One objective checked against one architecture's latency histogram. */
export interface ObjectiveCheck {
  readonly architecture: "sync" | "async";
  readonly label: string;
  readonly percentile: number;
  readonly targetMs: number;
  /** null when the architecture has no latency histogram or no samples. */
  readonly measuredMs: number | null;
  readonly met: boolean | null;
}

/**
 * Checks each objective against the architecture's `latency` histogram (sync: response time;
 * async: end to end, result available - intended submit time), both from the intended time.
 */
export function checkObjectives(
  arch: ArchitectureResult,
  objectives: readonly LatencyObjective[],
): ObjectiveCheck[] {
  const h = arch.histograms.latency;
  return objectives.map((o) => {
    const measuredMs = h === undefined || h.count === 0 ? null : percentileMs(h, o.percentile);
    return {
      architecture: arch.architecture,
      label: o.label,
      percentile: o.percentile,
      targetMs: o.ms,
      measuredMs,
      met: measuredMs === null ? null : measuredMs <= o.ms,
    };
  });
}

/** Whether every check passed (false if any failed or was not measurable). */
export function allMet(checks: readonly ObjectiveCheck[]): boolean {
  return checks.length > 0 && checks.every((c) => c.met === true);
}
