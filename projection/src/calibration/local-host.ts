import type {
  ArchitectureResult,
  Assumption,
  EncodedHistogram,
  ResultDocument,
} from "@queueshift/shared-model";
import { measuredCpuShare } from "@queueshift/shared-model";
import type { HostSpec } from "../async/host-cpu.js";
import { type Distribution, fromQuantiles } from "../engine/distribution.js";
import { decodeHdr } from "../engine/histogram.js";
import { freshEnvironments, freshInvocations } from "./fresh-environments.js";

/** A replay's model of the run's host, and where each of its figures came from. */
export interface LocalHost {
  readonly spec: HostSpec;
  /** Handler work per message at the environment's cap (seconds), drawn instead of its wall time. */
  readonly handlerWork: Distribution;
  /** The work's quantiles (0.1 % steps) and the run's handler wall-time quantiles they refit to. */
  readonly workQuantiles: Float64Array;
  readonly runQuantiles: Float64Array;
  /** True when the work is the wall time scaled down, to be refitted by the replay (no handlerCpu). */
  readonly fitWork: boolean;
  /**
   * True when the work is drawn from the warm analyses' CPU time (`handlerCpuWarm`), so a fresh
   * environment's first analyses take the run's fresh-environment factors on top; false when it
   * is drawn from the whole run's, which holds them already.
   */
  readonly warmWork: boolean;
  readonly assumptions: readonly Assumption[];
}

const STEPS = 1_000; // quantiles in 0.1 % steps, as engine/histogram.ts distributionOf

/** Quantiles (0.1 % steps) of an encoded histogram, seconds. */
export function quantilesOf(e: EncodedHistogram): Float64Array {
  const h = decodeHdr(e);
  return Float64Array.from(
    { length: STEPS + 1 },
    (_, i) => h.getValueAtPercentile((i / STEPS) * 100) / 1e6,
  );
}

/** Handler work drawn from the quantiles `q` (0.1 % steps). */
export function workFrom(q: Float64Array, description: string): Distribution {
  return fromQuantiles(
    Array.from(q, (v, i) => [i / STEPS, v] as const),
    description,
  );
}

/**
 * One step of fitting the handler work to the run: each work quantile times the run's handler
 * wall-time quantile over the replay's (so the replay's stretched wall times move toward the
 * run's), at most the run's own (work cannot exceed the wall time it was measured in).
 */
export function refitWork(
  work: Float64Array,
  run: Float64Array,
  replayed: Float64Array,
): Float64Array {
  return work.map((w, i) => {
    const r = replayed[i] as number;
    const target = run[i] as number;
    return Math.min(target, r > 0 ? (w * target) / r : w);
  });
}

const ENVIRONMENT = "lambda-environment";

const ms = (s: number) => Math.round(s * 1e6) / 1e3;

/** The host's CPU per second split three ways: a base load, per job sent, per invocation. */
export interface CpuSplit {
  /** Cores busy whatever the load. */
  readonly baseCores: number;
  /** CPU-seconds per job sent. */
  readonly perJob: number;
  /** CPU-seconds per invocation. */
  readonly perInvocation: number;
}

// Solves the k x k system `a x = b` (Gaussian elimination, partial pivoting); null when singular.
function solve(a: number[][], b: number[]): number[] | null {
  const k = b.length;
  const m = a.map((row, i) => [...row, b[i] as number]);
  const scale = Math.max(1e-300, ...a.map((row) => Math.max(...row.map(Math.abs))));
  for (let c = 0; c < k; c++) {
    let p = c;
    for (let r = c + 1; r < k; r++)
      if (Math.abs((m[r] as number[])[c] as number) > Math.abs((m[p] as number[])[c] as number))
        p = r;
    const pivot = (m[p] as number[])[c] as number;
    if (Math.abs(pivot) <= scale * 1e-9) return null;
    [m[c], m[p]] = [m[p] as number[], m[c] as number[]];
    const rowC = m[c] as number[];
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const row = m[r] as number[];
      const f = (row[c] as number) / pivot;
      for (let j = c; j <= k; j++) row[j] = (row[j] as number) - f * (rowC[j] as number);
    }
  }
  return m.map((row, i) => (row[k] as number) / (row[i] as number));
}

