import { executorFor } from "../load/executors.js";
import type { Send } from "../load/send.js";
import type { MetricsEngine } from "../metrics/engine.js";
import type { RecordedRun } from "../metrics/interval-recorder.js";
import type { Scenario } from "../scenario/scenario-types.js";
import { runLoadPhase } from "./load-phase.js";

/** What the warm-up did, kept apart from the measurement (in `settings.warmup`). */
export interface WarmupSummary {
  readonly durationSeconds: number;
  readonly sent: number;
  readonly responses: number;
  readonly errors: number;
  readonly p50Us: number;
  readonly p99Us: number;
  /** Async: seconds waited after the warm-up for its backlog to clear, and jobs still open then. */
  readonly settleSeconds?: number;
  readonly unsettled?: number;
}

/** Options of `runWarmup`. */
export interface WarmupOptions {
  readonly scenario: Scenario;
  readonly send: Send;
  readonly signal: AbortSignal;
  readonly engine: MetricsEngine;
  readonly onStart?: (startEpochMs: number) => void;
}

/** Microseconds warm-up sends may finish after its last arrival. */
const WARMUP_GRACE_US = 5_000_000;

/**
 * Warms the stack up (JIT, connection pools, Lambda environments) with the warm-up the
 * scenario's executor derives (open scenarios: a constant rate; closed: the same connections).
 * Its samples feed the time series (phase `warmup`) but never the measured histograms.
 */
export async function runWarmup(o: WarmupOptions): Promise<WarmupSummary | undefined> {
  const { warmup, load } = o.scenario;
  const spec = executorFor(load).warmup(load, warmup);
  if (spec === undefined || o.signal.aborted) return undefined;
  const phase = await runLoadPhase(o.engine, spec, {
    send: o.send,
    signal: o.signal,
    graceUs: WARMUP_GRACE_US,
    ...(o.onStart ? { onStart: o.onStart } : {}),
  });
  return summarise(warmup.duration, phase.recorded);
}

function summarise(durationSeconds: number, run: RecordedRun): WarmupSummary {
  return {
    durationSeconds,
    sent: run.counters.sent,
    responses: run.counters.responses,
    errors: run.counters.errors + run.counters.timeouts,
    p50Us: run.latency.percentile(50),
    p99Us: run.latency.percentile(99),
  };
}
