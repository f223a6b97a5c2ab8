import {
  type ArchitectureResult,
  asyncMonthlyCost,
  type ResultDocument,
  syncMonthlyCost,
} from "@queueshift/shared-model";
import { architectureOf } from "../cost/measured-usage.js";
import type { PriceChoice } from "../cost/price-choice.js";
import type { CostProjection } from "../cost/project-costs.js";
import { decodeHistogram } from "../data/histograms.js";

/** A 95 % interval around one measured figure, and how it was drawn. */
export interface FigureInterval {
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  /** e.g. "8 blocks of 5 s" or "1,600 invocations". */
  readonly basis: string;
}

/** The run's cost inputs with their intervals, and the monthly costs at the interval's ends. */
export interface CostInterval {
  /** Sync: requests one vCPU serves per second (null: not measured, or too short to block). */
  readonly capacityPerVcpu: FigureInterval | null;
  /** Async: billed handler ms per invocation (null: not measured). */
  readonly handlerMsPerInvocation: FigureInterval | null;
  readonly syncMonthly: { readonly lower: number; readonly upper: number } | null;
  readonly asyncMonthly: { readonly lower: number; readonly upper: number } | null;
  /** async / sync monthly cost at the ends: cheapest async over dearest sync, and back. */
  readonly ratio: { readonly lower: number; readonly upper: number } | null;
}

// Two-sided 95 % Student t quantiles by degrees of freedom 1..30 (NIST/SEMATECH e-Handbook,
// table 1.3.6.7.2); above 30 the normal quantile, which the table reaches to 0.1 at 30 df.
const T95 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145,
  2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048,
  2.045, 2.042,
];
const Z95 = 1.96;

/** The two-sided 95 % t quantile for `df` degrees of freedom. */
export function t95(df: number): number {
  return T95[Math.max(1, Math.floor(df)) - 1] ?? Z95;
}

/** Seconds per block of the batch-means interval: long enough for a second's noise to average. */
export const CAPACITY_BLOCK_SECONDS = 5;

/**
 * Sync capacity per vCPU by batch means: the measure phase's 1 s rows in blocks of 5 s, each
 * block's completions per stack CPU-second, a t-interval of the blocks' mean, applied to the
 * run's own figure as a relative half-width (the run's figure also counts the drain).
 */
export function capacityInterval(arch: ArchitectureResult): FigureInterval | null {
  const estimate = arch.capacityPerVcpu;
  if (estimate === undefined || !(estimate > 0)) return null;
  const { columns, rows } = arch.timeSeries;
  const phase = columns.indexOf("phase");
  const achieved = columns.indexOf("achieved");
  const cpu = columns.indexOf("stackCpu");
  // Rows carry their phase as an index into `phases`.
  const measure = arch.phases.findIndex((p) => p.name === "measure");
  if (phase < 0 || achieved < 0 || cpu < 0 || measure < 0) return null;
  const inMeasure = rows.filter((r) => r[phase] === measure);
  const blocks: number[] = [];
  for (let i = 0; i + CAPACITY_BLOCK_SECONDS <= inMeasure.length; i += CAPACITY_BLOCK_SECONDS) {
    const block = inMeasure.slice(i, i + CAPACITY_BLOCK_SECONDS);
    const done = block.reduce((s, r) => s + Number(r[achieved] ?? 0), 0);
    const seconds = block.reduce((s, r) => s + Number(r[cpu] ?? 0), 0);
    if (seconds > 0) blocks.push(done / seconds);
  }
  if (blocks.length < 3) return null;
  const rel = relativeHalfWidth(blocks);
  return {
    estimate,
    lower: estimate * Math.max(0, 1 - rel),
    upper: estimate * (1 + rel),
    basis: `${blocks.length} blocks of ${CAPACITY_BLOCK_SECONDS} s`,
  };
}

/** t half-width of the mean of `xs`, relative to that mean. */
function relativeHalfWidth(xs: readonly number[]): number {
  const n = xs.length;
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1);
  return mean > 0 ? (t95(n - 1) * Math.sqrt(variance / n)) / mean : 0;
}

/**
 * Async handler time per invocation: the 95 % interval of the mean REPORT Duration (the
 * `invocation` histogram), applied to the billed figure as a relative half-width. It treats
 * invocations as independent, so it is the sampling interval of one run: drift of the machine
 * between runs is what repeats show.
 */
export function handlerInterval(
  arch: ArchitectureResult,
  billedMsPerInvocation: number,
): FigureInterval | null {
  const encoded = arch.histograms.invocation;
  if (encoded === undefined || encoded.count < 2 || !(billedMsPerInvocation > 0)) return null;
  const h = decodeHistogram(encoded);
  const n = h.totalCount;
  const rel = h.mean > 0 ? (t95(n - 1) * h.stdDeviation) / Math.sqrt(n) / h.mean : 0;
  return {
    estimate: billedMsPerInvocation,
    lower: billedMsPerInvocation * Math.max(0, 1 - rel),
    upper: billedMsPerInvocation * (1 + rel),
    basis: `${n.toLocaleString("en-US")} invocations`,
  };
}

/**
 * The monthly costs and their ratio at the ends of the cost inputs' intervals (everything else
 * held at the run's figures): what the cost side of the verdict can be trusted to within one run.
 */
export function costInterval(
  doc: ResultDocument,
  projection: CostProjection,
  prices: PriceChoice,
): CostInterval {
  const { inputs, traffic } = projection;
  const s = architectureOf(doc, "sync");
  const a = architectureOf(doc, "async");
  const capacity = s === undefined ? null : capacityInterval(s);
  const perInvocation =
    inputs.async === null
      ? 0
      : inputs.async.lambda.durationPerMessageMs * inputs.async.queue.meanBatchSize;
  const handler = a === undefined ? null : handlerInterval(a, perInvocation);
  const syncAt = (capacityPerVcpu: number) =>
    inputs.sync === null
      ? 0
      : syncMonthlyCost({ ...inputs.sync, capacityPerVcpu, traffic }, prices.table).total;
  const asyncAt = (factor: number) => {
    if (inputs.async === null) return 0;
    const lambda = {
      ...inputs.async.lambda,
      durationPerMessageMs: inputs.async.lambda.durationPerMessageMs * factor,
    };
    return asyncMonthlyCost({ ...inputs.async, lambda, traffic }, prices.table).total;
  };
  const syncPoint = projection.sync?.total ?? null;
  const asyncPoint = projection.async?.total ?? null;
  const syncMonthly =
    syncPoint === null
      ? null
      : capacity === null
        ? { lower: syncPoint, upper: syncPoint }
        : { lower: syncAt(capacity.upper), upper: syncAt(Math.max(capacity.lower, 0.01)) };
  const asyncMonthly =
    asyncPoint === null
      ? null
      : handler === null
        ? { lower: asyncPoint, upper: asyncPoint }
        : {
            lower: asyncAt(handler.lower / handler.estimate),
            upper: asyncAt(handler.upper / handler.estimate),
          };
  const ratio =
    syncMonthly === null || asyncMonthly === null || !(syncMonthly.lower > 0)
      ? null
      : {
          lower: asyncMonthly.lower / syncMonthly.upper,
          upper: asyncMonthly.upper / syncMonthly.lower,
        };
  return {
    capacityPerVcpu: capacity,
    handlerMsPerInvocation: handler,
    syncMonthly,
    asyncMonthly,
    ratio,
  };
}
