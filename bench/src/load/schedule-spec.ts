import { type FieldIssue, formatQuantity, inRange, rangeMessage } from "@queueshift/shared-model";

/** Executor names (k6's vocabulary). */
export const Executors = {
  constantArrivalRate: "constant-arrival-rate",
  rampingArrivalRate: "ramping-arrival-rate",
  spike: "spike",
} as const;

/** How arrivals are placed inside the rate curve. */
export const ArrivalProcesses = {
  /** Evenly spaced by the integrated rate: exact, reproducible counts (the default). */
  even: "even",
  /** Non-homogeneous Poisson process from a seeded PRNG: bursty like real users. */
  poisson: "poisson",
} as const;

/** An arrival process from `ArrivalProcesses`. */
export type ArrivalProcess = (typeof ArrivalProcesses)[keyof typeof ArrivalProcesses];

interface SpecCommon {
  /** Default "even". */
  readonly arrivals?: ArrivalProcess;
  /** PRNG seed for "poisson" (default 1). */
  readonly seed?: number;
}

/** `rate` arrivals per second for `duration` seconds. */
export interface ConstantArrivalRateSpec extends SpecCommon {
  readonly executor: "constant-arrival-rate";
  readonly rate: number;
  readonly duration: number;
}

/** One stage: ramp linearly to `target` arrivals/s over `duration` seconds. */
export interface RampStage {
  readonly target: number;
  readonly duration: number;
}

/** Starts at `startRate`/s and ramps linearly through each stage (k6 ramping-arrival-rate). */
export interface RampingArrivalRateSpec extends SpecCommon {
  readonly executor: "ramping-arrival-rate";
  readonly startRate: number;
  readonly stages: readonly RampStage[];
}

/**
 * `baseRate`/s, with `spikeRate`/s during [spikeStart, spikeStart + spikeDuration) seconds, and
 * again every `spikeEvery` seconds after it when `spikeCount` > 1 (one spike by default).
 */
export interface SpikeSpec extends SpecCommon {
  readonly executor: "spike";
  readonly baseRate: number;
  readonly spikeRate: number;
  readonly spikeStart: number;
  readonly spikeDuration: number;
  readonly duration: number;
  /** Spikes in all (default 1); more than one needs `spikeEvery`. */
  readonly spikeCount?: number;
  /** Seconds from one spike's start to the next's (at least `spikeDuration`). */
  readonly spikeEvery?: number;
}

/** ", 3 times every 30 s" for a repeated spike; "" for one. */
export function spikeRepeats(s: SpikeSpec): string {
  const n = s.spikeCount ?? 1;
  return n > 1 ? `, ${n} times every ${formatQuantity(s.spikeEvery ?? 0)} s` : "";
}

/** The spike windows of a spike schedule, [start, end) seconds each, in order. */
export function spikeWindows(spec: SpikeSpec): { start: number; end: number }[] {
  const count = spec.spikeCount ?? 1;
  const every = spec.spikeEvery ?? 0;
  return Array.from({ length: count }, (_, i) => {
    const start = spec.spikeStart + i * every;
    return { start, end: start + spec.spikeDuration };
  });
}

/** An executor description: rates are per second, durations and times are seconds. */
export type ScheduleSpec = ConstantArrivalRateSpec | RampingArrivalRateSpec | SpikeSpec;

/** Schedules are bounded: 24 h and 100,000 arrivals/s keep every load loop finite. */
export const SCHEDULE_LIMITS = Object.freeze({
  /** Seconds. */
  maxDuration: 86_400,
  /** Arrivals per second. */
  maxRate: 100_000,
});

const FIELDS: Record<ScheduleSpec["executor"], readonly string[]> = {
  "constant-arrival-rate": ["rate", "duration"],
  "ramping-arrival-rate": ["startRate", "stages"],
  spike: [
    "baseRate",
    "spikeRate",
    "spikeStart",
    "spikeDuration",
    "duration",
    "spikeCount",
    "spikeEvery",
  ],
};
const COMMON = ["executor", "arrivals", "seed"];

function checkNumber(issues: FieldIssue[], path: string, v: unknown, min: number, max: number) {
  if (!inRange(v, min, max)) issues.push({ path, message: rangeMessage(min, max) });
}

function checkStages(issues: FieldIssue[], stages: unknown): void {
  if (!Array.isArray(stages) || stages.length === 0) {
    issues.push({ path: "stages", message: "must be a non-empty array of {target, duration}" });
    return;
  }
  let total = 0;
  stages.forEach((s: unknown, i) => {
    const stage = (typeof s === "object" && s !== null ? s : {}) as Record<string, unknown>;
    for (const k of Object.keys(stage)) {
      if (k !== "target" && k !== "duration")
        issues.push({ path: `stages/${i}/${k}`, message: "unknown field" });
    }
    checkNumber(issues, `stages/${i}/target`, stage.target, 0, SCHEDULE_LIMITS.maxRate);
    checkNumber(issues, `stages/${i}/duration`, stage.duration, 0, SCHEDULE_LIMITS.maxDuration);
    total += typeof stage.duration === "number" ? stage.duration : 0;
  });
  if (!(total > 0) || total > SCHEDULE_LIMITS.maxDuration) {
    issues.push({
      path: "stages",
      message: `total duration ${rangeMessage(Number.MIN_VALUE, SCHEDULE_LIMITS.maxDuration)} s`,
    });
  }
}

