import { setMaxListeners } from "node:events";
import type { MissReason } from "../metrics/samples.js";
import { errorKind } from "./errors.js";
import {
  type OpenModelOptions,
  type OpenModelResult,
  type ResolvedOpenModelOptions,
  resolveOpenModelOptions,
} from "./open-model-options.js";
import type { Arrival, ArrivalSchedule } from "./schedule.js";
import type { SendOutcome } from "./send.js";

export {
  OPEN_MODEL_DEFAULTS,
  type OpenModelOptions,
  type OpenModelResult,
} from "./open-model-options.js";

interface InFlight {
  readonly dueUs: number;
  readonly sentUs: number;
}

/**
 * Runs an open-model load: every arrival is sent at its intended time whatever the target
 * does, and every latency is measured from that intended time (no coordinated omission, as in
 * wrk2). When late, the loop catches up; arrivals it cannot send (in-flight cap reached, or the
 * generator more than `lagThresholdUs` behind) are counted as missed, never silently skipped.
 * It ends by itself at the end of the schedule plus `graceUs`; sends still in flight then are
 * aborted and reported as timeouts.
 */
export async function runOpenModel(options: OpenModelOptions): Promise<OpenModelResult> {
  return new OpenModelRun(resolveOpenModelOptions(options)).run();
}

// One run's state; the public surface is `runOpenModel`.
class OpenModelRun {
  readonly #o: ResolvedOpenModelOptions;
  readonly #inFlight = new Map<number, InFlight>();
  readonly #abortSends = new AbortController();
  readonly #missed: Record<MissReason, number> = { "max-in-flight": 0, "generator-lag": 0 };
  readonly #startUs: number;
  #offered = 0;
  #sent = 0;
  #completed = 0;
  #maxLagUs = 0;
  #lateSends = 0;
  #firstSendUs = 0;
  #lastSendUs = 0;
  #lastGaugeUs = Number.NEGATIVE_INFINITY;
  #onIdle: (() => void) | undefined;

