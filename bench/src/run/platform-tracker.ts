import type { MeasuredLambdaUsage } from "@queueshift/shared-model";
import type { EnvironmentCounts, PlatformSample } from "../lambda/index.js";
import { Histogram } from "../metrics/histogram.js";

/** Lambda platform figures of the measured part of an async run. */
export interface PlatformTotals {
  readonly invocations: number;
  readonly coldStarts: number;
  readonly errors: number;
  readonly environmentsCreated: number;
  readonly billedDurationMs: number;
  readonly initDurationMs: number;
  readonly maxMemoryUsedMB: number;
  readonly batches: number;
  readonly records: number;
  readonly maxBusy: number;
}

/**
 * Folds the local Lambda platform's samples into cold starts, init durations (HDR, us), billed
 * duration and batch sizes. Samples before `startMeasuring()` (the warm-up) are not counted,
 * except that the live environment counts are always kept for the time series.
 */
export class PlatformTracker {
  readonly init = new Histogram();
  #measuring = false;
  #environments: EnvironmentCounts = { busy: 0, idle: 0, starting: 0 };
  #interval = { coldStarts: 0, invocations: 0 };
  #t = {
    invocations: 0,
    coldStarts: 0,
    errors: 0,
    environmentsCreated: 0,
    billedDurationMs: 0,
    initDurationMs: 0,
    maxMemoryUsedMB: 0,
    batches: 0,
    records: 0,
    maxBusy: 0,
  };

  /** The sink to pass as the stack's `onPlatformSample`. */
  readonly add = (s: PlatformSample): void => {
    if (s.kind === "interval") {
      this.#environments = s.environments;
      if (this.#measuring) this.#t.maxBusy = Math.max(this.#t.maxBusy, s.environments.busy);
      return;
    }
    if (s.kind === "invocation") {
      this.#interval.invocations += 1;
      if (s.cold) this.#interval.coldStarts += 1;
    }
    if (!this.#measuring) return;
    const t = this.#t;
    if (s.kind === "invocation") {
      t.invocations += 1;
      if (s.cold) t.coldStarts += 1;
      if (!s.ok) t.errors += 1;
      if (s.report !== undefined) {
        t.billedDurationMs += s.report.billedDurationMs;
        t.maxMemoryUsedMB = Math.max(t.maxMemoryUsedMB, s.report.maxMemoryUsedMB);
      }
    } else if (s.kind === "environment" && s.event === "started") {
      t.environmentsCreated += 1;
      if (s.initDurationMs !== undefined) {
        t.initDurationMs += s.initDurationMs;
        this.init.record(s.initDurationMs * 1_000);
      }
    } else if (s.kind === "batch") {
      t.batches += 1;
      t.records += s.size;
    }
  };

  /** From now on samples count towards the run's figures. */
  startMeasuring(): void {
    this.#measuring = true;
  }

  /** Environments by state, as of the last interval sample. */
  environments(): EnvironmentCounts {
    return this.#environments;
  }

  /** Cold starts and invocations since the previous call (for the 1 s series). */
  takeInterval(): { coldStarts: number; invocations: number } {
    const out = this.#interval;
    this.#interval = { coldStarts: 0, invocations: 0 };
    return out;
  }

  /** The measured totals. */
  totals(): PlatformTotals {
    return { ...this.#t };
  }

  /** The result document's Lambda usage block. */
  usage(memorySizeMB: number): MeasuredLambdaUsage {
    const t = this.#t;
    return {
      memorySizeMB,
      architecture: process.arch === "arm64" ? "arm64" : "x86_64",
      invocations: t.invocations,
      coldStarts: t.coldStarts,
      environmentsCreated: t.environmentsCreated,
      billedDurationMsTotal: t.billedDurationMs,
      initDurationMsTotal: Math.round(t.initDurationMs * 1_000) / 1_000,
      maxMemoryUsedMB: t.maxMemoryUsedMB,
      batchSizeMean: t.batches > 0 ? t.records / t.batches : 0,
      maxConcurrency: t.maxBusy,
    };
  }
}
