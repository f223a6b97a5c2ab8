import { type ScheduleSpec, spikeWindows } from "./schedule-spec.js";

/** A piece of the rate curve where the rate moves linearly from `startRate` to `endRate`. */
export interface RateSegment {
  /** Seconds from the run start. */
  readonly start: number;
  /** Seconds. */
  readonly duration: number;
  /** Arrivals per second at the segment's start and end. */
  readonly startRate: number;
  readonly endRate: number;
  /** Arrivals integrated before this segment (the area under the curve so far). */
  readonly cumulativeBefore: number;
}

/** A piecewise-linear rate curve r(t) and its integral N(t), in seconds and arrivals/s. */
export interface RateProfile {
  readonly segments: readonly RateSegment[];
  /** Seconds. */
  readonly duration: number;
  /** N(duration): the arrivals the curve asks for (not necessarily an integer). */
  readonly totalArrivals: number;
}

type Piece = readonly [duration: number, startRate: number, endRate: number];

function pieces(spec: ScheduleSpec): Piece[] {
  switch (spec.executor) {
    case "constant-arrival-rate":
      return [[spec.duration, spec.rate, spec.rate]];
    case "ramping-arrival-rate": {
      let from = spec.startRate;
      return spec.stages.map((stage) => {
        const piece: Piece = [stage.duration, from, stage.target];
        from = stage.target;
        return piece;
      });
    }
    case "spike": {
      const out: Piece[] = [];
      let at = 0;
      for (const w of spikeWindows(spec)) {
        out.push([w.start - at, spec.baseRate, spec.baseRate]);
        out.push([w.end - w.start, spec.spikeRate, spec.spikeRate]);
        at = w.end;
      }
      out.push([spec.duration - at, spec.baseRate, spec.baseRate]);
      return out;
    }
  }
}

/** Builds the rate curve of a (validated) schedule description. */
export function buildRateProfile(spec: ScheduleSpec): RateProfile {
  const segments: RateSegment[] = [];
  let start = 0;
  let cumulative = 0;
  for (const [duration, startRate, endRate] of pieces(spec)) {
    if (duration <= 0) continue;
    segments.push({ start, duration, startRate, endRate, cumulativeBefore: cumulative });
    start += duration;
    cumulative += ((startRate + endRate) / 2) * duration;
  }
  return { segments, duration: start, totalArrivals: cumulative };
}

/** r(t): the intended rate (arrivals/s) at `t` seconds; 0 outside the schedule. */
export function rateAt(profile: RateProfile, t: number): number {
  for (const s of profile.segments) {
    if (t >= s.start && t < s.start + s.duration) {
      return s.startRate + ((s.endRate - s.startRate) * (t - s.start)) / s.duration;
    }
  }
  return 0;
}

/** Seconds into `segment` at which its integral reaches `m` arrivals (0 <= m <= its area). */
export function timeInSegment(segment: RateSegment, m: number): number {
  if (m <= 0) return 0;
  const r0 = segment.startRate;
  const a = (segment.endRate - r0) / segment.duration;
  // Solve r0*x + a*x^2/2 = m. This form of the quadratic root is stable when a -> 0 (constant
  // rate) and when r0 = 0 (ramp from zero); the discriminant is >= endRate^2 >= 0 in exact maths.
  const root = Math.sqrt(Math.max(0, r0 * r0 + 2 * a * m));
  return Math.min(segment.duration, (2 * m) / (r0 + root));
}
