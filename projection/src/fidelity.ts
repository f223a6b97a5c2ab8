import type { ArchitectureResult, ResultDocument } from "@queueshift/shared-model";
import {
  type LocalHost,
  localHost,
  quantilesOf,
  refitWork,
  workFrom,
} from "./calibration/local-host.js";
import { localHops } from "./calibration/local-stages.js";
import { project } from "./project.js";
import { runArrivals } from "./traffic/run-arrivals.js";

/** Issue 13's fidelity goals: a replay of a run reproduces its throughput, p50 and p99 within these. */
export const FIDELITY_GOALS = Object.freeze({ throughput: 0.02, p50: 0.15, p99: 0.3 });

/**
 * Seeds a fidelity judgement replays each run with (bench:projection-fidelity's default): a burst's
 * p99 spans 2-8x from seed to seed, and on six three-burst spike runs of 2026-12-04 the median of
 * five seeds differed from fifteen's by up to 2.7x (183 against 503 ms).
 */
export const FIDELITY_SEEDS = 15;

/** One figure of one design: the run's, the replay's, and the relative error. */
export interface FidelityRow {
  readonly design: "sync" | "async";
  readonly metric: "throughput" | "p50" | "p99";
  /** Completions per second of the measure phase (throughput) or ms (percentiles). */
  readonly run: number;
  readonly projected: number;
  /** projected / run - 1. */
  readonly error: number;
  readonly goal: number;
  readonly met: boolean;
}

/** A figure over several seeds: the median replay is judged, the range shows the replay's spread. */
export interface SeededFidelityRow extends FidelityRow {
  readonly seeds: number;
  readonly min: number;
  readonly max: number;
}

/**
 * Combines the rows of replays with different seeds (each the same designs and metrics, in the
 * same order) into one per figure: the median replay's figure, judged against the goal, and the
 * seeds' range. A short burst's p99 is one stall at its onset whose depth depends on when the
 * fresh environments start, so one seed is one draw of it.
 */
export function combineSeeds(bySeed: readonly (readonly FidelityRow[])[]): SeededFidelityRow[] {
  const first = bySeed[0] ?? [];
  return first.map((r, i) => {
    const v = bySeed.map((rows) => (rows[i] as FidelityRow).projected).sort((a, b) => a - b);
    const n = v.length;
    const median =
      n % 2 === 1
        ? (v[(n - 1) / 2] as number)
        : ((v[n / 2 - 1] as number) + (v[n / 2] as number)) / 2;
    const error = r.run > 0 ? median / r.run - 1 : Number.NaN;
    return {
      ...r,
      projected: median,
      error,
      met: Math.abs(error) <= r.goal,
      seeds: n,
      min: v[0] as number,
      max: v[n - 1] as number,
    };
  });
}

/** A run setting that is a finite number, else `d`. */
const num = (v: unknown, d: number) => (typeof v === "number" && Number.isFinite(v) ? v : d);
const phase = (a: ArchitectureResult, name: string) => a.phases.find((p) => p.name === name);
const seconds = (p: { startSeconds: number; endSeconds: number } | undefined) =>
  p === undefined ? 0 : p.endSeconds - p.startSeconds;

// The run's offered rate per minute: the warm-up's mean as one minute (when it had one), then the
// measure phase's per-second offered counts averaged over each minute (the last, partial minute
// over its own seconds). Minute resolution is the projection's: a burst shorter than a minute is
// averaged away.
function minuteRates(a: ArchitectureResult): { rates: Float64Array; warm: number } {
  const cols = a.timeSeries.columns;
  const t = cols.indexOf("t");
  const offered = cols.indexOf("offered");
  const dt = a.timeSeries.intervalSeconds;
  const mean = (from: number, to: number) => {
    if (offered < 0 || t < 0) return a.offeredRate;
    let sum = 0;
    let n = 0;
    for (const row of a.timeSeries.rows) {
      const at = row[t] ?? 0;
      if (at > from && at <= to) {
        sum += row[offered] ?? 0;
        n++;
      }
    }
    return n > 0 ? sum / (n * dt) : a.offeredRate;
  };
  const w = phase(a, "warmup");
  const m = phase(a, "measure");
  const start = m?.startSeconds ?? 0;
  const minutes = Math.max(1, Math.ceil(seconds(m) / 60));
  const rates = [...(w ? [mean(w.startSeconds, w.endSeconds)] : [])];
  for (let i = 0; i < minutes; i++) {
    rates.push(mean(start + i * 60, Math.min(start + (i + 1) * 60, m?.endSeconds ?? start + 60)));
  }
  return { rates: Float64Array.from(rates), warm: w ? 1 : 0 };
}

function row(
  design: FidelityRow["design"],
  metric: FidelityRow["metric"],
  run: number,
  projected: number,
): FidelityRow {
  const goal = FIDELITY_GOALS[metric];
  const error = run > 0 ? projected / run - 1 : Number.NaN;
  return { design, metric, run, projected, error, goal, met: Math.abs(error) <= goal };
}

/** One design's replay: its rows, and the replay itself (histograms and series, as a run's). */
interface DesignReplay {
  readonly rows: FidelityRow[];
  readonly replay: ArchitectureResult;
}

