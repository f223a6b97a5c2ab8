import { HISTOGRAM_LAYOUT } from "@queueshift/shared-model";
import type { Histogram as HdrHistogram } from "hdr-histogram-js";
import { newHdr } from "./histogram.js";

const TOP = HISTOGRAM_LAYOUT.highestTrackableValue;
// The bucket layout HdrHistogram derives from 3 significant digits and a unit of 1 us:
// sub-buckets of 2,048 (2^11) values, half of 1,024, so counts index as below. Values stay
// under 2^32, so 32-bit clz stands in for HdrHistogram's 64-bit one.
const HALF_MAGNITUDE = 10;
const HALF = 1 << HALF_MAGNITUDE;
const SUB_MASK = 2 * HALF - 1;
const LENGTH = (22 + 1) * HALF; // 22 buckets reach 2,048 x 2^21 > TOP

/**
 * A recording front for an HDR histogram: `record` only increments a counts array laid out
 * exactly like HdrHistogram's (3 significant digits, 1 us unit), and `flushInto` moves the
 * counts into a real hdr-histogram-js histogram, each at its bucket's lowest value, so the
 * result (and its encoding) equals recording every value there directly. It exists because
 * recording is most of a projection's time (profiled: ~45 % with hdr-histogram-js's record).
 */
export class FastHistogram {
  readonly #counts = new Uint32Array(LENGTH);
  #total = 0;

  /** Samples recorded since the last flush. */
  get count(): number {
    return this.#total;
  }

  /** Records a duration in seconds as integer microseconds, clamped to the layout's range. */
  record(seconds: number): void {
    let us = Math.round(seconds * 1_000_000);
    if (us < 0) us = 0;
    else if (us > TOP) us = TOP;
    const bucket = 21 - Math.clz32(us | SUB_MASK);
    const sub = us >>> bucket;
    const i = ((bucket + 1) << HALF_MAGNITUDE) + sub - HALF;
    this.#counts[i] = (this.#counts[i] as number) + 1;
    this.#total++;
  }

  /** Adds the counts into `h` and empties this front. */
  flushInto(h: HdrHistogram): void {
    if (this.#total === 0) return;
    const counts = this.#counts;
    for (let i = 0; i < LENGTH; i++) {
      const c = counts[i] as number;
      if (c === 0) continue;
      let bucket = (i >> HALF_MAGNITUDE) - 1;
      let sub = (i & (HALF - 1)) + HALF;
      if (bucket < 0) {
        sub -= HALF;
        bucket = 0;
      }
      h.recordValueWithCount(sub * 2 ** bucket, c);
      counts[i] = 0;
    }
    this.#total = 0;
  }

  /** A new hdr-histogram-js histogram holding everything recorded (this front is emptied). */
  toHdr(): HdrHistogram {
    const h = newHdr();
    this.flushInto(h);
    return h;
  }
}
