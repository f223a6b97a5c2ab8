import {
  type TrafficProfile,
  type TrafficShape,
  TrafficShapes,
  trafficProfile,
} from "@queueshift/shared-model";
import { ReportError } from "../errors.js";

/** A latency objective: `percentile` % of requests within `ms`. */
export interface LatencyObjective {
  /** The spelling the user gave, e.g. `p99`. */
  readonly label: string;
  /** 0-100. */
  readonly percentile: number;
  readonly ms: number;
}

/** The user's traffic and latency objectives: what the advice is for. */
export interface UserProfile {
  /** Requests (jobs) per month. */
  readonly monthlyRequests: number;
  readonly shape: TrafficShape;
  /** Busiest minute's rate, requests/s; null = the shape's busiest hour. */
  readonly peakRate: number | null;
  readonly objectives: readonly LatencyObjective[];
}

/** Defaults of the profile (documented in README.md, "Advice"). */
export const PROFILE_DEFAULTS: UserProfile = Object.freeze({
  monthlyRequests: 10_000_000, // requests per month (~3.8 req/s mean)
  shape: "diurnal" as TrafficShape, // a business-hours API
  peakRate: null, // requests/s; null = the shape's busiest hour
  objectives: Object.freeze([Object.freeze({ label: "p99", percentile: 99, ms: 500 })]),
});

const invalid = (message: string) => new ReportError("QS_REPORT_INVALID_PROFILE", message);

/** Parses `p99=500ms,p50=100ms` (units us, ms, s; default ms) into objectives. */
export function parseObjectives(text: string): LatencyObjective[] {
  return text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .map((part) => {
      const m = /^(p(\d+(?:\.\d+)?)|max)\s*=\s*(\d+(?:\.\d+)?)\s*(us|ms|s)?$/i.exec(part);
      if (m === null) throw invalid(`slo "${part}": expected e.g. p99=500ms`);
      const label = (m[1] ?? "").toLowerCase();
      const percentile = label === "max" ? 100 : Number(m[2]);
      const unit = (m[4] ?? "ms").toLowerCase();
      const ms = Number(m[3]) * (unit === "s" ? 1000 : unit === "us" ? 0.001 : 1);
      if (!(percentile > 0 && percentile <= 100))
        throw invalid(`slo "${part}": percentile in (0, 100]`);
      if (!(ms > 0)) throw invalid(`slo "${part}": the latency must be > 0`);
      return { label, percentile, ms };
    });
}

/** The profile fields as given by a file or flags, before validation. */
export interface ProfileInput {
  readonly monthlyRequests?: unknown;
  readonly shape?: unknown;
  readonly peakRate?: unknown;
  /** `p99=500ms,...` or an array of such strings. */
  readonly slo?: unknown;
}

const KNOWN = new Set(["monthlyRequests", "shape", "peakRate", "slo"]);

/**
 * Validates and merges profile layers (defaults <- file <- flags, later wins) into a frozen
 * profile. Throws QS_REPORT_INVALID_PROFILE naming every bad field.
 */
export function resolveProfile(...layers: readonly ProfileInput[]): UserProfile {
  const issues: string[] = [];
  const merged: Record<string, unknown> = {};
  for (const layer of layers) {
    for (const [k, v] of Object.entries(layer)) {
      if (!KNOWN.has(k)) issues.push(`${k}: unknown field`);
      else if (v !== undefined) merged[k] = v;
    }
  }
  const d = PROFILE_DEFAULTS;
  const monthly = merged.monthlyRequests ?? d.monthlyRequests;
  const shape = merged.shape ?? d.shape;
  const peak = merged.peakRate ?? d.peakRate;
  if (typeof monthly !== "number" || !Number.isFinite(monthly) || monthly <= 0)
    issues.push("monthlyRequests: must be a number > 0");
  if (!TrafficShapes.includes(shape as TrafficShape))
    issues.push(`shape: must be one of ${TrafficShapes.join(", ")}`);
  if (peak !== null && (typeof peak !== "number" || !Number.isFinite(peak) || peak <= 0))
    issues.push("peakRate: must be a number > 0 (requests/s)");
  let objectives = d.objectives;
  try {
    const slo = merged.slo;
    if (slo !== undefined)
      objectives = parseObjectives(Array.isArray(slo) ? slo.join(",") : String(slo));
    if (objectives.length === 0) issues.push("slo: at least one objective");
  } catch (e) {
    issues.push(e instanceof Error ? e.message : String(e));
  }
  if (issues.length > 0) throw invalid(issues.join("; "));
  return Object.freeze({
    monthlyRequests: monthly as number,
    shape: shape as TrafficShape,
    peakRate: peak as number | null,
    objectives: Object.freeze([...objectives]),
  });
}

/**
 * The cost model's traffic profile for the user's profile and `volume` (default: theirs). A
 * stated peak above the shape's busiest hour becomes the intra-hour peak factor, so A is
 * provisioned for it (cost-model.md, "Traffic shapes").
 */
export function trafficFor(profile: UserProfile, volume = profile.monthlyRequests): TrafficProfile {
  const base = trafficProfile(profile.shape, profile.monthlyRequests);
  const factor = profile.peakRate === null ? 1 : Math.max(1, profile.peakRate / base.peakRate);
  return trafficProfile(profile.shape, volume, { intraHourPeakFactor: factor });
}
