import { IssueCollector } from "./cost-model-error.js";

/** The traffic shapes the cost model knows. */
export const TrafficShapes = ["steady", "diurnal", "spiky"] as const;

/** A named traffic shape. */
export type TrafficShape = (typeof TrafficShapes)[number];

/** Hourly arrival rates for one billing month. */
export interface TrafficProfile {
  readonly shape: TrafficShape | "custom";
  /** Requests (jobs) in the month. */
  readonly monthlyRequests: number;
  /** Mean arrival rate of each hour of the month, requests per second. */
  readonly hourlyRates: readonly number[];
  /** Rate A must be provisioned for: the busiest hour x intraHourPeakFactor, requests per second. */
  readonly peakRate: number;
  /** Month mean, requests per second. */
  readonly meanRate: number;
  /** Peak inside an hour / that hour's mean; capacity planning multiplies hourly rates by it. */
  readonly intraHourPeakFactor: number;
  /** One line saying how the profile was built. */
  readonly description: string;
}

/** Options of `trafficProfile`; every field has a default in TRAFFIC_DEFAULTS. */
export interface TrafficProfileOptions {
  readonly monthHours?: number;
  readonly peakToTroughRatio?: number;
  readonly peakHourOfDay?: number;
  readonly burstShare?: number;
  readonly burstMultiplier?: number;
  readonly intraHourPeakFactor?: number;
}

/** Defaults of the traffic shapes (see docs/cost-model.md, "Traffic shapes"). */
export const TRAFFIC_DEFAULTS = Object.freeze({
  monthHours: 730, // hours; aws-facts.md derives monthly prices from 730 h
  peakToTroughRatio: 4, // diurnal busiest hour / quietest hour (a business-hours API)
  peakHourOfDay: 14, // 0-23, hour of the diurnal maximum
  burstShare: 0.2, // spiky: fraction of the month's requests that arrive in burst hours
  burstMultiplier: 10, // spiky: burst-hour rate / baseline-hour rate
  intraHourPeakFactor: 1, // peak within the busiest hour / that hour's mean (1 = flat inside an hour)
});

function resolve(opts: TrafficProfileOptions) {
  const o = { ...TRAFFIC_DEFAULTS, ...stripUndefined(opts) };
  const c = new IssueCollector();
  c.number(o.monthHours, "monthHours", 1, 10_000);
  c.check(Number.isInteger(o.monthHours), "monthHours", "must be an integer");
  c.number(o.peakToTroughRatio, "peakToTroughRatio", 1);
  c.number(o.peakHourOfDay, "peakHourOfDay", 0, 23);
  c.number(o.burstShare, "burstShare", 0, 0.99);
  c.number(o.burstMultiplier, "burstMultiplier", 1);
  c.number(o.intraHourPeakFactor, "intraHourPeakFactor", 1);
  c.throwIfAny("QS_COST_INVALID_INPUT");
  return o;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

// Relative weight of each hour; the caller scales them to the month's volume.
function weights(
  shape: TrafficShape,
  o: ReturnType<typeof resolve>,
): { w: number[]; note: string } {
  const hours = Array.from({ length: o.monthHours }, (_, h) => h);
  if (shape === "steady") return { w: hours.map(() => 1), note: "flat" };
  if (shape === "diurnal") {
    // Sinusoid with max/min = R: 1 + a*cos(...), a = (R-1)/(R+1).
    const a = (o.peakToTroughRatio - 1) / (o.peakToTroughRatio + 1);
    const w = hours.map((h) => 1 + a * Math.cos((2 * Math.PI * ((h % 24) - o.peakHourOfDay)) / 24));
    return { w, note: `sinusoid, peak/trough ${o.peakToTroughRatio} at hour ${o.peakHourOfDay}` };
  }
  // Spiky: n burst hours at k x baseline carry share s: n = H*s / (k*(1-s) + s), evenly spread.
  const { burstShare: s, burstMultiplier: k, monthHours: hTotal } = o;
  const n = s === 0 ? 0 : Math.max(1, Math.round((hTotal * s) / (k * (1 - s) + s)));
  const burst = new Set(Array.from({ length: n }, (_, i) => Math.floor(((i + 0.5) * hTotal) / n)));
  const actualShare = (n * k) / (n * k + hTotal - n);
  const w = hours.map((h) => (burst.has(h) ? k : 1));
  return {
    w,
    note: `${n} burst hours at ${k}x baseline carrying ${(actualShare * 100).toFixed(1)}%`,
  };
}

/**
 * Hourly rates for a month of `monthlyRequests` in the given shape. Weights are scaled so the
 * hours sum exactly to the volume.
 */
export function trafficProfile(
  shape: TrafficShape,
  monthlyRequests: number,
  opts: TrafficProfileOptions = {},
): TrafficProfile {
  const o = resolve(opts);
  const c = new IssueCollector();
  c.check(TrafficShapes.includes(shape), "shape", `must be one of ${TrafficShapes.join(", ")}`);
  c.number(monthlyRequests, "monthlyRequests", 0);
  c.throwIfAny("QS_COST_INVALID_INPUT");
  const { w, note } = weights(shape, o);
  const total = w.reduce((sum, x) => sum + x, 0);
  const rates = w.map((x) => (monthlyRequests * x) / total / 3600);
  return build(shape, rates, o.intraHourPeakFactor, `${shape} (${note})`, monthlyRequests);
}

/** A custom profile from measured or hand-made hourly rates (requests per second). */
export function profileFromHourlyRates(
  hourlyRates: readonly number[],
  intraHourPeakFactor = 1,
): TrafficProfile {
  const c = new IssueCollector();
  c.check(hourlyRates.length > 0, "hourlyRates", "must have at least one hour");
  for (const [i, r] of hourlyRates.entries()) c.number(r, `hourlyRates[${i}]`, 0);
  c.number(intraHourPeakFactor, "intraHourPeakFactor", 1);
  c.throwIfAny("QS_COST_INVALID_INPUT");
  return build(
    "custom",
    [...hourlyRates],
    intraHourPeakFactor,
    `custom (${hourlyRates.length} hours)`,
  );
}

function build(
  shape: TrafficProfile["shape"],
  rates: number[],
  intraHourPeakFactor: number,
  description: string,
  // Named shapes pass the exact volume so floating sums do not drift from the caller's number.
  monthlyRequests = rates.reduce((sum, r) => sum + r * 3600, 0),
): TrafficProfile {
  return Object.freeze({
    shape,
    monthlyRequests,
    hourlyRates: Object.freeze(rates),
    peakRate: Math.max(...rates) * intraHourPeakFactor,
    meanRate: monthlyRequests / (rates.length * 3600),
    intraHourPeakFactor,
    description,
  });
}
