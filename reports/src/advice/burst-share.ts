import { type ArchitectureResult, PHASE_CODES, type SeriesColumn } from "@queueshift/shared-model";
import type { LatencyObjective } from "./profile.js";

/** Rules that find a burst in the offered load and bound its share of arrivals within target. */
export const BURST_RULES = Object.freeze({
  burstRate: 1.5, // x the measure phase's median offered count: a burst second
  minExtraArrivals: 1, // and at least this many arrivals above the median (quiet runs are not bursty)
  settledLatency: 2, // the window ends once a second's p50 is back within 2x the usual p50
});

/** The share of one objective met by the arrivals of the burst windows (a lower bound). */
export interface BurstObjectiveShare {
  readonly label: string;
  readonly targetMs: number;
  /** Arrivals of the windows that succeeded within the target, at least. */
  readonly withinAtLeast: number;
  readonly share: number;
}

/** One design's burst windows and the share of their arrivals within each objective. */
export interface BurstShare {
  readonly architecture: "sync" | "async";
  /**
   * Seconds from the design's start (time-series rows): the first window's start and the last
   * one's end (exclusive).
   */
  readonly startSeconds: number;
  readonly endSeconds: number;
  /** Each burst's window, [start, end) seconds, in order (one per run of burst seconds). */
  readonly windows: readonly { readonly startSeconds: number; readonly endSeconds: number }[];
  readonly arrivals: number;
  readonly objectives: readonly BurstObjectiveShare[];
}

function column(arch: ArchitectureResult, name: SeriesColumn): (number | null)[] | null {
  const j = arch.timeSeries.columns.indexOf(name);
  return j < 0 ? null : arch.timeSeries.rows.map((r) => r[j] ?? null);
}

function median(values: readonly number[]): number {
  const s = [...values].sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)] ?? 0;
}

// Rows of the burst windows: each run of the measure phase's burst seconds, until latency has
// settled after its last one (a window that settles only into the next burst joins it); empty
// when the measure phase has no burst. A spike scenario with three bursts has three windows, not
// one spanning the calm seconds between them.
function windowRows(arch: ArchitectureResult): { from: number; to: number }[] {
  const offered = column(arch, "offered");
  const p50 = column(arch, "p50Us");
  if (offered === null || p50 === null) return [];
  const phase = column(arch, "phase");
  const measure = offered
    .map((_, i) => i)
    .filter((i) => phase === null || phase[i] === PHASE_CODES.measure);
  const usual = median(measure.map((i) => offered[i] ?? 0));
  const r = BURST_RULES;
  const bursty = measure.filter((i) => {
    const v = offered[i] ?? 0;
    return v >= usual * r.burstRate && v >= usual + r.minExtraArrivals;
  });
  if (bursty.length === 0) return [];
  const calm = median(measure.filter((i) => !bursty.includes(i)).map((i) => p50[i] ?? 0));
  const windows: { from: number; to: number }[] = [];
  for (let k = 0; k < bursty.length; ) {
    const from = bursty[k] as number;
    let last = from;
    while (k + 1 < bursty.length && bursty[k + 1] === last + 1) last = bursty[++k] as number;
    k++;
    let to = last + 1;
    while (to < offered.length && (p50[to] ?? 0) > calm * r.settledLatency) to += 1;
    const previous = windows[windows.length - 1];
    if (previous !== undefined && from <= previous.to) previous.to = Math.max(previous.to, to);
    else windows.push({ from, to });
  }
  return windows;
}

// Successes of one second within `us`, at least: 99 % of its completions when its p99 is within,
// 50 % when only its p50 is, else none; error responses (in sync's percentiles) are taken off.
function secondWithin(row: Record<"achieved" | "errors" | "p50" | "p99", number>, us: number) {
  const n = row.achieved + row.errors;
  const q = row.p99 <= us ? 0.99 : row.p50 <= us ? 0.5 : 0;
  return Math.max(0, Math.floor(q * n + 1e-9) - row.errors);
}

/**
 * The burst windows of a design (each run of seconds offered >= 1.5x the usual rate, until latency
 * is back within 2x its usual p50) and, per objective, a lower bound on the share of the window's
 * arrivals that succeeded within target, from the per-second p50/p99 of completions (the series
 * has no per-second histogram): completions in the window stand for its arrivals.
 */
export function burstShare(
  arch: ArchitectureResult,
  objectives: readonly LatencyObjective[],
): BurstShare | null {
  const ws = windowRows(arch);
  const first = ws[0];
  const last = ws[ws.length - 1];
  if (first === undefined || last === undefined) return null;
  const get = (name: SeriesColumn) => column(arch, name) ?? [];
  const [offered, achieved, errors, p50, p99] = (
    ["offered", "achieved", "errors", "p50Us", "p99Us"] as const
  ).map(get);
  let arrivals = 0;
  const within = objectives.map(() => 0);
  for (const w of ws)
    for (let i = w.from; i < w.to; i++) {
      arrivals += offered?.[i] ?? 0;
      const row = {
        achieved: achieved?.[i] ?? 0,
        errors: errors?.[i] ?? 0,
        p50: p50?.[i] ?? Number.POSITIVE_INFINITY,
        p99: p99?.[i] ?? Number.POSITIVE_INFINITY,
      };
      objectives.forEach((o, k) => {
        within[k] = (within[k] ?? 0) + secondWithin(row, o.ms * 1000);
      });
    }
  const dt = arch.timeSeries.intervalSeconds;
  return {
    architecture: arch.architecture,
    startSeconds: first.from * dt,
    endSeconds: last.to * dt,
    windows: ws.map((w) => ({ startSeconds: w.from * dt, endSeconds: w.to * dt })),
    arrivals,
    objectives: objectives.map((o, k) => {
      const n = Math.min(arrivals, within[k] ?? 0);
      return {
        label: o.label,
        targetMs: o.ms,
        withinAtLeast: n,
        share: arrivals > 0 ? n / arrivals : 0,
      };
    }),
  };
}
