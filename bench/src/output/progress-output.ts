import type { IntervalSnapshot, Output } from "../metrics/engine.js";
import type { ProgressPhase, ProgressSnapshot } from "../run/run-types.js";

/** What the progress output needs to know of its run. */
export interface ProgressOutputOptions {
  readonly scenario: string;
  readonly architecture: "sync" | "async";
  readonly plannedSeconds: number;
  /** Seconds of the scenario spent on earlier architectures. */
  readonly elapsedBeforeSeconds: number;
  readonly onProgress: (p: ProgressSnapshot) => void;
}

/**
 * The live progress line's data: one snapshot per closed interval and one per phase change
 * (rates of the last interval, errors and timeouts so far, the phase's p99, and on the async
 * side queue depth and environments). The CLI renders it; nothing here prints.
 */
export class ProgressOutput implements Output {
  readonly #o: ProgressOutputOptions;
  #phase: ProgressPhase = "provision";
  #last: IntervalSnapshot | undefined;
  #errors = 0;

  constructor(o: ProgressOutputOptions) {
    this.#o = o;
  }

  start(): void {}

  /** Emits one snapshot for the closed interval. */
  add(interval: IntervalSnapshot): void {
    this.#last = interval;
    this.#errors += (interval.values.errors ?? 0) + (interval.values.timeouts ?? 0);
    this.#emit();
  }

  stop(): void {}

  /** A phase change (provision, warm-up, measure, drain, teardown), emitted at once. */
  setPhase(phase: ProgressPhase): void {
    this.#phase = phase;
    this.#emit();
  }

  #emit(): void {
    const o = this.#o;
    const v = this.#last?.values ?? {};
    const platform = o.architecture === "async" && this.#last !== undefined;
    this.#o.onProgress({
      scenario: o.scenario,
      architecture: o.architecture,
      phase: this.#phase,
      elapsedSeconds: o.elapsedBeforeSeconds + (this.#last?.t ?? 0),
      plannedSeconds: o.plannedSeconds,
      offeredRate: v.offered ?? 0,
      achievedRate: v.achieved ?? 0,
      p99Us: this.#last?.phaseP99Us ?? 0,
      errors: this.#errors,
      ...(platform && v.queueVisible !== undefined
        ? { queueVisible: v.queueVisible, queueInFlight: v.queueInFlight ?? 0 }
        : {}),
      ...(platform
        ? {
            environments: {
              busy: v.envBusy ?? 0,
              idle: v.envIdle ?? 0,
              starting: v.envStarting ?? 0,
            },
          }
        : {}),
    });
  }
}