/**
 * Non-negative least squares of y on a few regressors, from the normal equations' sums (`xx`,
 * `xy`, `yy`): every subset of the regressors is solved and the feasible solution with the least
 * residual is kept (the first of equal ones, so earlier regressors win a tie; all zeros, the empty
 * subset, when nothing fits better). Fine for the three regressors here (7 subsets).
 */
export function nonNegativeLeastSquares(
  xx: readonly (readonly number[])[],
  xy: readonly number[],
  yy: number,
): number[] {
  const n = xy.length;
  let best: { x: number[]; sse: number } = { x: new Array<number>(n).fill(0), sse: yy };
  for (let mask = 1; mask < 1 << n; mask++) {
    const idx = Array.from({ length: n }, (_, i) => i).filter((i) => mask & (1 << i));
    const sol = solve(
      idx.map((i) => idx.map((j) => (xx[i] as readonly number[])[j] as number)),
      idx.map((i) => xy[i] as number),
    );
    if (sol === null || sol.some((v) => v < 0)) continue;
    const x = new Array<number>(n).fill(0);
    idx.forEach((i, j) => {
      x[i] = sol[j] as number;
    });
    let sse = yy;
    for (let i = 0; i < n; i++) {
      sse -= 2 * (x[i] as number) * (xy[i] as number);
      for (let j = 0; j < n; j++)
        sse += (x[i] as number) * (x[j] as number) * ((xx[i] as readonly number[])[j] as number);
    }
    if (sse < best.sse - 1e-12 * Math.max(1, yy)) best = { x, sse };
  }
  return best.x;
}

/**
 * The host's CPU per interval of the measure phase (`stackCpu + harnessCpu`, cores over the row's
 * own length; a row straddling the warm-up left out) as a base load, CPU per job sent and CPU per
 * invocation: the non-negative least-squares fit on the interval's length,
 * the jobs sent and the invocations in it. On the jobs sent, not completed: the replay charges a
 * job's background work when it arrives, and the host's CPU follows the arrivals (on seven spike
 * runs of 2026-12-03 the fit on completions left 0.37-0.78 cores unexplained in the seconds with a
 * backlog, the stack taking the burst's sends while its completions lagged; on the sends
 * -0.01..+0.25, and a lower residual over every second). The base load: a per-process sampler
 * (`/proc`, 0.2 s, 2026-12-04) measured the broker at 0.40 cores at 30 req/s and 0.80 at 90 (13
 * and 9 ms per job): a fit through zero charges the burst the quiet phase's cost per job. A run
 * at one rate cannot tell base from per job, and its noise would split them at random (two steady
 * runs of 2026-12-04: 0.48 and 0.27 cores): the base is fitted only when the jobs sent per interval
 * vary (coefficient of variation at least `BASE_FIT_MIN_CV`) and `withBase`, else it is 0 as
 * before session 11. A run whose batches all held one message cannot tell per job from per
 * invocation: its noise splits the cost between them (the replay charges both per job there).
 */
