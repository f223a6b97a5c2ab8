import type { SeriesColumn } from "@queueshift/shared-model";
import { MetricsEngine } from "../metrics/engine.js";
import { ProgressOutput } from "../output/progress-output.js";
import { TimeSeriesOutput } from "../output/time-series-output.js";
import { plannedSeconds } from "../scenario/describe-scenario.js";
import { type ComponentProcess, ResourceSampler } from "./resource-sampler.js";
import type { ArchitectureRunContext, ProgressPhase } from "./run-types.js";
import { Ticker } from "./ticker.js";
import { type PhaseName, Timeline } from "./timeline.js";

/** Extra per-second work of an architecture: emit its samples (queue depth, jobs) to the engine. */
export type TickExtra = (engine: MetricsEngine) => Promise<void>;

/**
 * The orchestration one architecture's run shares with the other: its timeline and phases, the
 * 1 s ticker, resource sampling, and the metrics engine with its outputs (the time series and
 * the progress line). Producers write samples to `engine.add`; nothing is aggregated here.
 */
export class ArchitectureSession {
  #timeline = new Timeline();
  readonly engine: MetricsEngine;
  readonly series: TimeSeriesOutput;
  readonly resources = new ResourceSampler();
  readonly #progress: ProgressOutput;
  readonly #ctx: ArchitectureRunContext;
  readonly #ticker = new Ticker(1_000);
  #tick: (() => Promise<void>) | undefined;

  constructor(
    ctx: ArchitectureRunContext,
    arch: "sync" | "async",
    columns: readonly SeriesColumn[],
  ) {
    this.#ctx = ctx;
    this.series = new TimeSeriesOutput(columns);
    this.#progress = new ProgressOutput({
      scenario: ctx.scenario.name,
      architecture: arch,
      plannedSeconds: plannedSeconds(ctx.scenario),
      elapsedBeforeSeconds: ctx.elapsedBeforeSeconds,
      onProgress: ctx.onProgress,
    });
    // Sync: a response is the unit of work; async: a 202 only accepts a job, results complete it.
    this.engine = new MetricsEngine({
      responsesComplete: arch === "sync",
      outputs: [this.series, this.#progress],
    });
  }

  /** The architecture's clock and phases; t = 0 at `startClock()`. */
  get timeline(): Timeline {
    return this.#timeline;
  }

  /** Sets t = 0 (call it when provisioning is done and the load is about to start). */
  startClock(): void {
    this.#timeline = new Timeline();
  }

  /** Opens a result-document phase (and the progress phase of the same name). */
  begin(name: PhaseName): void {
    this.timeline.begin(name);
    this.engine.beginPhase(name);
    this.#progress.setPhase(name);
  }

  /** Sets the progress phase only (provision, teardown). */
  setProgressPhase(phase: ProgressPhase): void {
    this.#progress.setPhase(phase);
  }

  /** Starts the 1 s ticker: resources, the architecture's samples, then one closed interval. */
  startTicking(processes: () => readonly ComponentProcess[], extra: TickExtra): void {
    this.#tick = async () => {
      const rates = this.resources.sample(processes());
      this.engine.add({
        type: "resources",
        harnessCpu: round(rates.harness),
        stackCpu: round(rates.stack),
        stackRssMB: round(rates.stackRssBytes / 2 ** 20),
      });
      await extra(this.engine);
      this.engine.flush(this.timeline.seconds(), this.timeline.current);
    };
    this.#ticker.start(this.#tick, (err) => this.#ctx.log(`sampling failed: ${String(err)}`));
  }

  /** Stops the ticker, closes a last interval for the partial second, stops the outputs (idempotent). */
  async stopTicking(): Promise<void> {
    await this.#ticker.stop();
    const last = this.#tick;
    this.#tick = undefined;
    if (last === undefined) return;
    await last().catch((err: unknown) => this.#ctx.log(`sampling failed: ${String(err)}`));
    this.engine.stop();
  }
}

function round(x: number): number {
  return Math.round(x * 1_000) / 1_000;
}
