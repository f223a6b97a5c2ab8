import { type ExecutorContext, type ExecutorRun, executorFor } from "../load/executors.js";
import type { MetricsEngine } from "../metrics/engine.js";
import type { RecordedRun } from "../metrics/interval-recorder.js";
import type { LoadSpec } from "../scenario/scenario-types.js";

/** What one executor run produced: its own figures and the engine's whole-run recording. */
export interface LoadPhaseResult extends ExecutorRun {
  readonly recorded: RecordedRun;
}

/**
 * Runs `spec` with the executor registered for it, its samples going to the engine, inside
 * one whole-run load recording of its own (so a warm-up and a measurement never mix their
 * histograms).
 */
export async function runLoadPhase(
  engine: MetricsEngine,
  spec: LoadSpec,
  ctx: Omit<ExecutorContext, "onSample">,
): Promise<LoadPhaseResult> {
  engine.openLoadRun();
  try {
    const run = await executorFor(spec).run(spec, { ...ctx, onSample: engine.add });
    return { ...run, recorded: engine.finishLoadRun() };
  } catch (err) {
    engine.finishLoadRun();
    throw err;
  }
}
