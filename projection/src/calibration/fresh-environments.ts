import type { ArchitectureResult, Assumption } from "@queueshift/shared-model";

/** What a run says of a new environment's first analyses (issue 13). */
export interface FreshEnvironments {
  /** Multiplier of the 1st, 2nd, ... analysis's handler time over a warm one's; 1 beyond. */
  readonly factors: Float64Array;
  readonly assumption: Assumption;
}

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

/** The last of a run's ordinal groups when it is the open-ended warm one and holds any. */
function warmGroup<G extends { readonly to: number | null; readonly count: number }>(
  groups: readonly G[] | undefined,
): G | undefined {
  const warm = groups?.[groups.length - 1];
  return warm !== undefined && warm.to === null && warm.count > 0 ? warm : undefined;
}

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
  const warm = warmGroup(groups);
  if (groups === undefined || warm === undefined) return null;
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

/** What a run says of a new environment's first invocations besides their analyses. */
export interface FreshInvocations {
  /** Seconds of work the 1st, 2nd, ... invocation takes beyond a warm one's overhead; 0 beyond. */
  readonly extra: Float64Array;
  /** The sum of `extra`: seconds of cold invocation work per new environment. */
  readonly perEnvironment: number;
  readonly assumption: Assumption;
}

/**
 * A fresh environment's first invocations also run the runtime's, the event parser's and the
 * publisher's code before the JIT has compiled it (on this machine ~40 ms of CPU more for the
 * first, ~10 ms for each of the next 15-20). From the run's `invocationsByOrdinal`: each group's
 * mean overhead (the runtime's CPU time less its records' analyses; REPORT Duration less their
 * handler time where the runtime measured no CPU) less the warm group's, at least 0, for every
 * ordinal of the group. The warm overhead itself stays the run's `invocationOverhead`. Null when
 * the run has no groups or no warm invocations.
 */
export function freshInvocations(
  async: ArchitectureResult | undefined,
  origin: string,
): FreshInvocations | null {
  const groups = async?.invocationsByOrdinal;
  const warm = warmGroup(groups);
  if (groups === undefined || warm === undefined) return null;
  const cpu = groups.every((g) => g.count === 0 || g.meanOverheadCpuUs !== null);
  const overhead = (g: (typeof groups)[number]) =>
    (cpu ? (g.meanOverheadCpuUs as number) : g.meanOverheadUs) / 1e6;
  const warmOverhead = overhead(warm);
  const fresh = groups.slice(0, -1);
  const extra = new Float64Array(fresh[fresh.length - 1]?.to ?? 0);
  const shown: string[] = [];
  let total = 0;
  for (const g of fresh) {
    const x = g.count > 0 ? Math.max(0, overhead(g) - warmOverhead) : 0;
    const to = g.to ?? g.from;
    extra.fill(x, g.from - 1, to);
    total += x * (to - g.from + 1);
    shown.push(
      `${g.from === g.to ? g.from : `${g.from}-${g.to}`}: +${round(x * 1e3, 2)} (n ${g.count})`,
    );
  }
  return {
    extra,
    perEnvironment: total,
    assumption: {
      name: "async.freshInvocationOverhead",
      kind: "measured",
      value: round(total * 1e3, 1),
      unit: "ms per new environment",
      source: `${origin}: invocationsByOrdinal, each group's mean ${cpu ? "CPU time of the runtime's process less its records' analyses' CPU time" : "REPORT Duration less its records' handler time"} over the warm group's (${warm.from}th invocation on, n ${warm.count}, ${round(warmOverhead * 1e3, 2)} ms), at least 0, ms by invocation ordinal ${shown.join(", ")}; added to a new environment's invocations as work (a replay's host: CPU on its cores) beside async.invocationOverhead`,
    },
  };
}
