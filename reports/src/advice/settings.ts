import {
  type ArchitectureResult,
  type MemoryPoint,
  scaleDurationForMemory,
  type TrafficProfile,
} from "@queueshift/shared-model";
import { billedHandlerMsPerInvocation, measuredMeanBatch } from "../cost/cost-inputs.js";
import { percentileMs } from "../data/histograms.js";
import type { JointCandidate } from "../suite/joint-settings.js";

/** Event source mapping, function and queue settings for the async design, each with its reason. */
export interface RecommendedSettings {
  readonly batchSize: number;
  readonly batchingWindowSeconds: number;
  readonly maximumConcurrency: number;
  readonly memorySizeMB: number;
  readonly functionTimeoutSeconds: number;
  readonly visibilityTimeoutSeconds: number;
  readonly maxReceiveCount: number;
  readonly dlqAlarm: string;
  readonly reasons: Readonly<Record<string, string>>;
}

/** Limits and margins the rules use (sources in comments). */
export const SETTINGS_RULES = Object.freeze({
  latencyShareForBatch: 0.5, // share of the latency budget one batch's processing may take
  maxBatchWithoutWindow: 10, // BatchSize > 10 needs a window >= 1 s (aws-facts.md 2.3, A)
  concurrencyHeadroom: 1.5, // x Little's-law concurrency at the peak
  minConcurrency: 2, // MaximumConcurrency range 2..1,000 (aws-facts.md 2.2, A)
  maxConcurrency: 1000,
  memoryHeadroom: 1.25, // x the largest memory used in the run
  timeoutMargin: 10, // x the mean batch duration
  minTimeoutSeconds: 3, // Lambda's default timeout
  maxTimeoutSeconds: 900, // Lambda's maximum (aws-facts.md 1.3, A)
  visibilityPerTimeout: 6, // visibility >= 6x function timeout (aws-facts.md 2.3, A)
  maxReceiveCount: 5, // redrive maxReceiveCount >= 5 (aws-facts.md 2.3, A)
});

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

function chooseMemory(
  measuredMb: number,
  maxUsedMb: number,
  perMessageMs: number,
  budgetMs: number,
  memory: readonly MemoryPoint[],
): { mb: number; why: string } {
  const r = SETTINGS_RULES;
  const floor = Math.max(128, Math.ceil(maxUsedMb * r.memoryHeadroom));
  const fits = memory.filter(
    (p) =>
      p.memoryMb >= floor &&
      scaleDurationForMemory(perMessageMs, measuredMb, p.memoryMb) <=
        budgetMs * r.latencyShareForBatch,
  );
  const best = [...fits].sort((a, b) => a.total - b.total || a.memoryMb - b.memoryMb)[0];
  if (best === undefined) {
    return {
      mb: Math.max(floor, 1769),
      why: "no size meets the budget; 1,769 MB = one full vCPU (aws-facts.md 1.3)",
    };
  }
  return {
    mb: best.memoryMb,
    why: `cheapest size (memory sensitivity) >= ${floor} MB (1.25 x ${maxUsedMb.toFixed(0)} MB used) whose CPU share keeps a message within half the budget`,
  };
}

// Why each setting has its value, shown next to it in the reports.
function settingReasons(
  scaledMs: number,
  budgetMs: number,
  windowSeconds: number,
  peakRate: number,
  memoryWhy: string,
): Record<string, string> {
  return {
    batchSize: `largest batch (<= 10, no window needed) whose ${scaledMs.toFixed(1)} ms per message fits half of the ${budgetMs} ms budget`,
    batchingWindowSeconds:
      windowSeconds === 0
        ? "0 s: a window adds its whole length to latency under light load"
        : "1 s per 10 s of budget",
    maximumConcurrency: `peak ${peakRate.toFixed(1)} req/s x ${scaledMs.toFixed(1)} ms (Little's law) x 1.5, within 2..1,000 (aws-facts.md 2.2)`,
    memorySizeMB: memoryWhy,
    functionTimeoutSeconds:
      "10 x the mean batch duration or 2 x the slowest handler run, at least 3 s",
    visibilityTimeoutSeconds: "6 x the function timeout + the batching window (aws-facts.md 2.3)",
    maxReceiveCount: "at least 5 tries before the DLQ (aws-facts.md 2.3)",
    dlqAlarm:
      "failed jobs land in the source queue's redrive DLQ; Lambda destinations do not apply to SQS triggers",
  };
}

