import type { ArchitectureResult } from "@queueshift/shared-model";
import {
  ASYNC_DEFAULTS,
  type AsyncCostInput,
  asyncMonthlyCost,
  DEFAULT_BATCH_SIZES,
  DEFAULT_MEMORY_SIZES_MB,
  expectedBatchSize,
  type PriceTable,
  scaleDurationForMemory,
  type TrafficProfile,
} from "@queueshift/shared-model";
import { SETTINGS_RULES } from "../advice/settings.js";
import type { CostProjection } from "../cost/project-costs.js";
import { percentileMs } from "../data/histograms.js";
import { EQUAL_COST_TOLERANCE } from "./sweeps.js";

/** The grid searched together (batching windows in s; concurrency = MaximumConcurrency). */
export const JOINT_GRID = Object.freeze({
  windowsSeconds: [0, 1, 2, 5],
  concurrency: [2, 5, 10, 20, 50, 100, 200, 500, 1000], // 2..1,000 (aws-facts.md 2.2)
});

/** What the search reads: the run's cost input, its overhead and the durations per memory. */
export interface JointInput {
  readonly asyncInput: Omit<AsyncCostInput, "traffic">;
  readonly traffic: TrafficProfile;
  /** Billed ms per message at `measuredAtMb` (the comparison run). */
  readonly perMessageMs: number;
  readonly measuredAtMb: number;
  /** Measured ms per message at swept sizes (MB -> ms): used instead of scaling. */
  readonly measuredByMb: ReadonlyMap<number, number>;
  /** End-to-end time outside the handler at the run's p99 (queue, poll, invoke, result), ms. */
  readonly overheadMs: number;
  /** The tightest latency objective, ms. */
  readonly budgetMs: number;
  readonly prices: PriceTable;
}

/**
 * The search's input from one run's async design and its cost projection (null without an async
 * cost input): the overhead outside the handler is the run's p99 end to end minus its p99 in the
 * handler. `measuredByMb` holds a memory sweep's durations (empty for a single run).
 */
export function jointInputOf(
  a: ArchitectureResult,
  projection: CostProjection,
  budgetMs: number,
  prices: PriceTable,
  measuredByMb: ReadonlyMap<number, number> = new Map(),
): JointInput | null {
  const input = projection.inputs.async;
  const atMb = projection.inputs.measuredMemoryMb;
  if (input == null || atMb == null) return null;
  const latency = a.histograms.latency;
  const handler = a.histograms.handler;
  const e2e = latency !== undefined && latency.count > 0 ? percentileMs(latency, 99) : 0;
  const inHandler = handler !== undefined && handler.count > 0 ? percentileMs(handler, 99) : 0;
  return {
    asyncInput: input,
    traffic: projection.traffic,
    perMessageMs: input.lambda.durationPerMessageMs,
    measuredAtMb: atMb,
    measuredByMb,
    overheadMs: Math.max(0, e2e - inHandler),
    budgetMs,
    prices,
  };
}

/** One combination of the grid and what it gives. */
export interface JointCandidate {
  readonly memoryMb: number;
  readonly batchSize: number;
  readonly windowSeconds: number;
  readonly maximumConcurrency: number;
  readonly perMessageMs: number;
  /** Whether perMessageMs was measured at this size (else scaled by CPU share). */
  readonly measured: boolean;
  /** Expected mean batch at the user's peak. */
  readonly meanBatch: number;
  /** Estimated latency of a message at the peak, ms (see `candidate`). */
  readonly latencyMs: number;
  readonly monthly: number;
  /** Its latency at the peak fits the budget. */
  readonly fits: boolean;
}

/** The search's answer: the chosen combination and the best one per memory size. */
export interface JointSettings {
  readonly chosen: JointCandidate | null;
  /**
   * Per memory size, its best combination that fits (the power-tuning front), by memory; a size
   * where none fits shows its fastest combination (BatchSize 1, no window, most concurrency).
   */
  readonly front: readonly JointCandidate[];
  /** Combinations tried, and those that fit the budget (each at its smallest concurrency). */
  readonly searched: number;
  readonly feasible: number;
  readonly budgetMs: number;
}

/**
 * Latency at the peak: the run's overhead + the window + the batch's processing + waiting for a
 * free environment, batch x rho/(1-rho) with rho = peak x ms per message / concurrency (an M/M/1
 * approximation per environment); null when rho exceeds 1/headroom (SETTINGS_RULES).
 */
