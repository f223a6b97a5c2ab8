import { epochMs, sleepMs } from "../clock/index.js";
import type { AsyncProbe } from "./async-probe.js";
import type { AsyncStackHandle } from "./run-types.js";

/** How the async drain ended. */
export interface DrainOutcome {
  /** True when every accepted job's result arrived or sits in the DLQ. */
  readonly complete: boolean;
  readonly seconds: number;
  /** Accepted jobs with neither a result nor a DLQ entry when the drain ended, by id. */
  readonly lost: number;
  /** The first lost job ids (up to 50), so the user can look them up. */
  readonly lostJobIds: readonly string[];
  readonly interrupted: boolean;
}

/** Options of `drainAsync`. */
export interface DrainOptions {
  readonly probe: AsyncProbe;
  readonly stack: Pick<AsyncStackHandle, "queueDepth" | "dlqJobIds">;
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
  const lostIds = await lostJobIds(o);
  return {
    complete: lostIds.length === 0,
    seconds: (epochMs() - start) / 1_000,
    lost: lostIds.length,
    lostJobIds: lostIds.slice(0, 50),
    interrupted: o.signal.aborted,
  };
}

/**
 * Reconciles by id: accepted jobs without a result whose id is not in the DLQ either. A DLQ that
 * cannot be read leaves every unfinished job counted as lost (nothing is assumed to be safe).
 */
async function lostJobIds(o: DrainOptions): Promise<string[]> {
  const unfinished = [...o.probe.jobs.unfinishedIds()];
  if (unfinished.length === 0) return [];
  const inDlq = new Set(await o.stack.dlqJobIds().catch(() => [] as string[]));
  return unfinished.filter((id) => !inDlq.has(id));
}
