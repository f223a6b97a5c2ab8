import type { ResultDocument } from "@queueshift/shared-model";
import { ReportError } from "../errors.js";
import { num, usd, volume } from "../format.js";

/** What a projection (origin projection) says at the user's traffic, for the advice and the reports. */
export interface AtScale {
  readonly doc: ResultDocument;
  readonly traffic: string;
  readonly monthlyRequests: number;
  readonly windowStartMinute: number;
  readonly windowMinutes: number;
  readonly seed: number;
  readonly sourceRun: string;
  readonly syncMonthly: number | null;
  readonly asyncMonthly: number | null;
}

/** Reads a projection document's summary; throws QS_REPORT_INVALID_RESULT when it is not one. */
export function atScaleOf(doc: ResultDocument): AtScale {
  const p = doc.projection;
  if (doc.origin !== "projection" || p === undefined) {
    throw new ReportError(
      "QS_REPORT_INVALID_RESULT",
      `${doc.runId}: origin is ${doc.origin ?? "local"}, not projection (give the projection.json that npm run project wrote)`,
    );
  }
  const definition = doc.scenario.definition as { sourceRun?: unknown } | null;
  const source = definition?.sourceRun;
  return {
    doc,
    traffic: p.traffic,
    monthlyRequests: p.monthlyRequests,
    windowStartMinute: p.windowStartMinute,
    windowMinutes: p.windowMinutes,
    seed: p.seed,
    sourceRun: typeof source === "string" ? source : "assumed durations",
    syncMonthly: p.cost.sync?.total ?? null,
    asyncMonthly: p.cost.async?.total ?? null,
  };
}

/** The advice's first reason when it rests on a projection: what was simulated, and from what. */
export function atScaleReason(s: AtScale): string {
  const costs = [
    s.syncMonthly === null ? null : `sync ${usd(s.syncMonthly)}`,
    s.asyncMonthly === null ? null : `async ${usd(s.asyncMonthly)}`,
  ].filter((x) => x !== null);
  const h = (m: number) => `${Math.floor(m / 60) % 24}:${String(m % 60).padStart(2, "0")}`;
  return `At your scale: this advice uses the projection of ${s.traffic} (${volume(s.monthlyRequests)} requests/month; simulated minutes ${num(s.windowStartMinute, 0)}-${num(s.windowStartMinute + s.windowMinutes, 0)} of the month, day ${Math.floor(s.windowStartMinute / 1_440) + 1} ${h(s.windowStartMinute)}, seed ${s.seed}), calibrated from run ${s.sourceRun}: the objectives, failures and monthly costs (${costs.join(", ")}) are the simulation's; cost curves, bursts and settings are the local run's.`;
}
