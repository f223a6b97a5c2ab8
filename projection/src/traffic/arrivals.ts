import { createRng, type Rng } from "@queueshift/shared-model";

/** Where a simulation's arrivals come from: `next()` gives arrival times in ascending order. */
export interface ArrivalSource {
  /** The next arrival time in seconds, or Infinity after the last one. */
  next(): number;
}

/**
 * Poisson arrivals with a rate that is constant inside each minute (`minuteRates[i]` requests
 * per second during minute i, simulation time 0 = start of minute 0). Exponential gaps are
 * memoryless, so restarting the draw at each minute boundary is exact.
 */
export class ArrivalStream implements ArrivalSource {
  readonly #rates: Float64Array;
  readonly #rng: Rng;
  #t = 0;
  #minute = 0;

  constructor(minuteRates: Float64Array, rng: Rng) {
    this.#rates = minuteRates;
    this.#rng = rng;
  }

  /** The next arrival time in seconds, or Infinity after the last minute. */
  next(): number {
    for (;;) {
      if (this.#minute >= this.#rates.length) return Number.POSITIVE_INFINITY;
      const rate = this.#rates[this.#minute] as number;
      const end = (this.#minute + 1) * 60;
      const t = rate > 0 ? this.#t - Math.log(this.#rng.nextOpen()) / rate : end;
      if (t < end) {
        this.#t = t;
        return t;
      }
      this.#t = end;
      this.#minute++;
    }
  }
}

/** A run's own arrivals, replayed: their times in seconds, ascending (traffic/run-arrivals.ts). */
export interface ArrivalSchedule {
  readonly times: Float64Array;
}

class ScheduledArrivals implements ArrivalSource {
  readonly #times: Float64Array;
  #k = 0;

  constructor(s: ArrivalSchedule) {
    this.#times = s.times;
  }

  next(): number {
    return this.#k < this.#times.length
      ? (this.#times[this.#k++] as number)
      : Number.POSITIVE_INFINITY;
  }
}

/**
 * The arrivals of one simulation: the replayed schedule when there is one, else Poisson at the
 * minute rates. Both designs call it with the same seed, so they see the same arrivals.
 */
export function arrivalSource(
  minuteRates: Float64Array,
  seed: number,
  schedule?: ArrivalSchedule,
): ArrivalSource {
  return schedule === undefined
    ? new ArrivalStream(minuteRates, createRng(seed))
    : new ScheduledArrivals(schedule);
}
