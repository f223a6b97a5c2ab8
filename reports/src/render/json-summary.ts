import type { ResultDocument, TrafficShape } from "@queueshift/shared-model";
import type { Advice } from "../advice/advise.js";
import type { ObjectiveCheck } from "../advice/objectives.js";
import type { RecommendedSettings } from "../advice/settings.js";
import { type ArchitectureFigures, architectureFigures } from "../data/figures.js";
import { adviceFor, type ReportOptions } from "./report-options.js";

/** Version tag of the JSON summary; bumped on incompatible changes. */
export const SUMMARY_SCHEMA = "queueshift.summary/2";

/** The machine-readable summary of a run and its advice. */
export interface JsonSummary {
  readonly schema: typeof SUMMARY_SCHEMA;
  readonly runId: string;
  readonly scenario: string;
  readonly outcome: ResultDocument["outcome"];
  readonly broker: string | null;
  readonly recommendation: {
    readonly decision: Advice["recommendation"];
    readonly rule: Advice["rule"];
    readonly headline: string;
    readonly reasons: readonly string[];
  };
  readonly profile: {
    readonly monthlyRequests: number;
    readonly shape: TrafficShape;
    readonly peakRate: number | null;
    readonly objectives: readonly string[];
  };
  readonly architectures: readonly ArchitectureFigures[];
  /** Each objective per design over all arrivals; `measuredMs` is the completed requests' percentile. */
  readonly objectives: readonly ObjectiveCheck[];
  readonly cost: {
    readonly region: string;
    readonly asOf: string;
    readonly pricesOverridden: boolean;
    /** USD per month at the profile's volume and shape; null when not measured. */
    readonly syncMonthly: number | null;
    readonly asyncMonthly: number | null;
    /** First break-even volume per shape (requests/month), null when none in 1M..1,000M. */
    readonly breakEven: Readonly<Record<string, number | null>>;
    readonly inputNotes: readonly string[];
  };
  readonly burst: Advice["burst"];
  readonly burstShares: Advice["burstShares"];
  readonly coldStartShare: number | null;
  /** Every arrival per design and what became of it. */
  readonly arrivals: Advice["arrivals"];
  readonly verdictByVolume: Advice["verdictByVolume"];
  readonly settings: Omit<RecommendedSettings, "reasons"> | null;
}

/** Builds the JSON summary object (pure). */
export function buildSummary(doc: ResultDocument, options: ReportOptions): JsonSummary {
  const advice = adviceFor(doc, options);
  const p = advice.projection;
  const settings =
    advice.settings === null ? null : (({ reasons: _, ...rest }) => rest)(advice.settings);
  return {
    schema: SUMMARY_SCHEMA,
    runId: doc.runId,
    scenario: doc.scenario.name,
    outcome: doc.outcome,
    broker: doc.broker?.kind ?? null,
    recommendation: {
      decision: advice.recommendation,
      rule: advice.rule,
      headline: advice.headline,
      reasons: advice.reasons,
    },
    profile: {
      monthlyRequests: options.profile.monthlyRequests,
      shape: options.profile.shape,
      peakRate: options.profile.peakRate,
      objectives: options.profile.objectives.map((o) => `${o.label}=${o.ms}ms`),
    },
    architectures: doc.architectures.map(architectureFigures),
    objectives: advice.objectives,
    cost: {
      region: options.prices.region,
      asOf: options.prices.table.asOf,
      pricesOverridden: options.prices.overridden,
      syncMonthly: p.sync?.total ?? null,
      asyncMonthly: p.async?.total ?? null,
      breakEven: Object.fromEntries(p.curves.map((c) => [c.shape, c.crossingVolume])),
      inputNotes: p.inputs.notes,
    },
    burst: advice.burst,
    burstShares: advice.burstShares,
    coldStartShare: advice.coldStartShare,
    arrivals: advice.arrivals,
    verdictByVolume: advice.verdictByVolume,
    settings,
  };
}

/** The JSON summary as pretty-printed text. */
export function renderJsonSummary(doc: ResultDocument, options: ReportOptions): string {
  return `${JSON.stringify(buildSummary(doc, options), null, 2)}\n`;
}