export function cpuPerJobAndInvocation(a: ArchitectureResult, withBase = true): CpuSplit | null {
  const ts = a.timeSeries;
  const col = (name: string) => ts.columns.indexOf(name);
  const [t, stack, harness, jobs, inv] = ["t", "stackCpu", "harnessCpu", "sent", "invocations"].map(
    col,
  );
  const start = a.phases.find((p) => p.name === "measure")?.startSeconds ?? 0;
  if ([t, stack, harness, jobs, inv].some((i) => i === undefined || i < 0)) return null;
  const xx = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  const xy = [0, 0, 0];
  let yy = 0;
  let sent = 0;
  let n = 0;
  let previous = Number.NEGATIVE_INFINITY;
  for (const r of ts.rows) {
    const end = r[t as number] ?? 0;
    // Each row's own length (the last, the drain's, is often shorter); a row that began before
    // the measure phase holds warm-up CPU its sends do not explain, so it is left out.
    const length = Number.isFinite(previous) ? end - previous : ts.intervalSeconds;
    previous = end;
    if (end - length < start - 1e-6 || length <= 0) continue;
    const y = ((r[stack as number] ?? 0) + (r[harness as number] ?? 0)) * length;
    const x = [r[jobs as number] ?? 0, r[inv as number] ?? 0, length];
    sent += x[0] as number;
    n++;
    for (let i = 0; i < 3; i++) {
      xy[i] = (xy[i] as number) + (x[i] as number) * y;
      for (let j = 0; j < 3; j++)
        (xx[i] as number[])[j] =
          ((xx[i] as number[])[j] as number) + (x[i] as number) * (x[j] as number);
    }
    yy += y * y;
  }
  if (sent <= 0) return null;
  const mean = sent / n;
  // xx[0][0] is the sum of the squared jobs sent.
  const cv = Math.sqrt(Math.max(0, (xx[0]?.[0] ?? 0) / n - mean * mean)) / mean;
  const regressors = withBase && cv >= BASE_FIT_MIN_CV ? 3 : 2;
  const fit = nonNegativeLeastSquares(
    xx.slice(0, regressors).map((row) => row.slice(0, regressors)),
    xy.slice(0, regressors),
    yy,
  );
  const [perJob = 0, perInvocation = 0, baseCores = 0] = fit;
  return { baseCores, perJob, perInvocation };
}

/**
 * The least variation of the jobs sent per interval (standard deviation over mean) for the fit to
 * take a base load: the spike's 30 and 90 req/s give about 0.6, a steady run's arrivals 0.1 or less
 * (uniform) or 1 / sqrt(rate) (Poisson: 0.16 at 40 req/s).
 */
export const BASE_FIT_MIN_CV = 0.25;

// The handler's own work per message, CPU-seconds: its measured CPU time (`handlerCpu`, the
// built-in handler's process.cpuUsage around each analysis; drawn from the warm analyses'
// `handlerCpuWarm` when the run has it and its analyses by ordinal), else its wall time scaled
// down to the environments' measured CPU per job (a run without the histogram; the replay then
// refits it). `mean` is the whole run's, fresh analyses included: it is what the handlers spent.
function handlerOwnWork(async: ArchitectureResult, handler: EncodedHistogram, cpuPerJob: number) {
  const cpu = async.histograms.handlerCpu;
  if (cpu !== undefined && cpu.count > 0) {
    // Warm draws only where the calibration has the factors to scale the fresh ones by.
    const warm = async.histograms.handlerCpuWarm;
    const warmWork =
      warm !== undefined && warm.count > 0 && freshEnvironments(async, "run") !== null;
    const q = quantilesOf(warmWork ? warm : cpu);
    return { measured: true, warmWork, mean: decodeHdr(cpu).mean / 1e6, quantiles: q, scale: 1 };
  }
  const handlerMean = decodeHdr(handler).mean / 1e6;
  const scale = Math.min(1, cpuPerJob / handlerMean);
  const q = quantilesOf(handler).map((v) => v * scale);
  return { measured: false, warmWork: false, mean: scale * handlerMean, quantiles: q, scale };
}

/**
 * Whether the run's stack shared one scheduling entity: the run's `machine.schedAutogroup` (Linux's
 * autogroup puts the harness's session, the broker and the enqueue API with it, in one entity), else
 * assumed on for a Linux run (the kernel's default where built with it, as on the machines these
 * runs came from: two busy loops of one session got 0.31 cores each beside two of their own
 * sessions at 0.70, 2026-12-05) and off elsewhere.
 */