  constructor(o: ResolvedOpenModelOptions) {
    this.#o = o;
    this.#startUs = o.clock.nowUs();
    // Every in-flight send may listen on this one signal: lift Node's leak warning (10).
    setMaxListeners(0, this.#abortSends.signal);
  }

  async run(): Promise<OpenModelResult> {
    await this.#schedule();
    const aborted = this.#o.signal?.aborted ?? false;
    const notOffered = aborted ? countRemaining(this.#o.schedule, this.#offered) : 0;
    const abandoned = await this.#drain();
    this.#abortSends.abort();
    const spanUs = this.#lastSendUs - this.#firstSendUs;
    return {
      offered: this.#offered,
      sent: this.#sent,
      missed: { ...this.#missed },
      completed: this.#completed,
      abandoned,
      notOffered,
      aborted,
      maxLagUs: this.#maxLagUs,
      lateSends: this.#lateSends,
      achievedRate: this.#sent > 1 && spanUs > 0 ? ((this.#sent - 1) * 1e6) / spanUs : 0,
      elapsedUs: this.#o.clock.nowUs() - this.#startUs,
    };
  }

  async #schedule(): Promise<void> {
    const { clock, signal } = this.#o;
    let burst = 0;
    for (const arrival of this.#o.schedule) {
      if (signal?.aborted) return;
      const dueUs = this.#startUs + arrival.intendedUs;
      let now = clock.nowUs();
      while (now < dueUs && !signal?.aborted) {
        this.#gauge(now);
        await clock.sleepUs(Math.min(dueUs - now, this.#o.gaugeEveryUs), signal);
        now = clock.nowUs();
        burst = 0;
      }
      if (signal?.aborted) return;
      this.#offered += 1;
      this.#offer(arrival, dueUs, now);
      this.#gauge(now);
      // Catching up must not starve I/O: yield to the event loop every 64 back-to-back sends.
      burst += 1;
      if (burst >= 64) {
        burst = 0;
        await clock.sleepUs(0);
      }
    }
  }

  #offer(arrival: Arrival, dueUs: number, now: number): void {
    const lag = now - dueUs;
    let reason: MissReason | undefined;
    if (lag > this.#o.lagThresholdUs) reason = "generator-lag";
    else if (this.#inFlight.size >= this.#o.maxInFlight) reason = "max-in-flight";
    if (reason !== undefined) {
      this.#missed[reason] += 1;
      this.#o.onSample({ type: "missed", atUs: now - this.#startUs, reason });
      return;
    }
    if (lag > this.#maxLagUs) this.#maxLagUs = lag;
    if (lag > 1_000) this.#lateSends += 1;
    this.#launch(arrival, dueUs, now);
  }

  #launch(arrival: Arrival, dueUs: number, now: number): void {
    this.#inFlight.set(arrival.index, { dueUs, sentUs: now });
    this.#sent += 1;
    if (this.#sent === 1) this.#firstSendUs = now;
    this.#lastSendUs = now;
    this.#o.onSample({ type: "sent", atUs: now - this.#startUs, lagUs: now - dueUs });
    let pending: Promise<SendOutcome>;
    try {
      pending = this.#o.send(arrival, { signal: this.#abortSends.signal });
    } catch (err) {
      pending = Promise.reject(err);
    }
    pending.then(
      (outcome) => this.#settle(arrival, outcome),
      (err: unknown) => this.#settle(arrival, { kind: "error", error: errorKind(err) }),
    );
  }

  #settle(arrival: Arrival, outcome: SendOutcome): void {
    const entry = this.#inFlight.get(arrival.index);
    if (entry === undefined) return; // already reported as a timeout when the grace ended
    this.#inFlight.delete(arrival.index);
    this.#completed += 1;
    const now = this.#o.clock.nowUs();
    const atUs = now - this.#startUs;
    const latencyUs = now - entry.dueUs;
    const onSample = this.#o.onSample;
    if (outcome.kind === "response") {
      const serviceUs = now - entry.sentUs;
      const inWorker = outcome.serverUs === undefined ? {} : { inWorkerUs: outcome.serverUs };
      onSample({
        type: "response",
        atUs,
        latencyUs,
        serviceUs,
        ...inWorker,
        status: outcome.status,
      });
    } else if (outcome.kind === "timeout") onSample({ type: "timeout", atUs, latencyUs });
    else onSample({ type: "error", atUs, latencyUs, kind: outcome.error });
    if (this.#inFlight.size === 0) this.#onIdle?.();
  }

  #gauge(now: number): void {
    if (now - this.#lastGaugeUs < this.#o.gaugeEveryUs) return;
    this.#lastGaugeUs = now;
    const value = this.#inFlight.size;
    this.#o.onSample({ type: "gauge", atUs: now - this.#startUs, name: "inFlight", value });
  }

  // Waits for in-flight sends up to the grace deadline; those left are reported as timeouts.
  async #drain(): Promise<number> {
    const { clock, graceUs, onSample } = this.#o;
    if (this.#inFlight.size > 0 && graceUs > 0) {
      const idle = new Promise<void>((resolve) => {
        this.#onIdle = resolve;
      });
      const stopSleeping = new AbortController();
      await Promise.race([idle, clock.sleepUs(graceUs, stopSleeping.signal)]);
      stopSleeping.abort();
    }
    const now = clock.nowUs();
    const atUs = now - this.#startUs;
    const abandoned = this.#inFlight.size;
    for (const entry of this.#inFlight.values()) {
      onSample({ type: "timeout", atUs, latencyUs: now - entry.dueUs });
    }
    this.#inFlight.clear();
    onSample({ type: "gauge", atUs, name: "inFlight", value: 0 });
    return abandoned;
  }
}

function countRemaining(schedule: ArrivalSchedule, offered: number): number {
  if (schedule.process === "even") return Math.max(0, schedule.expectedArrivals - offered);
  let n = 0;
  for (const _ of schedule) n += 1;
  return Math.max(0, n - offered);
}