function candidate(
  j: JointInput,
  memoryMb: number,
  batchSize: number,
  windowSeconds: number,
  maximumConcurrency: number,
  anyLatency = false,
): JointCandidate | null {
  const swept = j.measuredByMb.get(memoryMb);
  const d = swept ?? scaleDurationForMemory(j.perMessageMs, j.measuredAtMb, memoryMb);
  const rho = (j.traffic.peakRate * d) / 1000 / maximumConcurrency;
  if (rho >= 1 / SETTINGS_RULES.concurrencyHeadroom) return null;
  const fill = { maxBatchSize: batchSize, windowSeconds, pollers: ASYNC_DEFAULTS.pollers };
  const duration = { durationPerInvocationMs: 0, durationPerMessageMs: d };
  const meanBatch = expectedBatchSize(j.traffic.peakRate, fill, duration);
  const batchMs = meanBatch * d;
  const latencyMs = j.overheadMs + windowSeconds * 1000 + batchMs + (batchMs * rho) / (1 - rho);
  // Pricing is the expensive part: only combinations that fit are priced.
  const fits = latencyMs <= j.budgetMs;
  if (!fits && !anyLatency) return null;
  const input = j.asyncInput;
  const monthly = asyncMonthlyCost(
    {
      ...input,
      traffic: j.traffic,
      queue: { ...input.queue, batchFill: fill },
      lambda: {
        ...input.lambda,
        memoryMb,
        durationPerMessageMs: d,
        // Each environment of the concurrency starts once an hour (as monthlyColdStarts).
        coldStarts: maximumConcurrency * j.traffic.hourlyRates.length,
      },
    },
    j.prices,
  ).total;
  return {
    memoryMb,
    batchSize,
    windowSeconds,
    maximumConcurrency,
    perMessageMs: d,
    measured: swept !== undefined,
    meanBatch,
    latencyMs,
    monthly,
    fits,
  };
}

/**
 * The cheapest; costs within EQUAL_COST_TOLERANCE of it go to the lowest latency, then to the
 * larger BatchSize (free at light load, it fills under bursts), then to the cheaper.
 */
export function cheapestThenFastest(cs: readonly JointCandidate[]): JointCandidate | null {
  const cheapest = Math.min(...cs.map((c) => c.monthly));
  const equal = cs.filter((c) => c.monthly <= cheapest * (1 + EQUAL_COST_TOLERANCE));
  const order = (a: JointCandidate, b: JointCandidate) =>
    a.latencyMs - b.latencyMs || b.batchSize - a.batchSize || a.monthly - b.monthly;
  return [...equal].sort(order)[0] ?? null;
}

/**
 * Memory size, BatchSize, batching window and MaximumConcurrency searched together: every
 * combination of the grid whose latency at the user's peak fits the budget is priced, and the
 * cheapest wins (ties: lower latency). BatchSize > 10 needs a window >= 1 s (aws-facts.md 2.3).
 */
export function jointSettings(j: JointInput): JointSettings {
  const memories = [...new Set([...DEFAULT_MEMORY_SIZES_MB, ...j.measuredByMb.keys()])].sort(
    (a, b) => a - b,
  );
  const feasible: JointCandidate[] = [];
  let searched = 0;
  for (const m of memories)
    for (const b of DEFAULT_BATCH_SIZES)
      for (const w of JOINT_GRID.windowsSeconds) {
        if (b > SETTINGS_RULES.maxBatchWithoutWindow && w === 0) continue;
        // Cost grows with concurrency (an environment's cold start an hour) and latency falls:
        // the smallest concurrency that fits is the cheapest of this memory, batch and window.
        for (const c of JOINT_GRID.concurrency) {
          searched += 1;
          const x = candidate(j, m, b, w, c);
          if (x === null) continue;
          feasible.push(x);
          break;
        }
      }
  const fastest = JOINT_GRID.concurrency[JOINT_GRID.concurrency.length - 1] ?? 1000;
  const front = memories
    .map(
      (m) =>
        cheapestThenFastest(feasible.filter((x) => x.memoryMb === m)) ??
        candidate(j, m, 1, 0, fastest, true),
    )
    .filter((x): x is JointCandidate => x !== null);
  return {
    chosen: cheapestThenFastest(feasible),
    front,
    searched,
    feasible: feasible.length,
    budgetMs: j.budgetMs,
  };
}
