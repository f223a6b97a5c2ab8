import { asyncMonthlyCost } from "./async-cost.js";
import type { AsyncCostInput } from "./async-input.js";
import { IssueCollector } from "./cost-model-error.js";
import type { PriceTable } from "./price-table.js";
import { syncMonthlyCost } from "./sync-cost.js";
import type { SyncCostInput } from "./sync-input.js";
import {
  type TrafficProfileOptions,
  type TrafficShape,
  TrafficShapes,
  trafficProfile,
} from "./traffic-profile.js";

/** Both architectures' inputs without traffic; breakEven supplies a profile per volume and shape. */
export interface BreakEvenInput {
  readonly sync: Omit<SyncCostInput, "traffic">;
  readonly async: Omit<AsyncCostInput, "traffic">;
  readonly shapes?: readonly TrafficShape[];
  readonly trafficOptions?: TrafficProfileOptions;
  /** Requests per month at the low and high ends, and how many log-spaced points between. */
  readonly minMonthlyRequests?: number;
  readonly maxMonthlyRequests?: number;
  readonly points?: number;
}

/** Defaults of BreakEvenInput. */
export const BREAK_EVEN_DEFAULTS = Object.freeze({
  shapes: TrafficShapes,
  minMonthlyRequests: 1e6, // requests per month
  maxMonthlyRequests: 1e9, // requests per month
  points: 31, // log-spaced points: 10 per decade over three decades, plus the end
});

/** Both monthly costs at one volume. */
export interface BreakEvenPoint {
  readonly monthlyRequests: number;
  readonly syncCost: number;
  readonly asyncCost: number;
}

/** One traffic shape's cost curves and where they cross. */
export interface BreakEvenCurve {
  readonly shape: TrafficShape;
  readonly points: readonly BreakEvenPoint[];
  /** Every volume where the cheaper architecture changes (linear interpolation between points). */
  readonly crossings: readonly number[];
  /** The first crossing, or null when one architecture is cheaper over the whole range. */
  readonly crossingVolume: number | null;
  /** The cheaper architecture at the lowest volume. */
  readonly cheaperAtMin: "sync" | "async" | "equal";
}

/** Log-spaced volumes from min to max inclusive. */
export function logSpacedVolumes(min: number, max: number, points: number): number[] {
  if (points === 1) return [min];
  const ratio = max / min;
  return Array.from({ length: points }, (_, i) =>
    i === points - 1 ? max : min * ratio ** (i / (points - 1)),
  );
}

/** Volumes where (sync - async) changes sign, interpolated linearly in volume between points. */
export function findCrossings(points: readonly BreakEvenPoint[]): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i];
    const b = points[i + 1];
    if (a === undefined || b === undefined) continue;
    const da = a.syncCost - a.asyncCost;
    const db = b.syncCost - b.asyncCost;
    if (da === 0 && i === 0) out.push(a.monthlyRequests);
    if (db === 0 || da * db < 0) {
      out.push(a.monthlyRequests + ((b.monthlyRequests - a.monthlyRequests) * da) / (da - db));
    }
  }
  return out;
}

/**
 * Monthly cost of A and B across log-spaced volumes for each traffic shape, with the volumes
 * where they cross. The async cold-start count is held fixed across volumes (documented).
 */
export function breakEven(input: BreakEvenInput, prices: PriceTable): BreakEvenCurve[] {
  const d = BREAK_EVEN_DEFAULTS;
  const min = input.minMonthlyRequests ?? d.minMonthlyRequests;
  const max = input.maxMonthlyRequests ?? d.maxMonthlyRequests;
  const n = input.points ?? d.points;
  const c = new IssueCollector();
  c.number(min, "minMonthlyRequests", Number.MIN_VALUE);
  c.number(max, "maxMonthlyRequests", min);
  c.number(n, "points", 2, 1000);
  c.check(Number.isInteger(n), "points", "must be an integer");
  c.throwIfAny("QS_COST_INVALID_INPUT");
  const volumes = logSpacedVolumes(min, max, n);
  return (input.shapes ?? d.shapes).map((shape) => {
    const points = volumes.map((v) => {
      const traffic = trafficProfile(shape, v, input.trafficOptions);
      return {
        monthlyRequests: v,
        syncCost: syncMonthlyCost({ ...input.sync, traffic }, prices).total,
        asyncCost: asyncMonthlyCost({ ...input.async, traffic }, prices).total,
      };
    });
    const crossings = findCrossings(points);
    const first = points[0];
    const diff = first === undefined ? 0 : first.syncCost - first.asyncCost;
    const cheaperAtMin = diff > 0 ? "async" : diff < 0 ? "sync" : "equal";
    return { shape, points, crossings, crossingVolume: crossings[0] ?? null, cheaperAtMin };
  });
}
