import type { ResultDocument } from "@queueshift/shared-model";
import { advise } from "../advice/advise.js";
import { allMet } from "../advice/objectives.js";
import type { UserProfile } from "../advice/profile.js";
import { billedHandlerMsPerInvocation, measuredMeanBatch } from "../cost/cost-inputs.js";
import { architectureOf, syncCapacity } from "../cost/measured-usage.js";
import type { PriceChoice } from "../cost/price-choice.js";
import { percentileMs } from "../data/histograms.js";

/** Costs within this share of each other count as equal (the model's inputs are measured). */
export const EQUAL_COST_TOLERANCE = 0.02;

/** One measured size of a sweep: async memory (MB) or sync task vCPU. */
export interface SweepPoint {
  readonly size: number;
  readonly runId: string;
  /** Async: billed handler ms per message; sync: the completed requests' p50 (ms). */
  readonly durationMs: number;
  /** The completed requests' p99 (sync: response, async: end to end), ms; null without samples. */
  readonly p99Ms: number | null;
  /** Every objective met over all arrivals of the run. */
  readonly meets: boolean;
  /** USD a month at the user's volume for this design at this size. */
  readonly monthly: number;
  /** Sync only: requests/s one vCPU served. */
  readonly capacityPerVcpu?: number;
}

/** A sweep's points with the two marks the report draws. */
export interface Sweep {
  readonly design: "sync" | "async";
  readonly points: readonly SweepPoint[];
  /** The cheapest size that meets the objective; null: none does. */
  readonly cheapestMeeting: number | null;
  /** The fastest size costing no more than the cheapest meeting one (within the tolerance). */
  readonly fastestAtEqualCost: number | null;
}

function point(
  doc: ResultDocument,
  design: "sync" | "async",
  size: number,
  profile: UserProfile,
  prices: PriceChoice,
): SweepPoint | null {
  const arch = architectureOf(doc, design);
  if (arch === undefined) return null;
  const advice = advise(doc, profile, prices);
  const monthly = advice.projection[design]?.total;
  if (monthly === undefined) return null;
  const latency = arch.histograms.latency;
  const p99Ms = latency !== undefined && latency.count > 0 ? percentileMs(latency, 99) : null;
  const meets = doc.outcome.status === "completed" && allMet(advice.objectives);
  if (design === "async") {
    const durationMs = billedHandlerMsPerInvocation(arch) / measuredMeanBatch(arch);
    return { size, runId: doc.runId, durationMs, p99Ms, meets, monthly };
  }
  const p50 = latency !== undefined && latency.count > 0 ? percentileMs(latency, 50) : 0;
  const capacityPerVcpu = syncCapacity(arch, doc).capacityPerVcpu;
  return { size, runId: doc.runId, durationMs: p50, p99Ms, meets, monthly, capacityPerVcpu };
}

/** The two marks over a sweep's points (pure: exported for its tests). */
export function sweepMarks(
  points: readonly SweepPoint[],
): Pick<Sweep, "cheapestMeeting" | "fastestAtEqualCost"> {
  const meeting = points.filter((p) => p.meets);
  const cheapest = [...meeting].sort(
    (a, b) => a.monthly - b.monthly || a.durationMs - b.durationMs,
  )[0];
  if (cheapest === undefined) return { cheapestMeeting: null, fastestAtEqualCost: null };
  const equal = meeting.filter((p) => p.monthly <= cheapest.monthly * (1 + EQUAL_COST_TOLERANCE));
  const fastest = [...equal].sort((a, b) => a.durationMs - b.durationMs)[0] ?? cheapest;
  return { cheapestMeeting: cheapest.size, fastestAtEqualCost: fastest.size };
}

/** A sweep from its runs (one design each), sizes in the order measured. */
export function buildSweep(
  design: "sync" | "async",
  runs: ReadonlyArray<{ readonly size: number; readonly doc: ResultDocument }>,
  profile: UserProfile,
  prices: PriceChoice,
): Sweep {
  const points = runs
    .map((r) => point(r.doc, design, r.size, profile, prices))
    .filter((p): p is SweepPoint => p !== null)
    .sort((a, b) => a.size - b.size);
  return { design, points, ...sweepMarks(points) };
}
