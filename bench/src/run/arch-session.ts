import { PHASE_CODES, type SeriesColumn } from "@queueshift/shared-model";
import { Histogram } from "../metrics/histogram.js";
import type { Sample } from "../metrics/samples.js";
import { plannedSeconds } from "../scenario/describe-scenario.js";
import { type ComponentProcess, ResourceSampler } from "./resource-sampler.js";
import type { ArchitectureRunContext, ProgressPhase, ProgressSnapshot } from "./run-types.js";
import { SeriesBuilder } from "./series-builder.js";
import { Ticker } from "./ticker.js";
import { type PhaseName, Timeline } from "./timeline.js";

/** Extra per-second work of an architecture: set its gauges, return progress extras. */
export type TickExtra = (series: SeriesBuilder) => Promise<Partial<ProgressSnapshot>>;

/**
 * The bookkeeping one architecture's run shares with the other: its timeline and phases, the
 * 1 s series and ticker, resource sampling and the progress snapshot. Load samples are mapped
 * to series columns here; what a "completion" is differs (sync: a response, async: a result).
 */
export class ArchitectureSession {
  #timeline = new Timeline();
  #clockStarted = false;
  readonly series: SeriesBuilder;
  readonly resources = new ResourceSampler();
  readonly #ctx: ArchitectureRunContext;
  readonly #arch: "sync" | "async";
  readonly #ticker = new Ticker(1_000);
  readonly #phaseLatency = new Histogram();
  #progressPhase: ProgressPhase = "provision";
  #interval = { offered: 0, achieved: 0 };
  #errors = 0;
  #extras: Partial<ProgressSnapshot> = {};
  #tick: (() => Promise<void>) | undefined;

  constructor(
    ctx: ArchitectureRunContext,
    arch: "sync" | "async",
    columns: readonly SeriesColumn[],
  ) {
    this.#ctx = ctx;
    this.#arch = arch;
    this.series = new SeriesBuilder(columns);
  }

  /** The architecture's clock and phases; t = 0 at `startClock()`. */
  get timeline(): Timeline {
    return this.#timeline;
  }

  /** Sets t = 0 (call it when provisioning is done and the load is about to start). */
  startClock(): void {
    this.#timeline = new Timeline();
    this.#clockStarted = true;
  }

  /** Opens a result-document phase (and the progress phase of the same name). */
  begin(name: PhaseName): void {
    this.timeline.begin(name);
    this.#progressPhase = name;
    this.#phaseLatency.reset();
  }

  /** Sets the progress phase only (provision, teardown). */
  setProgressPhase(phase: ProgressPhase): void {
    this.#progressPhase = phase;
    this.#emitProgress();
  }

  /** Maps one load-generator sample onto the series; `completes` = a response is a completion. */
  loadSample(s: Sample, completes: boolean): void {
    const series = this.series;
    switch (s.type) {
      case "sent":
        series.count("sent");
        series.count("offered");
        this.#interval.offered += 1;
        break;
      case "missed":
        series.count("missed");
        series.count("offered");
        this.#interval.offered += 1;
        break;
      case "response":
        if (s.status >= 400) this.#error();
        if (completes) this.completed(s.latencyUs, s.status < 400);
        else {
          if (s.status === 202) series.count("accepted");
          series.latency(s.latencyUs, "submit");
        }
        break;
      case "error":
        this.#error();
        break;
      case "timeout":
        series.count("timeouts");
        this.#errors += 1;
        break;
      case "gauge":
        if (s.name === "inFlight") series.set("inFlight", s.value);
        break;
    }
  }

  /** Counts one completed unit of work and its latency from the intended time (us). */
  completed(latencyUs: number, ok = true): void {
    if (ok) {
      this.series.count("achieved");
      this.#interval.achieved += 1;
    }
    this.series.latency(latencyUs);
    this.#phaseLatency.record(latencyUs);
  }

  /** Starts the 1 s ticker: resources, the architecture's gauges, a series row, progress. */
  startTicking(processes: () => readonly ComponentProcess[], extra: TickExtra): void {
    this.#tick = async () => {
      const rates = this.resources.sample(processes());
      this.series.set("harnessCpu", round(rates.harness));
      this.series.set("stackCpu", round(rates.stack));
      this.series.set("stackRssMB", round(rates.stackRssBytes / 2 ** 20));
      this.#extras = await extra(this.series);
      const phase = this.timeline.current;
      if (phase !== undefined) this.series.set("phase", PHASE_CODES[phase]);
      this.series.flush(this.timeline.seconds());
      this.#emitProgress();
      this.#interval = { offered: 0, achieved: 0 };
    };
    this.#ticker.start(this.#tick, (err) => this.#ctx.log(`sampling failed: ${String(err)}`));
  }

  /** Stops the ticker and writes a last row for the partial interval (idempotent). */
  async stopTicking(): Promise<void> {
    await this.#ticker.stop();
    const last = this.#tick;
    this.#tick = undefined;
    await last?.().catch((err: unknown) => this.#ctx.log(`sampling failed: ${String(err)}`));
  }

  #error(): void {
    this.series.count("errors");
    this.#errors += 1;
  }

  #emitProgress(): void {
    const ctx = this.#ctx;
    ctx.onProgress({
      scenario: ctx.scenario.name,
      architecture: this.#arch,
      phase: this.#progressPhase,
      elapsedSeconds: ctx.elapsedBeforeSeconds + (this.#clockStarted ? this.timeline.seconds() : 0),
      plannedSeconds: plannedSeconds(ctx.scenario),
      offeredRate: this.#interval.offered,
      achievedRate: this.#interval.achieved,
      p99Us: this.#phaseLatency.percentile(99),
      errors: this.#errors,
      ...this.#extras,
    });
  }
}

function round(x: number): number {
  return Math.round(x * 1_000) / 1_000;
}
