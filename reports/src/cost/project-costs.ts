import {
  type AsyncCostResult,
  asyncMonthlyCost,
  type BatchPoint,
  BREAK_EVEN_DEFAULTS,
  batchSizeSensitivity,
  breakEven,
  logSpacedVolumes,
  type MemoryPoint,
  memorySensitivity,
  type ResultDocument,
  type SyncCostResult,
  syncMonthlyCost,
  type TrafficProfile,
  type TrafficShape,
  TrafficShapes,
  trafficProfile,
} from "@queueshift/shared-model";
import { trafficFor, type UserProfile } from "../advice/profile.js";
import { type CostInputs, costInputs } from "./cost-inputs.js";
import type { PriceChoice } from "./price-choice.js";

/** Both monthly costs at one volume; null where the run did not measure that architecture. */
export interface CostCurvePoint {
  readonly monthlyRequests: number;
  readonly syncCost: number | null;
  readonly asyncCost: number | null;
}

/** One shape's cost curves from 1M to 1,000M requests a month and where they cross. */
export interface CostCurve {
  readonly shape: TrafficShape;
  readonly points: readonly CostCurvePoint[];
  readonly crossings: readonly number[];
  /** The first crossing, or null (no crossing, or only one architecture measured). */
  readonly crossingVolume: number | null;
}

/** The cost model applied to a run for the user's traffic. */
export interface CostProjection {
  readonly traffic: TrafficProfile;
  readonly inputs: CostInputs;
  readonly sync: SyncCostResult | null;
  readonly async: AsyncCostResult | null;
  readonly curves: readonly CostCurve[];
  readonly memory: readonly MemoryPoint[];
  readonly batch: readonly BatchPoint[];
}

function curves(inputs: CostInputs, choice: PriceChoice, factor: number): CostCurve[] {
  const options = { intraHourPeakFactor: factor };
  const { sync, async } = inputs;
  if (sync !== null && async !== null) {
    return breakEven({ sync, async, trafficOptions: options }, choice.table).map((c) => ({
      shape: c.shape,
      points: c.points,
      crossings: c.crossings,
      crossingVolume: c.crossingVolume,
    }));
  }
  const d = BREAK_EVEN_DEFAULTS;
  const volumes = logSpacedVolumes(d.minMonthlyRequests, d.maxMonthlyRequests, d.points);
  return TrafficShapes.map((shape) => {
    const points = volumes.map((v) => {
      const traffic = trafficProfile(shape, v, options);
      return {
        monthlyRequests: v,
        syncCost: sync === null ? null : syncMonthlyCost({ ...sync, traffic }, choice.table).total,
        asyncCost:
          async === null ? null : asyncMonthlyCost({ ...async, traffic }, choice.table).total,
      };
    });
    return { shape, points, crossings: [], crossingVolume: null };
  });
}

/**
 * Monthly cost of both designs at the user's volume and shape, break-even curves for steady,
 * diurnal and spiky traffic, and B's sensitivity to memory and batch size.
 */
export function projectCosts(
  doc: ResultDocument,
  profile: UserProfile,
  choice: PriceChoice,
): CostProjection {
  const traffic = trafficFor(profile);
  const inputs = costInputs(doc, choice, traffic);
  const table = choice.table;
  const sync = inputs.sync && syncMonthlyCost({ ...inputs.sync, traffic }, table);
  const asyncInput = inputs.async && { ...inputs.async, traffic };
  const async = asyncInput && asyncMonthlyCost(asyncInput, table);
  const memory =
    asyncInput && inputs.measuredMemoryMb !== null
      ? memorySensitivity(asyncInput, table, inputs.measuredMemoryMb)
      : [];
  const batch = asyncInput ? batchSizeSensitivity(asyncInput, table) : [];
  return {
    traffic,
    inputs,
    sync,
    async,
    curves: curves(inputs, choice, traffic.intraHourPeakFactor),
    memory,
    batch,
  };
}
