import { LoadError } from "./errors.js";
import { mulberry32 } from "./prng.js";
import { buildRateProfile, type RateProfile, rateAt, timeInSegment } from "./rate-profile.js";
import {
  type ArrivalProcess,
  type ScheduleSpec,
  spikeRepeats,
  validateScheduleSpec,
} from "./schedule-spec.js";

/** One intended arrival: its sequence number and when the schedule says it happens. */
export interface Arrival {
  readonly index: number;
  /** Microseconds from the run start (integer). */
  readonly intendedUs: number;
}

// Float noise in N(D) (e.g. 0.1 * 30 = 3.0000000000000004) must not add a phantom arrival.
const COUNT_EPSILON = 1e-9;

/**
 * A deterministic arrival schedule. Iterating it yields arrivals in time order lazily, so a
 * 24 h schedule costs no memory. Even spacing places arrival k where the integrated rate
 * N(t) reaches k, which makes counts exact (ceil(N(D))) for any piecewise-linear curve.
 */
export class ArrivalSchedule implements Iterable<Arrival> {
  readonly spec: ScheduleSpec;
  readonly profile: RateProfile;
  readonly process: ArrivalProcess;
  /** Microseconds. */
  readonly durationUs: number;
  /** Arrivals the curve asks for: exact for "even", the expectation for "poisson". */
  readonly expectedArrivals: number;

  constructor(spec: ScheduleSpec) {
    const issues = validateScheduleSpec(spec);
    if (issues.length > 0) {
      const list = issues.map((i) => `${i.path}: ${i.message}`).join("; ");
      throw new LoadError("QS_LOAD_INVALID_SCHEDULE", `invalid schedule: ${list}`, {
        issues,
      });
    }
    this.spec = Object.freeze(structuredClone(spec));
    this.profile = buildRateProfile(this.spec);
    this.process = spec.arrivals ?? "even";
    this.durationUs = Math.round(this.profile.duration * 1e6);
    this.expectedArrivals =
      this.process === "even"
        ? Math.max(0, Math.ceil(this.profile.totalArrivals - COUNT_EPSILON))
        : this.profile.totalArrivals;
  }

  /** The intended rate (arrivals/s) at `tUs` microseconds, for "offered rate" series. */
  rateAt(tUs: number): number {
    return rateAt(this.profile, tUs / 1e6);
  }

  /** One line for logs and reports. */
  describe(): string {
    const s = this.spec;
    const how = `${this.process} arrivals`;
    switch (s.executor) {
      case "constant-arrival-rate":
        return `constant-arrival-rate: ${s.rate}/s for ${s.duration} s (${this.expectedArrivals} ${how})`;
      case "ramping-arrival-rate": {
        const stages = s.stages.map((st) => `${st.target}/s over ${st.duration} s`).join(", ");
        return `ramping-arrival-rate: from ${s.startRate}/s, ${stages} (${this.expectedArrivals} ${how})`;
      }
      case "spike":
        return `spike: ${s.baseRate}/s, ${s.spikeRate}/s from ${s.spikeStart} s for ${s.spikeDuration} s${spikeRepeats(s)}, ${s.duration} s total (${this.expectedArrivals} ${how})`;
    }
  }

  /** Arrivals in time order. */
  [Symbol.iterator](): Iterator<Arrival> {
    return this.process === "even" ? this.#even() : this.#poisson();
  }

  *#even(): Generator<Arrival> {
    const cursor = { segment: 0 };
    for (let index = 0; index < this.expectedArrivals; index += 1) {
      yield { index, intendedUs: this.#timeUs(index, cursor) };
    }
  }

  *#poisson(): Generator<Arrival> {
    // Time-rescaling: unit-rate Poisson points in "cumulative arrivals" space, mapped through
    // N^-1, form a Poisson process with rate r(t).
    const random = mulberry32(this.spec.seed ?? 1);
    const cursor = { segment: 0 };
    let target = 0;
    for (let index = 0; ; index += 1) {
      target += -Math.log(1 - random());
      if (target >= this.profile.totalArrivals) return;
      yield { index, intendedUs: this.#timeUs(target, cursor) };
    }
  }

  // Segments are scanned from a per-iterator cursor because targets only grow: O(1) amortised.
  #timeUs(target: number, cursor: { segment: number }): number {
    const segs = this.profile.segments;
    for (let i = cursor.segment; i < segs.length; i += 1) {
      const s = segs[i];
      if (s === undefined) break;
      const area = ((s.startRate + s.endRate) / 2) * s.duration;
      if (target < s.cumulativeBefore + area || i === segs.length - 1) {
        cursor.segment = i;
        const t = s.start + timeInSegment(s, target - s.cumulativeBefore);
        return Math.min(this.durationUs - 1, Math.round(t * 1e6));
      }
    }
    return this.durationUs - 1;
  }
}

/** Validates a schedule description (throwing `QS_LOAD_INVALID_SCHEDULE` with all problems). */
export function createSchedule(spec: ScheduleSpec): ArrivalSchedule {
  return new ArrivalSchedule(spec);
}