function groupedBackground(doc: ResultDocument): {
  value: boolean;
  measured: boolean;
  source: string;
} {
  const recorded = doc.machine.schedAutogroup;
  if (recorded !== undefined)
    return {
      value: recorded,
      measured: true,
      source: `run ${doc.runId}: machine.schedAutogroup (kernel.sched_autogroup_enabled ${recorded ? 1 : 0})`,
    };
  const linux = doc.machine.os.startsWith("Linux");
  return {
    value: linux,
    measured: false,
    source: linux
      ? "assumed: Linux's autogroup on (its default where built in); the run did not record it"
      : "assumed: no autogroup off Linux",
  };
}

/**
 * The host a local async run shared (issue 13, fidelity): its recorded cores, each environment's
 * CPU cap, the handler's own work, and the rest of the run's CPU (broker, enqueue API, harness,
 * the environments' runtime work) as background work per job and per invocation. Totals are the
 * run's `resources` (measure start -> drain end, over the measure phase's sends); the split
 * between jobs and invocations is `cpuPerJobAndInvocation`. The handler's own work per message is
 * its measured CPU time (`handlerCpu`) at the environment's cap; a run without that histogram
 * gives its wall times scaled down to the environments' measured CPU per message (the excess was
 * waiting for a core, which the replay's host model adds back), refitted by the replay
 * (`fitWork`). Null when the run lacks the figures.
 */
