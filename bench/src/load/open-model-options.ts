// The open-model runner's options, defaults and result shape (the runner is open-model.ts).
import type { FieldIssue } from "@queueshift/shared-model";
import { type Clock, systemClock } from "../clock/index.js";
import type { LoadSample, MissReason, SampleSink } from "../metrics/samples.js";
import { assertNoIssues, integerSettings } from "./errors.js";
import type { ArrivalSchedule } from "./schedule.js";
import type { Send } from "./send.js";

/** Options of `runOpenModel`; numeric defaults in `OPEN_MODEL_DEFAULTS`. */
export interface OpenModelOptions {
  readonly schedule: ArrivalSchedule;
  readonly send: Send;
  /** Sends allowed in flight at once; an arrival finding the cap reached is missed. */
  readonly maxInFlight?: number;
  readonly clock?: Clock;
  readonly onSample: SampleSink<LoadSample>;
  /** Stops scheduling; arrivals not yet due are reported as `notOffered`. */
  readonly signal?: AbortSignal;
  /** An arrival the generator reaches later than this is missed, not sent in a burst. */
  readonly lagThresholdUs?: number;
  /** How long in-flight sends may finish after the last arrival; the rest are timeouts. */
  readonly graceUs?: number;
  /** How often the in-flight gauge is emitted. */
  readonly gaugeEveryUs?: number;
}

/** Defaults of the open-model runner. */
export const OPEN_MODEL_DEFAULTS = Object.freeze({
  /** 10,000 concurrent sends: beyond that the target is hopelessly behind. */
  maxInFlight: 10_000,
  /** 100,000 us = 100 ms: a generator this late is itself the bottleneck (GC, CPU starvation). */
  lagThresholdUs: 100_000,
  /** 10,000,000 us = 10 s after the last arrival. */
  graceUs: 10_000_000,
  /** 100,000 us = 100 ms between in-flight gauge samples. */
  gaugeEveryUs: 100_000,
});

/** What the runner did; latencies and time series are in the sample sink. */
export interface OpenModelResult {
  /** Arrivals the schedule produced before the run ended (all of them unless aborted). */
  readonly offered: number;
  readonly sent: number;
  readonly missed: Readonly<Record<MissReason, number>>;
  readonly completed: number;
  /** Sends still in flight when the grace period ended (also emitted as timeout samples). */
  readonly abandoned: number;
  /** Arrivals never reached because `signal` aborted the run. */
  readonly notOffered: number;
  readonly aborted: boolean;
  /** Worst lateness of a send against its intended time (microseconds). */
  readonly maxLagUs: number;
  /** Sends later than 1 ms against their intended time. */
  readonly lateSends: number;
  /** (sent - 1) / (last send - first send): the send rate actually achieved, per second. */
  readonly achievedRate: number;
  /** Microseconds from start to the end of the drain. */
  readonly elapsedUs: number;
}

/** Defaults applied and checked (every bad option listed), then frozen. */
export function resolveOpenModelOptions(options: OpenModelOptions) {
  const issues: FieldIssue[] = [];
  const numbers = integerSettings(
    options,
    OPEN_MODEL_DEFAULTS,
    {
      maxInFlight: [1, 1_000_000],
      lagThresholdUs: [1_000, 3_600_000_000],
      graceUs: [0, 3_600_000_000],
      gaugeEveryUs: [1_000, 60_000_000],
    },
    issues,
  );
  assertNoIssues(issues, "open-model options");
  return Object.freeze({
    schedule: options.schedule,
    send: options.send,
    onSample: options.onSample,
    signal: options.signal,
    clock: options.clock ?? systemClock,
    ...numbers,
  });
}

/** Options with their defaults, as the runner uses them. */
export type ResolvedOpenModelOptions = ReturnType<typeof resolveOpenModelOptions>;
