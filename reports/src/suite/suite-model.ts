import type { ResultDocument, SuiteManifest, SuiteRun } from "@queueshift/shared-model";
import { type Advice, advise } from "../advice/advise.js";
import type { FigureInterval } from "../advice/cost-interval.js";
import type { UserProfile } from "../advice/profile.js";
import { billedHandlerMsPerInvocation, measuredMeanBatch } from "../cost/cost-inputs.js";
import { architectureOf, syncCapacity } from "../cost/measured-usage.js";
import type { PriceChoice } from "../cost/price-choice.js";
import { percentileMs } from "../data/histograms.js";
import { type JointSettings, jointInputOf, jointSettings } from "./joint-settings.js";
import { type RepeatVerdict, repeatVerdict } from "./repeats.js";
import { type Spread, spreadOf } from "./spread.js";
import { buildSweep, type Sweep } from "./sweeps.js";

/** A suite run with its document (read by the caller). */
export interface LoadedRun {
  readonly run: SuiteRun;
  readonly doc: ResultDocument;
}

/** One headline figure of one design across the repeats. */
export interface FigureSpread {
  readonly design: "sync" | "async";
  readonly label: string;
  readonly unit: string;
  readonly spread: Spread;
  /** The widest of the repeats' own 95 % intervals (cost inputs and costs); absent = none known. */
  readonly within?: { readonly lower: number; readonly upper: number };
}

type Bounds = { readonly lower: number; readonly upper: number };

/** The union of the runs' intervals (null ones skipped); undefined when there are none. */
function widest(intervals: ReadonlyArray<Bounds | null | undefined>): Bounds | undefined {
  const known = intervals.filter((i): i is Bounds => i !== null && i !== undefined);
  if (known.length === 0) return undefined;
  return {
    lower: Math.min(...known.map((i) => i.lower)),
    upper: Math.max(...known.map((i) => i.upper)),
  };
}

/** `i` moved from its estimate onto `value` (the same relative width). */
function scaled(i: FigureInterval | null | undefined, value: number): Bounds | null {
  if (i === null || i === undefined || !(i.estimate > 0)) return null;
  return { lower: (value * i.lower) / i.estimate, upper: (value * i.upper) / i.estimate };
}

/** Everything the suite report shows of one scenario. */
export interface ScenarioSection {
  readonly scenario: string;
  readonly compare: readonly LoadedRun[];
  readonly advices: readonly Advice[];
  readonly verdict: RepeatVerdict;
  readonly figures: readonly FigureSpread[];
  readonly memorySweep: Sweep | null;
  readonly taskSweep: Sweep | null;
  readonly joint: JointSettings | null;
}

const p = (doc: ResultDocument, d: "sync" | "async", pct: number) => {
  const h = architectureOf(doc, d)?.histograms.latency;
  return h !== undefined && h.count > 0 ? percentileMs(h, pct) : Number.NaN;
};

function capacityOf(doc: ResultDocument): number {
  const s = architectureOf(doc, "sync");
  return s === undefined ? Number.NaN : syncCapacity(s, doc).capacityPerVcpu;
}