export function localHost(doc: ResultDocument, async: ArchitectureResult): LocalHost | null {
  const jobs = async.counters.sent;
  const invocations = async.lambda?.invocations ?? 0;
  const handler = async.histograms.handler;
  const env = async.resources.find((r) => r.component === ENVIRONMENT);
  const withBase = cpuPerJobAndInvocation(async);
  if (
    jobs <= 0 ||
    handler === undefined ||
    handler.count === 0 ||
    env === undefined ||
    withBase === null
  )
    return null;
  const cores = doc.machine.cores;
  const share = measuredCpuShare(doc, async);
  const own = handlerOwnWork(async, handler, env.cpuSeconds / jobs);
  // A base load that leaves no work per job beyond the handler's would take the whole background,
  // and nothing would be queued for the broker to serve: the fit through zero then.
  const split =
    withBase.baseCores > 0 && withBase.perJob <= own.mean && withBase.perInvocation <= 0
      ? (cpuPerJobAndInvocation(async, false) ?? withBase)
      : withBase;
  const total = async.resources.reduce((s, r) => s + r.cpuSeconds, 0);
  // The new environments' cold invocation work is in the resources too, and the replay runs it
  // as their own work (async.freshInvocationOverhead): not background as well.
  const coldWork =
    (async.lambda?.coldStarts ?? 0) * (freshInvocations(async, "run")?.perEnvironment ?? 0);
  const background = Math.max(0, total - jobs * own.mean - coldWork);
  // The fit's shape, the resources' total: per job beyond the handler's work, per invocation.
  const perJob = Math.max(0, split.perJob - own.mean);
  // The resources' window: measure start -> drain end (or the measure phase's end).
  const phaseOf = (name: string) => async.phases.find((p) => p.name === name);
  const measure = phaseOf("measure");
  const end = (phaseOf("drain") ?? measure)?.endSeconds ?? 0;
  const window = Math.max(0, end - (measure?.startSeconds ?? end));
  const fitted = jobs * perJob + invocations * split.perInvocation + window * split.baseCores;
  const k = fitted > 0 ? background / fitted : 0;
  const origin = `run ${doc.runId}`;
  const cpuPerJob = fitted > 0 ? perJob * k : background / jobs;
  const baseCores = fitted > 0 ? split.baseCores * k : 0;
  const process = {
    name: "broker, enqueue API, harness, environments' runtime",
    cpuPerJob,
    cpuPerInvocation: split.perInvocation * k,
    // The JVM broker's dispatcher alone runs 2-4 threads (bench elasticmq-config.ts): all cores,
    // but a job's calls are served one after another: one thread per job's worth queued.
    threads: cores,
    // One job's calls, at least: a run whose fit put it all on the invocation has no work per job,
    // and a request of 0 would make every thread runnable whenever anything is queued.
    requestCpu: cpuPerJob + split.perInvocation * k,
  };
  const assumptions: Assumption[] = [
    {
      name: "host.cores",
      kind: "measured",
      value: cores,
      unit: "cores",
      source: `${origin}: machine.cores; environments at ${share.cores.toFixed(3)} cores each (${share.note})`,
    },
    own.measured
      ? {
          name: "host.handlerWork",
          kind: "measured",
          value: ms(own.mean),
          unit: "ms CPU",
          source: own.warmWork
            ? `${origin}: mean of histograms.handlerCpu (the analysis's CPU time per message), drawn from handlerCpuWarm's quantiles (an environment's analyses after its first 64) x async.freshEnvironmentFactors, at ${share.cores.toFixed(3)} cores`
            : `${origin}: mean of histograms.handlerCpu (the analysis's CPU time per message), drawn from its quantiles at ${share.cores.toFixed(3)} cores`,
        }
      : {
          name: "host.handlerWorkScale",
          kind: "measured",
          value: Math.round(own.scale * 1e4) / 1e4,
          source: `${origin}: min(1, environments' CPU ${ms(env.cpuSeconds / jobs)} ms per job / handler mean ${ms(own.mean / own.scale)} ms); no handlerCpu histogram`,
        },
    {
      name: "host.backgroundPerJob",
      kind: "measured",
      value: ms(process.cpuPerJob),
      unit: "ms CPU",
      source: `${origin}: resources ${total.toFixed(2)} CPU-s less the handlers' work${coldWork > 0 ? ` and ${coldWork.toFixed(2)} CPU-s of the new environments' cold invocations` : ""}, over ${jobs} jobs, ${invocations} invocations and ${window.toFixed(1)} s, split by the fit of CPU per second on jobs sent, invocations and a base load (${ms(split.perJob)} / ${ms(split.perInvocation)} ms, ${split.baseCores.toFixed(3)} cores); up to ${cores} cores at once`,
    },
    {
      name: "host.backgroundBase",
      kind: "measured",
      value: Math.round(baseCores * 1e4) / 1e4,
      unit: "cores",
      source: `${origin}: as host.backgroundPerJob; always runnable (the broker's pollers and timers)`,
    },
    {
      name: "host.backgroundPerInvocation",
      kind: "measured",
      value: ms(process.cpuPerInvocation),
      unit: "ms CPU",
      source: `${origin}: as host.backgroundPerJob`,
    },
  ];
  const grouped = groupedBackground(doc);
  assumptions.push({
    name: "host.backgroundGrouped",
    kind: grouped.measured ? "measured" : "assumed",
    value: grouped.value ? "one entity" : "per thread",
    source: grouped.source,
  });
  // Work is in seconds at the environment's cap: CPU-seconds over its cores (at most one thread).
  const workQuantiles = own.quantiles.map((v) => v / share.cores);
  return {
    spec: {
      cores,
      environmentCores: share.cores,
      background: [process],
      baseCores,
      groupedBackground: grouped.value,
    },
    handlerWork: workFrom(
      workQuantiles,
      own.warmWork
        ? "handler work: the run's handlerCpuWarm quantiles at the environment's cap"
        : own.measured
          ? "handler work: the run's handlerCpu quantiles at the environment's cap"
          : "handler work: the run's handler quantiles x host.handlerWorkScale",
    ),
    workQuantiles,
    runQuantiles: quantilesOf(handler),
    fitWork: !own.measured,
    warmWork: own.warmWork,
    assumptions,
  };
}
