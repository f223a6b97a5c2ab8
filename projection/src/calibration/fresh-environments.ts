import type { ArchitectureResult, Assumption } from "@queueshift/shared-model";

/** What a run says of a new environment's first analyses (issue 13). */
export interface FreshEnvironments {
  /** Multiplier of the 1st, 2nd, ... analysis's handler time over a warm one's; 1 beyond. */
  readonly factors: Float64Array;
  readonly assumption: Assumption;
}

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

/**
 * A fresh environment runs its first analyses before the JIT has compiled the code (on this
 * machine the first 4 medium analyses took ~70 ms of CPU against ~9 ms warm). From the run's
 * `analysesByOrdinal`: each group's mean CPU time (its handler time where the handler measured
 * no CPU) over the warm group's, at least 1 (a fresh analysis is never faster; a lower ratio is
 * noise), for every ordinal of the group. Null when the run has no groups or no warm analyses,
 * or lacks `handlerWarm` (then the draws keep the whole-run histograms, fresh ones mixed in).
 */
export function freshEnvironments(
  async: ArchitectureResult | undefined,
  origin: string,
): FreshEnvironments | null {
  const groups = async?.analysesByOrdinal;
  const warm = groups?.[groups.length - 1];
  if (groups === undefined || warm === undefined || warm.to !== null || warm.count === 0)
    return null;
  if (!((async?.histograms.handlerWarm?.count ?? 0) > 0)) return null;
  const cpu = groups.every((g) => g.count === 0 || g.meanHandlerCpuUs !== null);
  const mean = (g: (typeof groups)[number]) =>
    cpu ? (g.meanHandlerCpuUs as number) : g.meanHandlerUs;
  const warmMean = mean(warm);
  if (!(warmMean > 0)) return null;
  const fresh = groups.slice(0, -1);
  const last = fresh[fresh.length - 1]?.to ?? 0;
  const factors = new Float64Array(last).fill(1);
  const shown: string[] = [];
  for (const g of fresh) {
    const f = g.count > 0 ? Math.max(1, mean(g) / warmMean) : 1;
    factors.fill(f, g.from - 1, g.to ?? g.from);
    shown.push(`${g.from === g.to ? g.from : `${g.from}-${g.to}`}: ${round(f, 2)} (n ${g.count})`);
  }
  return {
    factors,
    assumption: {
      name: "async.freshEnvironmentFactors",
      kind: "measured",
      value: round(factors[0] ?? 1, 2),
      unit: "x",
      source: `${origin}: analysesByOrdinal, each group's mean ${cpu ? "CPU" : "handler"} time over the warm group's (${warm.from}th analysis on, n ${warm.count}, ${round(warmMean / 1e3, 2)} ms), at least 1: a new environment's analyses by ordinal ${shown.join(", ")}; the per-message draws come from the warm analyses (histograms.handlerWarm; a replay's work from handlerCpuWarm) x these`,
    },
  };
}