function figures(runs: readonly LoadedRun[], advices: readonly Advice[]): FigureSpread[] {
  const out: FigureSpread[] = [];
  for (const d of ["sync", "async"] as const) {
    // The runs that measured this design, each with its own advice (runs and advices align).
    const measured = runs.flatMap((r, i) =>
      architectureOf(r.doc, d) === undefined ? [] : [{ doc: r.doc, advice: advices[i] }],
    );
    const docs = measured.map((m) => m.doc);
    if (docs.length === 0) continue;
    const row = (label: string, unit: string, values: number[], within?: Bounds) =>
      out.push({ design: d, label, unit, spread: spreadOf(values), ...(within ? { within } : {}) });
    row(
      "p50, completed requests",
      "ms",
      docs.map((doc) => p(doc, d, 50)),
    );
    row(
      "p99, completed requests",
      "ms",
      docs.map((doc) => p(doc, d, 99)),
    );
    const first = advices[0]?.objectives.find((c) => c.architecture === d);
    if (first !== undefined) {
      const shares = advices.flatMap((a) =>
        a.objectives.filter((c) => c.architecture === d && c.label === first.label),
      );
      row(
        `arrivals within ${first.label} ${first.targetMs} ms`,
        "%",
        shares.map((c) => c.share * 100),
      );
    }
    row(
      "monthly cost at your volume",
      "USD",
      advices.map((a) => a.projection[d]?.total ?? Number.NaN),
      widest(advices.map((a) => a.costInterval?.[d === "sync" ? "syncMonthly" : "asyncMonthly"])),
    );
    if (d === "sync") {
      const values = docs.map((doc) => capacityOf(doc));
      row(
        "capacity per vCPU",
        "req/s",
        values,
        widest(
          measured.map((m, i) => scaled(m.advice?.costInterval?.capacityPerVcpu, values[i] ?? 0)),
        ),
      );
    } else {
      const values = docs.map((doc) => {
        const a = architectureOf(doc, d);
        return a === undefined
          ? Number.NaN
          : billedHandlerMsPerInvocation(a) / measuredMeanBatch(a);
      });
      row(
        "handler time per message (billed)",
        "ms",
        values,
        widest(
          measured.map((m, i) =>
            scaled(m.advice?.costInterval?.handlerMsPerInvocation, values[i] ?? 0),
          ),
        ),
      );
    }
  }
  return out;
}

function joint(
  advice: Advice | undefined,
  doc: ResultDocument | undefined,
  memory: Sweep | null,
  prices: PriceChoice,
): JointSettings | null {
  const a = doc === undefined ? undefined : architectureOf(doc, "async");
  if (advice === undefined || a === undefined) return null;
  const budgetMs = Math.min(...advice.profile.objectives.map((o) => o.ms));
  const measured = new Map((memory?.points ?? []).map((x) => [x.size, x.durationMs]));
  const input = jointInputOf(a, advice.projection, budgetMs, prices.table, measured);
  return input === null ? null : jointSettings(input);
}

/** One scenario's section: its repeats' verdict and spreads, its sweeps and the joint search. */
export function scenarioSection(
  scenario: string,
  runs: readonly LoadedRun[],
  profile: UserProfile,
  prices: PriceChoice,
): ScenarioSection {
  const compare = runs.filter((r) => r.run.kind === "compare");
  const advices = compare.map((r) => advise(r.doc, profile, prices));
  const sweep = (kind: "memory" | "task", design: "sync" | "async") => {
    const mine = runs.filter((r) => r.run.kind === kind);
    const size = (r: SuiteRun) => (kind === "memory" ? r.memorySizeMB : r.taskVcpu) ?? 0;
    return mine.length === 0
      ? null
      : buildSweep(
          design,
          mine.map((r) => ({ size: size(r.run), doc: r.doc })),
          profile,
          prices,
        );
  };
  const memorySweep = sweep("memory", "async");
  const base = compare.findIndex((r) => architectureOf(r.doc, "async") !== undefined);
  return {
    scenario,
    compare,
    advices,
    verdict: repeatVerdict(
      advices,
      compare.map((r) => r.doc.outcome.status === "completed"),
    ),
    figures: figures(compare, advices),
    memorySweep,
    taskSweep: sweep("task", "sync"),
    joint: joint(advices[base], compare[base]?.doc, memorySweep, prices),
  };
}

/** Scenarios in the order the suite ran them. */
export function scenarioSections(
  manifest: SuiteManifest,
  runs: readonly LoadedRun[],
  profile: UserProfile,
  prices: PriceChoice,
): ScenarioSection[] {
  const names = [...new Set(manifest.runs.map((r) => r.scenario))];
  return names.map((n) =>
    scenarioSection(
      n,
      runs.filter((r) => r.run.scenario === n),
      profile,
      prices,
    ),
  );
}