function checkSpike(issues: FieldIssue[], s: Record<string, unknown>): void {
  checkNumber(issues, "baseRate", s.baseRate, 0, SCHEDULE_LIMITS.maxRate);
  checkNumber(issues, "spikeRate", s.spikeRate, 0, SCHEDULE_LIMITS.maxRate);
  checkNumber(issues, "spikeStart", s.spikeStart, 0, SCHEDULE_LIMITS.maxDuration);
  checkNumber(issues, "spikeDuration", s.spikeDuration, 0, SCHEDULE_LIMITS.maxDuration);
  const { spikeStart, spikeDuration, duration, spikeCount, spikeEvery } = s;
  if (spikeCount !== undefined && !inRange(spikeCount, 1, 1_000, true))
    issues.push({ path: "spikeCount", message: rangeMessage(1, 1_000, true) });
  const count = inRange(spikeCount, 1, 1_000, true) ? spikeCount : 1;
  const everyOk = inRange(spikeEvery, 0, SCHEDULE_LIMITS.maxDuration);
  if (spikeEvery !== undefined && !everyOk)
    issues.push({ path: "spikeEvery", message: rangeMessage(0, SCHEDULE_LIMITS.maxDuration) });
  if (count > 1 && spikeEvery === undefined)
    issues.push({ path: "spikeEvery", message: "is needed when spikeCount is more than 1" });
  if (spikeCount === undefined && spikeEvery !== undefined)
    issues.push({ path: "spikeEvery", message: "needs a spikeCount of more than 1 beside it" });
  if (count > 1 && everyOk && typeof spikeDuration === "number" && spikeEvery < spikeDuration)
    issues.push({
      path: "spikeEvery",
      message: "must be at least spikeDuration (spikes do not overlap)",
    });
  const every = count > 1 && everyOk ? spikeEvery : 0;
  if (
    typeof spikeStart === "number" &&
    typeof spikeDuration === "number" &&
    typeof duration === "number"
  ) {
    const end = spikeStart + (count - 1) * every + spikeDuration;
    // A nanosecond's slack: a spike scaled by --duration may end at `duration` plus rounding.
    if (end > duration + 1e-9)
      issues.push(
        count > 1
          ? {
              path: "spikeEvery",
              message: `the last of ${count} spikes ends at ${formatQuantity(end)} s, after \`duration\` (${formatQuantity(duration)} s)`,
            }
          : { path: "spikeDuration", message: "the spike must end within `duration`" },
      );
  }
}

/** Returns every problem with a schedule description (empty when valid); never throws. */
export function validateScheduleSpec(input: unknown): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (typeof input !== "object" || input === null)
    return [{ path: "", message: "must be an object" }];
  const s = input as Record<string, unknown>;
  const executor = s.executor;
  if (typeof executor !== "string" || !(executor in FIELDS)) {
    return [{ path: "executor", message: `must be one of ${Object.keys(FIELDS).join(", ")}` }];
  }
  const allowed = new Set([...COMMON, ...(FIELDS[executor as ScheduleSpec["executor"]] ?? [])]);
  for (const k of Object.keys(s))
    if (!allowed.has(k)) issues.push({ path: k, message: "unknown field" });
  if (s.arrivals !== undefined && s.arrivals !== "even" && s.arrivals !== "poisson") {
    issues.push({ path: "arrivals", message: "must be 'even' or 'poisson'" });
  }
  if (
    s.seed !== undefined &&
    (!Number.isInteger(s.seed) || (s.seed as number) < 0 || (s.seed as number) > 2 ** 32 - 1)
  ) {
    issues.push({ path: "seed", message: `${rangeMessage(0, 2 ** 32 - 1, true)} (2^32 - 1)` });
  }
  if (executor === "ramping-arrival-rate") {
    checkNumber(issues, "startRate", s.startRate, 0, SCHEDULE_LIMITS.maxRate);
    checkStages(issues, s.stages);
    return issues;
  }
  checkNumber(issues, "duration", s.duration, Number.MIN_VALUE, SCHEDULE_LIMITS.maxDuration);
  if (executor === "constant-arrival-rate")
    checkNumber(issues, "rate", s.rate, 0, SCHEDULE_LIMITS.maxRate);
  else checkSpike(issues, s);
  return issues;
}
