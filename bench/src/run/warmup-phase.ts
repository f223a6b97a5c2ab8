import { epochMs } from "../clock/index.js";
import { runClosedLoop } from "../load/closed-loop.js";
import type { Send } from "../load/send.js";
import { IntervalRecorder } from "../metrics/interval-recorder.js";
import type { Sample } from "../metrics/samples.js";
import type { Scenario } from "../scenario/scenario-types.js";
import { runOpenPhase } from "./open-phase.js";

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
  readonly onSample: (s: Sample) => void;
  readonly onStart?: (startEpochMs: number) => void;
}

/**
 * Warms the stack up (JIT, connection pools, Lambda environments) with the scenario's warm-up:
 * a constant arrival rate for open scenarios, the same connections for closed ones. Its
 * samples feed the time series (phase `warmup`) but never the measured histograms.
 */
export async function runWarmup(o: WarmupOptions): Promise<WarmupSummary | undefined> {
  const { warmup, load } = o.scenario;
  if (warmup.duration <= 0 || o.signal.aborted) return undefined;
  if (load.executor === "closed") {
    const recorder = new IntervalRecorder({ keepRows: false });
    o.onStart?.(epochMs());
    await runClosedLoop({
      send: o.send,
      connections: load.connections,
      durationUs: Math.round(warmup.duration * 1e6),
      signal: o.signal,
      onSample: (s) => {
        recorder.add(s);
        o.onSample(s);
      },
    });
    return summarise(warmup.duration, recorder.finish());
  }
  if (warmup.rate <= 0) return undefined;
  const phase = await runOpenPhase({
    spec: { executor: "constant-arrival-rate", rate: warmup.rate, duration: warmup.duration },
    send: o.send,
    signal: o.signal,
    graceUs: 5_000_000,
    onSample: o.onSample,
    ...(o.onStart ? { onStart: o.onStart } : {}),
  });
  return summarise(warmup.duration, phase.recorded);
}

function summarise(
  durationSeconds: number,
  run: ReturnType<IntervalRecorder["finish"]>,
): WarmupSummary {
  return {
    durationSeconds,
    sent: run.counters.sent,
    responses: run.counters.responses,
    errors: run.counters.errors + run.counters.timeouts,
    p50Us: run.latency.percentile(50),
    p99Us: run.latency.percentile(99),
  };
}
