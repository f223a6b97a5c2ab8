import type { Rng } from "@queueshift/shared-model";

/**
 * Poisson arrivals with a rate that is constant inside each minute (`minuteRates[i]` requests
 * per second during minute i, simulation time 0 = start of minute 0). Exponential gaps are
 * memoryless, so restarting the draw at each minute boundary is exact.
 */
export class ArrivalStream {
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
