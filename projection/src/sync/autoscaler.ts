import { alarmDelayFor, type SyncParams } from "./sync-params.js";

/** A scaling decision: set the desired count to `desired` at time `at` (after the alarm delay). */
export interface ScaleDecision {
  readonly at: number;
  readonly desired: number;
  readonly direction: "out" | "in";
}

/**
 * ECS target tracking on average CPU (aws-facts 0.8, 8.3): one datapoint per metric period;
 * `datapointsOut` consecutive datapoints above the target trigger a scale-out to
 * ceil(running x cpu / target), `datapointsIn` below target x scaleInRatio a scale-in, each
 * acting `alarmDelay` after the last datapoint. While an alarm stays breached it acts every
 * period; a scale-out during its cooldown only acts when it asks for more than is already
 * launched (capacity just added counts), a scale-in waits out both cooldowns.
 */
export class TargetTracking {
  readonly #p: SyncParams;
  readonly #delay: number;
  #high = 0;
  #low = 0;
  #lastOut = Number.NEGATIVE_INFINITY;
  #lastIn = Number.NEGATIVE_INFINITY;

  constructor(params: SyncParams) {
    this.#p = params;
    this.#delay = alarmDelayFor(params);
  }

  /**
   * One datapoint at `t`: `cpu` is the running tasks' average CPU over the period (null when
   * there was no running task: insufficient data, no action), `launched` the tasks started or
   * starting, `running` those in service.
   */
  datapoint(
    t: number,
    cpu: number | null,
    running: number,
    launched: number,
  ): ScaleDecision | null {
    if (cpu === null || running === 0) return null;
    const p = this.#p;
    this.#high = cpu > p.targetCpu ? this.#high + 1 : 0;
    this.#low = cpu < p.targetCpu * p.scaleInRatio ? this.#low + 1 : 0;
    const wanted = Math.ceil((running * cpu) / p.targetCpu - 1e-9);
    const at = t + this.#delay;
    if (this.#high >= p.datapointsOut) {
      const desired = Math.min(p.maxTasks, wanted);
      // In or out of the cooldown, only a count above what is launched adds tasks.
      if (desired <= launched) return null;
      this.#lastOut = t;
      return { at, desired, direction: "out" };
    }
    if (this.#low >= p.datapointsIn) {
      const desired = Math.max(p.minTasks, wanted);
      const cooled =
        t - this.#lastIn >= p.scaleInCooldownSeconds &&
        t - this.#lastOut >= p.scaleOutCooldownSeconds;
      if (desired >= launched || !cooled) return null;
      this.#lastIn = t;
      return { at, desired, direction: "in" };
    }
    return null;
  }
}
