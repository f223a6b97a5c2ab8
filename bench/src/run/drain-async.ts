import { epochMs, sleepMs } from "../clock/index.js";
import type { AsyncProbe } from "./async-probe.js";
import type { AsyncStackHandle } from "./run-types.js";

/** How the async drain ended. */
export interface DrainOutcome {
  /** True when every accepted job's result arrived or sits in the DLQ. */
  readonly complete: boolean;
  readonly seconds: number;
  /** Accepted jobs with neither a result nor a DLQ entry when the drain ended. */
  readonly lost: number;
  readonly interrupted: boolean;
}

/** Options of `drainAsync`. */
export interface DrainOptions {
  readonly probe: AsyncProbe;
  readonly stack: Pick<AsyncStackHandle, "queueDepth">;
  readonly signal: AbortSignal;
  /** Upper bound of the drain in seconds. */
  readonly timeoutSeconds: number;
  /** Seconds the drain may still take once the run is interrupted (Ctrl-C). */
  readonly interruptedSeconds?: number;
  /** How often the DLQ depth is read, ms. */
  readonly pollMs?: number;
}

/**
 * Waits until every accepted job has a result or is in the DLQ, bounded by `timeoutSeconds`
 * (and by `interruptedSeconds` after an interrupt). What is left is reported as lost.
 */
export async function drainAsync(o: DrainOptions): Promise<DrainOutcome> {
  const start = epochMs();
  const pollMs = o.pollMs ?? 500;
  let deadline = start + o.timeoutSeconds * 1_000;
  const shorten = () => {
    deadline = Math.min(deadline, epochMs() + (o.interruptedSeconds ?? 5) * 1_000);
  };
  if (o.signal.aborted) shorten();
  else o.signal.addEventListener("abort", shorten, { once: true });
  let dlq = o.probe.lastDlq;
  try {
    for (;;) {
      const left = o.probe.jobs.unfinished - dlq;
      if (left <= 0 || epochMs() >= deadline) break;
      await sleepMs(Math.min(pollMs, deadline - epochMs()));
      dlq = (await o.stack.queueDepth().catch(() => undefined))?.dlq ?? dlq;
    }
  } finally {
    o.signal.removeEventListener("abort", shorten);
  }
  const lost = Math.max(0, o.probe.jobs.unfinished - dlq);
  return {
    complete: lost === 0,
    seconds: (epochMs() - start) / 1_000,
    lost,
    interrupted: o.signal.aborted,
  };
}
