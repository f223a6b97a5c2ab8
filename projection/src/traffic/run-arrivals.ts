import { type ArchitectureResult, createRng } from "@queueshift/shared-model";
import type { MeasureWindow } from "../engine/recorder.js";
import type { ArrivalSchedule } from "./arrivals.js";

/** A run's arrival process as a replay needs it: the arrival times and the measured window. */
export interface RunArrivals {
  readonly arrivals: ArrivalSchedule;
  readonly window: MeasureWindow;
}

interface Span {
  readonly from: number;
  readonly to: number;
  readonly rate: number;
}

// The offered rate the run's time series recorded, as constant-rate spans (row i covers the
// time since row i - 1; a row is counted when its arrivals were sent).
function offeredSpans(a: ArchitectureResult): Span[] {
  const cols = a.timeSeries.columns;
  const t = cols.indexOf("t");
  const offered = cols.indexOf("offered");
  if (t < 0 || offered < 0) return [];
  const spans: Span[] = [];
  let from = 0;
  for (const row of a.timeSeries.rows) {
    const to = row[t] ?? from;
    if (to > from) spans.push({ from, to, rate: (row[offered] ?? 0) / (to - from) });
    from = Math.max(from, to);
  }
  return spans;
}

// `n` arrival times in [from, to] following the spans' rate shape: the k-th where the integrated
// rate reaches k/n of its total (even, the harness's default), or at n sorted uniform points of
// it (Poisson given its count). A stretch without recorded rate is taken as constant.
function place(
  spans: readonly Span[],
  from: number,
  to: number,
  n: number,
  uniform: (() => number) | null,
): number[] {
  const parts = spans
    .map((s) => ({ a: Math.max(from, s.from), b: Math.min(to, s.to), rate: s.rate }))
    .filter((s) => s.b > s.a && s.rate > 0);
  if (parts.length === 0) parts.push({ a: from, b: to, rate: 1 });
  const total = parts.reduce((sum, s) => sum + s.rate * (s.b - s.a), 0);
  const targets = Array.from({ length: n }, (_, k) => (uniform ? uniform() : k / n) * total);
  if (uniform) targets.sort((x, y) => x - y);
  const out: number[] = [];
  let i = 0;
  let before = 0;
  for (const target of targets) {
    for (;;) {
      const s = parts[i] as (typeof parts)[number];
      const area = s.rate * (s.b - s.a);
      if (target < before + area || i === parts.length - 1) {
        out.push(Math.min(s.b, s.a + (target - before) / s.rate));
        break;
      }
      before += area;
      i++;
    }
  }
  return out;
}

/**
 * The arrivals a local run offered, for replaying it: the warm-up's sends over its configured
 * duration and exactly the measure phase's scheduled arrivals inside that phase, each following
 * the rate shape the run's time series recorded (1 s rows, so a 10 s spike keeps its shape),
 * evenly spaced like the harness's schedule unless the scenario asked for Poisson arrivals.
 * The measured window is the run's measure phase.
 */
export function runArrivals(a: ArchitectureResult, poisson: boolean, seed: number): RunArrivals {
  const spans = offeredSpans(a);
  const rng = createRng(seed);
  const uniform = poisson ? () => rng.next() : null;
  const measure = a.phases.find((p) => p.name === "measure");
  const start = measure?.startSeconds ?? 0;
  const end = measure?.endSeconds ?? start + 60;
  const warm = a.settings.warmup as { durationSeconds?: unknown; sent?: unknown } | undefined;
  const warmSeconds = typeof warm?.durationSeconds === "number" ? warm.durationSeconds : 0;
  const warmSent = typeof warm?.sent === "number" ? warm.sent : 0;
  const times = [
    ...(warmSent > 0 && warmSeconds > 0
      ? place(spans, 0, Math.min(warmSeconds, start), warmSent, uniform)
      : []),
    ...place(spans, start, end, a.counters.scheduled, uniform),
  ];
  return { arrivals: { times: Float64Array.from(times) }, window: { start, end } };
}
