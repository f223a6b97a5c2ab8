import type { MeasuredLambdaUsage } from "@queueshift/shared-model";
import type { PlatformSample } from "../lambda/samples.js";
import { Histogram } from "./histogram.js";

/** Lambda platform figures of the measured part of an async run. */
export interface PlatformTotalsSnapshot {
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
 * The engine's whole-run sink of the local Lambda platform: cold starts, init durations (HDR,
 * us), billed duration and batch sizes of the measured part. The engine feeds it only while
 * measuring (not the warm-up).
 */
export class PlatformTotals {
  readonly init = new Histogram();
  /** INIT's CPU time (us), of the environments whose runtime said it (the built-in runtime). */
  readonly initCpu = new Histogram();
  /** REPORT Duration per invocation (us): the handler's whole batch, publishing included, no init. */
  readonly invocation = new Histogram();
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

  /** Folds one measured platform sample in. */
  add(s: PlatformSample): void {
    const t = this.#t;
    if (s.type === "scaling") t.maxBusy = Math.max(t.maxBusy, s.environments.busy);
    else if (s.type === "invocation") {
      t.invocations += 1;
      if (s.cold) t.coldStarts += 1;
      if (!s.ok) t.errors += 1;
      if (s.report !== undefined) {
        t.billedDurationMs += s.report.billedDurationMs;
        this.invocation.record(s.report.durationMs * 1_000);
        t.maxMemoryUsedMB = Math.max(t.maxMemoryUsedMB, s.report.maxMemoryUsedMB);
      }
    } else if (s.type === "environment" && s.event === "started") {
      t.environmentsCreated += 1;
      if (s.initDurationMs !== undefined) {
        t.initDurationMs += s.initDurationMs;
        this.init.record(s.initDurationMs * 1_000);
      }
      if (s.initCpuMs !== undefined) this.initCpu.record(s.initCpuMs * 1_000);
    } else if (s.type === "batch") {
      t.batches += 1;
      t.records += s.size;
    }
  }

  /** The measured totals. */
  totals(): PlatformTotalsSnapshot {
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