function replayDesign(
  doc: ResultDocument,
  a: ArchitectureResult,
  seed: number,
  intervalSeconds: number,
): DesignReplay {
  const { rates, warm } = minuteRates(a);
  const s = a.settings;
  const load = (s.load ?? {}) as { timeoutMs?: unknown };
  const workers = num(s.workers, doc.machine.cores);
  const spec = (doc.scenario.definition as { load?: { arrivals?: unknown } }).load;
  const replay = runArrivals(a, spec?.arrivals === "poisson", seed);
  const local = localHops(a);
  const simulate = (host: LocalHost | null) =>
    project({
      run: doc,
      traffic: {
        kind: "rates",
        minuteRates: rates,
        name: `replay of ${doc.runId} (${a.architecture})`,
      },
      windowStartMinute: warm,
      intervalSeconds,
      windowMinutes: rates.length - warm,
      warmupMinutes: warm,
      seed,
      designs: a.architecture,
      replay,
      hop: local.hop,
      resultHop: local.resultHop,
      ...(host === null ? {} : { host }),
      sync: {
        workersPerTask: 1,
        minTasks: workers,
        maxTasks: workers,
        initialTasks: workers,
        autoscaling: false,
        requestTimeoutSeconds: num(load.timeoutMs, 10_000) / 1_000,
      },
      async: {
        memoryMb: num(a.lambda?.memorySizeMB ?? s.memorySizeMB, 1_769),
        batchSize: num(s.batchSize, 10),
        batchingWindowSeconds: num(s.batchingWindowSeconds, 0),
        ...replayConcurrency(s),
        functionTimeoutSeconds: num(s.functionTimeoutSeconds, 10),
        visibilityTimeoutSeconds: num(s.visibilityTimeoutSeconds, 60),
        maxReceiveCount: num(s.maxReceiveCount, 5),
        keepAliveSeconds: num(s.keepAliveSeconds, 300),
      },
    });
  const host = a.architecture === "async" ? localHost(doc, a) : null;
  const p = (
    host === null ? simulate(null) : host.fitWork ? fitted(host, simulate) : simulate(host)
  ).architectures[0] as ArchitectureResult;
  const measured = Math.max(1e-9, seconds(phase(a, "measure")));
  const simulated = Math.max(1e-9, replay.window.end - replay.window.start);
  const lat = (x: ArchitectureResult, q: "p50" | "p99") => (x.histograms.latency?.[q] ?? 0) / 1_000;
  const rows = [
    row(
      a.architecture,
      "throughput",
      a.counters.succeeded / measured,
      p.counters.succeeded / simulated,
    ),
    row(a.architecture, "p50", lat(a, "p50"), lat(p, "p50")),
    row(a.architecture, "p99", lat(a, "p99"), lat(p, "p99")),
  ];
  return { rows, replay: p };
}

/** Rounds of refitting the handler work (each one replay; the fit settles within a few). */
export const HANDLER_FIT_ROUNDS = 6;

// The handler work whose replayed wall times reproduce the run's handler histogram (a run without
// handlerCpu): the run's durations hold its waits for a core, which the host model adds back itself.
function fitted(host: LocalHost, simulate: (h: LocalHost) => ResultDocument): ResultDocument {
  let h = host;
  let out = simulate(h);
  for (let round = 1; round <= HANDLER_FIT_ROUNDS; round++) {
    const replayed = out.architectures[0]?.histograms.handler;
    if (replayed === undefined || replayed.count === 0) break;
    const work = refitWork(h.workQuantiles, h.runQuantiles, quantilesOf(replayed));
    const description = `handler work fitted in ${round} round(s) so the replay's handler wall times match the run's`;
    h = { ...h, workQuantiles: work, handlerWork: workFrom(work, description) };
    out = simulate(h);
  }
  return out;
}

/**
 * Replays a local run in the projection with the run's own configuration (its workers as a fixed
 * fleet, its concurrency cap, memory, batch settings and request timeout, its measured local hop
 * instead of AWS's) at the run's own offered rate per minute, and compares throughput (completions
 * per second of the measure phase), p50 and p99 with what the run measured. Pure.
 */
export function replayFidelity(doc: ResultDocument, seed = 1): FidelityRow[] {
  return replayRun(doc, seed).rows;
}

/**
 * As `replayFidelity`, with the replays themselves (each design's histograms and time series at
 * `intervalSeconds`, one of the projection's series intervals), to set beside the run's.
 */
export function replayRun(
  doc: ResultDocument,
  seed = 1,
  intervalSeconds = 60,
): { rows: FidelityRow[]; replays: ArchitectureResult[] } {
  const each = doc.architectures.map((a) => replayDesign(doc, a, seed, intervalSeconds));
  return { rows: each.flatMap((e) => e.rows), replays: each.map((e) => e.replay) };
}

/**
 * The run's concurrency settings for its replay: provisioned mode's pollers (10 invokes each,
 * starting at the minimum, aws-facts 0.3) or MaximumConcurrency, and its account limit.
 */
export function replayConcurrency(s: Record<string, unknown>) {
  const account =
    typeof s.accountConcurrency === "number" ? { accountConcurrency: s.accountConcurrency } : {};
  const p = s.provisionedPollerConfig;
  if (typeof p === "object" && p !== null && "minimumPollers" in p && "maximumPollers" in p) {
    const minimumPollers = num(p.minimumPollers, 2);
    return {
      ...account,
      mode: "provisioned" as const,
      maximumConcurrency: null,
      minimumPollers,
      maximumPollers: num(p.maximumPollers, minimumPollers),
      initialEnvironments: Math.min(minimumPollers * 10, num(s.accountConcurrency, 1_000)),
    };
  }
  return {
    ...account,
    ...(typeof s.maxConcurrency === "number"
      ? { maximumConcurrency: Math.max(2, s.maxConcurrency) }
      : {}),
    initialEnvironments: num(s.maxConcurrency, 2),
  };
}
