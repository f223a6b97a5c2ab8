import {
  profileFromHourlyRates,
  type TrafficProfile,
  type TrafficShape,
  TrafficShapes,
  trafficProfile,
} from "@queueshift/shared-model";
import { Issues } from "../engine/projection-error.js";
import { applyBursts, type Burst } from "./bursts.js";

/** Where the traffic comes from: a cost-model shape at a monthly volume, or a per-minute file. */
export type TrafficSource =
  | { readonly kind: "shape"; readonly shape: TrafficShape; readonly monthlyRequests: number }
  | { readonly kind: "rates"; readonly minuteRates: Float64Array; readonly name: string };

/** The month's traffic at minute resolution, and the hourly profile the cost model bills. */
export interface MonthTraffic {
  /** Mean arrival rate of each minute, requests per second. */
  readonly minuteRates: Float64Array;
  /** The same month as the cost model's hourly profile (every hour of it is billed). */
  readonly profile: TrafficProfile;
  readonly description: string;
}

const MONTH_MINUTES = 730 * 60; // the cost model's 730-hour month (TRAFFIC_DEFAULTS.monthHours)

/**
 * Expands a traffic source to per-minute rates for a 730-hour month and applies bursts on top
 * (bursts add requests). A rate file shorter than the month is repeated to fill it, so the
 * month's cost covers every hour; its hours are billed as they are.
 */
export function monthTraffic(source: TrafficSource, bursts: readonly Burst[] = []): MonthTraffic {
  const issues = new Issues();
  if (source.kind === "shape") {
    issues.check(
      TrafficShapes.includes(source.shape),
      "shape",
      `must be one of ${TrafficShapes.join(", ")}`,
    );
    issues.range(source.monthlyRequests, "volume", 0);
  } else issues.check(source.minuteRates.length > 0, "rate-file", "has no minutes");
  issues.throwIfAny();
  const minuteRates = new Float64Array(MONTH_MINUTES);
  let base: string;
  if (source.kind === "shape") {
    const p = trafficProfile(source.shape, source.monthlyRequests);
    for (let m = 0; m < MONTH_MINUTES; m++) minuteRates[m] = p.hourlyRates[Math.floor(m / 60)] ?? 0;
    base = p.description;
    if (bursts.length === 0) return { minuteRates, profile: p, description: base };
  } else {
    const r = source.minuteRates;
    for (let m = 0; m < MONTH_MINUTES; m++) minuteRates[m] = r[m % r.length] as number;
    base = `${source.name} (${r.length} minutes${r.length < MONTH_MINUTES ? ", repeated to fill 730 h" : ""})`;
  }
  applyBursts(minuteRates, bursts);
  const hourly = Array.from({ length: MONTH_MINUTES / 60 }, (_, h) => {
    let sum = 0;
    for (let m = h * 60; m < h * 60 + 60; m++) sum += minuteRates[m] as number;
    return sum / 60;
  });
  const withBursts = bursts.length > 0 ? ` + bursts ${bursts.map((b) => b.text).join("; ")}` : "";
  return {
    minuteRates,
    profile: profileFromHourlyRates(hourly),
    description: `${base}${withBursts}`,
  };
}

/**
 * The default window: of all `minutes`-long stretches that contain the busiest minute (the
 * largest burst), the one carrying the most requests; the earliest on ties.
 */
export function busiestWindow(minuteRates: Float64Array, minutes: number): number {
  const n = minuteRates.length;
  if (minutes >= n) return 0;
  let peak = 0;
  for (let i = 1; i < n; i++)
    if ((minuteRates[i] as number) > (minuteRates[peak] as number)) peak = i;
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = (prefix[i] as number) + (minuteRates[i] as number);
  let best = Math.max(0, peak - minutes + 1);
  let bestSum = -1;
  for (let s = Math.max(0, peak - minutes + 1); s <= Math.min(peak, n - minutes); s++) {
    const sum = (prefix[s + minutes] as number) - (prefix[s] as number);
    if (sum > bestSum + 1e-9) {
      best = s;
      bestSum = sum;
    }
  }
  return best;
}