/**
 * Settings for the async design from the run's measurements, the user's peak and the tightest
 * latency budget (ms). Rules and sources: SETTINGS_RULES and README.md "Advice".
 */
export function recommendSettings(
  arch: ArchitectureResult,
  traffic: TrafficProfile,
  budgetMs: number,
  memory: readonly MemoryPoint[],
  joint: JointCandidate | null = null,
): RecommendedSettings | null {
  const l = arch.lambda;
  if (l === undefined) return null;
  const r = SETTINGS_RULES;
  // INIT is not per-message work: it comes off the billed total (cost-inputs.ts).
  const perMessageMs = billedHandlerMsPerInvocation(arch) / measuredMeanBatch(arch);
  const mem = chooseMemory(l.memorySizeMB, l.maxMemoryUsedMB, perMessageMs, budgetMs, memory);
  const alone = oneAtATime(perMessageMs, l.memorySizeMB, mem.mb, budgetMs, traffic.peakRate);
  // The joint search (memory x BatchSize x window x concurrency against cost and the budget)
  // wins when a combination fits; the one-at-a-time rules remain the fallback.
  const pick = joint?.fits ? fromJoint(joint) : alone;
  const { scaled, batchSize, batchingWindowSeconds, maximumConcurrency } = pick;
  const handler = arch.histograms.handler;
  const worstMs = Math.max(
    scaled * batchSize * r.timeoutMargin,
    handler ? percentileMs(handler, 100) * 2 : 0,
  );
  const functionTimeoutSeconds = clamp(
    Math.ceil(worstMs / 1000),
    r.minTimeoutSeconds,
    r.maxTimeoutSeconds,
  );
  const visibilityTimeoutSeconds =
    r.visibilityPerTimeout * functionTimeoutSeconds + batchingWindowSeconds;
  return {
    batchSize,
    batchingWindowSeconds,
    maximumConcurrency,
    memorySizeMB: pick.memoryMb,
    functionTimeoutSeconds,
    visibilityTimeoutSeconds,
    maxReceiveCount: r.maxReceiveCount,
    dlqAlarm: "CloudWatch alarm: DLQ ApproximateNumberOfMessagesVisible > 0 for 1 of 1 minute",
    reasons: {
      ...settingReasons(scaled, budgetMs, batchingWindowSeconds, traffic.peakRate, mem.why),
      ...(joint?.fits ? jointReasons(joint, budgetMs) : {}),
    },
  };
}

interface Pick {
  readonly memoryMb: number;
  readonly scaled: number;
  readonly batchSize: number;
  readonly batchingWindowSeconds: number;
  readonly maximumConcurrency: number;
}

/** The one-at-a-time rules: memory first, then the largest batch and Little's-law concurrency. */
function oneAtATime(
  perMessageMs: number,
  measuredMb: number,
  memoryMb: number,
  budgetMs: number,
  peakRate: number,
): Pick {
  const r = SETTINGS_RULES;
  const scaled = scaleDurationForMemory(perMessageMs, measuredMb, memoryMb);
  const batchBudget = budgetMs * r.latencyShareForBatch;
  const batchSize = clamp(
    Math.floor(batchBudget / Math.max(scaled, 0.001)),
    1,
    r.maxBatchWithoutWindow,
  );
  // A window holds the first message back; only budgets of 10 s or more can afford one.
  const batchingWindowSeconds =
    budgetMs >= 10_000 ? Math.min(300, Math.floor(budgetMs / 10_000)) : 0;
  const little = (peakRate * scaled) / 1000; // concurrency = rate x duration (aws-facts.md 12)
  const maximumConcurrency = clamp(
    Math.ceil(little * r.concurrencyHeadroom),
    r.minConcurrency,
    r.maxConcurrency,
  );
  return { memoryMb, scaled, batchSize, batchingWindowSeconds, maximumConcurrency };
}

function fromJoint(c: JointCandidate): Pick {
  return {
    memoryMb: c.memoryMb,
    scaled: c.perMessageMs,
    batchSize: c.batchSize,
    batchingWindowSeconds: c.windowSeconds,
    maximumConcurrency: c.maximumConcurrency,
  };
}

function jointReasons(c: JointCandidate, budgetMs: number): Record<string, string> {
  const why = `chosen together with the other three (the cheapest combination whose estimated ${c.latencyMs.toFixed(0)} ms at your peak fits the ${budgetMs} ms budget; costs within 2 % go to the faster)`;
  return {
    batchSize: why,
    batchingWindowSeconds: why,
    maximumConcurrency: why,
    memorySizeMB: why,
  };
}
