import { setMaxListeners } from "node:events";
import type { FieldIssue } from "@queueshift/shared-model";
import { type Clock, systemClock } from "../clock/index.js";
import type { LoadSample, SampleSink } from "../metrics/samples.js";
import { assertNoIssues, checkInteger, errorKind } from "./errors.js";
import type { Arrival, ArrivalSchedule } from "./schedule.js";
import type { Send, SendOutcome } from "./send.js";

/** Options of `runClosedLoop`. */
export interface ClosedLoopOptions {
  readonly send: Send;
  /** Workers, each with at most one request in flight (size the sender's pool to match). */
  readonly connections: number;
  /** Hard stop, microseconds; also the run length when there is no schedule. */
  readonly durationUs: number;
  /**
   * With a schedule, workers take arrivals in order and wait for each one's intended time
   * (wrk2's constant-throughput loop). Without, they send back to back (max throughput).
   */
  readonly schedule?: ArrivalSchedule;
  readonly clock?: Clock;
  readonly onSample: SampleSink<LoadSample>;
  readonly signal?: AbortSignal;
}

/** What a closed loop did. */
export interface ClosedLoopResult {
  readonly sent: number;
  readonly completed: number;
  /** Scheduled arrivals the busy workers never got to before the stop. */
  readonly unsent: number;
  /** Completions per second over the run. */
  readonly throughput: number;
  readonly elapsedUs: number;
}

/**
 * A closed loop: each worker sends its next request only after the previous one completed.
 * This is what wrk and autocannon do, so it finds max throughput, but under a stall it sends
 * less and its latencies from the actual send time hide the stall (coordinated omission).
 * Samples carry both views: `latencyUs` from the intended time, `serviceUs` from the send.
 */
export async function runClosedLoop(options: ClosedLoopOptions): Promise<ClosedLoopResult> {
  const issues: FieldIssue[] = [];
  checkInteger(issues, "connections", options.connections, 1, 10_000);
  checkInteger(issues, "durationUs", options.durationUs, 1, 3_600_000_000);
  assertNoIssues(issues, "closed-loop options");
  const clock = options.clock ?? systemClock;
  const { send, onSample, signal } = options;
  const startUs = clock.nowUs();
  const endUs = startUs + options.durationUs;
  const iterator = options.schedule?.[Symbol.iterator]();
  const abortSends = new AbortController();
  setMaxListeners(0, abortSends.signal); // every worker's send listens on it
  let index = 0;
  let sent = 0;
  let completed = 0;

  const next = (now: number): Arrival | undefined => {
    if (iterator === undefined) return { index: index++, intendedUs: now - startUs };
    const r = iterator.next();
    return r.done ? undefined : r.value;
  };

  const worker = async () => {
    for (let now = clock.nowUs(); now < endUs && !signal?.aborted; now = clock.nowUs()) {
      const arrival = next(now);
      if (arrival === undefined) return;
      const dueUs = startUs + arrival.intendedUs;
      while (now < dueUs && now < endUs && !signal?.aborted) {
        await clock.sleepUs(Math.min(dueUs - now, endUs - now), signal);
        now = clock.nowUs();
      }
      if (now >= endUs || signal?.aborted) return;
      sent += 1;
      onSample({ type: "sent", atUs: now - startUs, lagUs: now - dueUs });
      const outcome = await sendSafely(send, arrival, abortSends.signal);
      const done = clock.nowUs();
      completed += 1;
      emit(onSample, outcome, done - startUs, done - dueUs, done - now);
    }
  };
  await Promise.all(Array.from({ length: options.connections }, worker));
  abortSends.abort();
  const elapsedUs = clock.nowUs() - startUs;
  let unsent = 0;
  if (iterator !== undefined)
    for (let r = iterator.next(); !r.done; r = iterator.next()) unsent += 1;
  return { sent, completed, unsent, throughput: (completed * 1e6) / elapsedUs, elapsedUs };
}

async function sendSafely(send: Send, arrival: Arrival, signal: AbortSignal): Promise<SendOutcome> {
  try {
    return await send(arrival, { signal });
  } catch (err) {
    return { kind: "error", error: errorKind(err) };
  }
}

function emit(
  onSample: SampleSink<LoadSample>,
  outcome: SendOutcome,
  atUs: number,
  latencyUs: number,
  serviceUs: number,
): void {
  if (outcome.kind === "response") {
    const inWorker = outcome.serverUs === undefined ? {} : { inWorkerUs: outcome.serverUs };
    onSample({ type: "response", atUs, latencyUs, serviceUs, ...inWorker, status: outcome.status });
  } else if (outcome.kind === "timeout") onSample({ type: "timeout", atUs, latencyUs });
  else onSample({ type: "error", atUs, latencyUs, kind: outcome.error });
}
