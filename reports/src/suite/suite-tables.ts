import { dirname } from "node:path/posix";
import { ms, pct, usd } from "../format.js";
import type { JointCandidate, JointSettings } from "./joint-settings.js";
import { formatSpread } from "./spread.js";
import type { ScenarioSection } from "./suite-model.js";
import type { Sweep } from "./sweeps.js";

/** A table as head + rows of text, rendered by the Markdown and HTML suite reports alike. */
export interface TextTable {
  readonly head: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** Where a run's own report is, relative to the suite folder. */
export function runReportHref(resultFile: string): string {
  return `${dirname(resultFile.replaceAll("\\", "/"))}/report.html`;
}

/** The scenario's comparison runs, in the order they ran, with links to their reports. */
export function runsTable(s: ScenarioSection): TextTable {
  return {
    head: ["repeat", "order", "status", "run", "verdict of the run alone"],
    rows: s.compare.map((r, i) => [
      String(r.run.repeat),
      r.run.order.join(" then "),
      r.run.status,
      r.run.runId,
      s.advices[i]?.recommendation ?? "-",
    ]),
  };
}

/** Each objective of each design over every repeat's arrivals. */
export function pooledTable(s: ScenarioSection): TextTable {
  return {
    head: [
      "design",
      "objective",
      "arrivals (all repeats)",
      "within",
      "share (95% interval)",
      "repeats' shares",
      "met",
      "conclusive",
    ],
    rows: s.verdict.checks.map((c) => [
      c.architecture,
      `${c.label} <= ${c.targetMs} ms`,
      c.arrivals.toLocaleString("en-US"),
      c.within.toLocaleString("en-US"),
      `${pct(c.share)} (${pct(c.interval.lower)}-${pct(c.interval.upper)})`,
      `${pct(c.repeatShares.min)}-${pct(c.repeatShares.max)}`,
      c.met ? "yes" : "no",
      c.conclusive ? "yes" : "no",
    ]),
  };
}

/** Every headline figure's spread across the repeats: median (min-max), and the runs' own intervals. */
export function spreadTable(s: ScenarioSection): TextTable {
  const within = (i: { lower: number; upper: number } | undefined | null, digits: number) =>
    i === undefined || i === null ? "" : `${i.lower.toFixed(digits)}-${i.upper.toFixed(digits)}`;
  return {
    head: ["design", "figure", "median (min-max) across repeats", "95% interval within the runs"],
    rows: [
      ...s.figures.map((f) => {
        const digits = f.unit === "USD" ? 2 : 1;
        return [
          f.design,
          f.label,
          formatSpread(f.spread, digits, ` ${f.unit}`),
          within(f.within, digits),
        ];
      }),
      [
        "both",
        "async / sync monthly cost",
        formatSpread(s.verdict.costRatio, 2),
        within(s.verdict.costRatioRange, 2),
      ],
    ],
  };
}

/** A sweep's sizes: measured duration and cost, the two marks. */
export function sweepTable(w: Sweep): TextTable {
  const unit = w.design === "async" ? "MB" : "vCPU";
  const mark = (size: number) =>
    [
      size === w.cheapestMeeting ? "cheapest meeting the objective" : "",
      size === w.fastestAtEqualCost ? "fastest at equal cost" : "",
    ]
      .filter((x) => x !== "")
      .join("; ");
  return {
    head: [
      unit,
      w.design === "async" ? "handler ms per message" : "p50",
      "p99 (completed)",
      "objective",
      "monthly cost",
      "mark",
    ],
    rows: w.points.map((p) => [
      String(p.size),
      ms(p.durationMs),
      ms(p.p99Ms),
      p.meets ? "met" : "missed",
      usd(p.monthly),
      mark(p.size),
    ]),
  };
}

function candidateRow(c: JointCandidate, chosen: JointCandidate | null): string[] {
  return [
    String(c.memoryMb),
    `${ms(c.perMessageMs)}${c.measured ? " (measured)" : " (scaled)"}`,
    String(c.batchSize),
    `${c.windowSeconds} s`,
    String(c.maximumConcurrency),
    c.meanBatch.toFixed(2),
    ms(c.latencyMs),
    usd(c.monthly),
    c === chosen ? "chosen" : c.fits ? "" : "over the objective",
  ];
}

/** The power-tuning front: per memory size, its best combination of the joint search. */
export function frontTable(j: JointSettings): TextTable {
  return {
    head: [
      "MB",
      "ms per message",
      "BatchSize",
      "window",
      "MaximumConcurrency",
      "mean batch at peak",
      "latency at peak",
      "monthly cost",
      "",
    ],
    rows: j.front.map((c) => candidateRow(c, j.chosen)),
  };
}

/** One sentence on the jointly chosen settings. */
export function jointSentence(j: JointSettings): string {
  const c = j.chosen;
  if (c === null) {
    return `No combination of memory, BatchSize, window and concurrency keeps a message within ${j.budgetMs} ms at your peak (${j.searched} searched).`;
  }
  return `Chosen together (${j.feasible} of ${j.searched} combinations fit ${j.budgetMs} ms at your peak): ${c.memoryMb} MB, BatchSize ${c.batchSize}, window ${c.windowSeconds} s, MaximumConcurrency ${c.maximumConcurrency}: ${usd(c.monthly)} a month, about ${ms(c.latencyMs)} at the peak (cheapest; costs within 2 % go to the faster). ${PROVISIONED_NOT_SEARCHED}`;
}

/**
 * Why the search holds standard mode only: at a steady peak provisioned pollers only add their
 * Event Poller Units, whose price AWS has not confirmed (aws-facts 0.3); what they buy is the
 * faster ramp under a burst, which the projection simulates.
 */
export const PROVISIONED_NOT_SEARCHED =
  "Provisioned pollers are not searched: at a steady peak they add only their Event Poller Units, whose price is unconfirmed (aws-facts 0.3); they buy a faster ramp under bursts, which `npm run project -- <run> --async.mode provisioned` simulates.";

/** A part of a scenario's section, in order; the Markdown and HTML reports render the same parts. */
export type SectionPart =
  | { readonly kind: "heading"; readonly text: string }
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "table"; readonly table: TextTable }
  | { readonly kind: "links"; readonly links: readonly { href: string; text: string }[] }
  | { readonly kind: "sweep"; readonly sweep: Sweep }
  | { readonly kind: "front"; readonly joint: JointSettings };

/** The parts of a scenario's section: verdict, runs, pooled objectives, spreads, sweeps, settings. */
export function sectionParts(s: ScenarioSection): SectionPart[] {
  const v = s.verdict;
  const parts: SectionPart[] = [
    {
      kind: "text",
      text: `Rule ${v.rule} over ${v.repeats} repeat(s); objectives over every repeat's arrivals.${v.settle ? ` To settle: ${v.settle}.` : ""}`,
    },
    { kind: "table", table: runsTable(s) },
    {
      kind: "links",
      links: s.compare.map((r) => ({
        href: runReportHref(r.run.resultFile),
        text: `${r.run.runId} (repeat ${r.run.repeat}, ${r.run.order.join(" then ")})`,
      })),
    },
    { kind: "table", table: pooledTable(s) },
    { kind: "table", table: spreadTable(s) },
  ];
  if (s.memorySweep) {
    parts.push({ kind: "heading", text: "Memory sweep (async, each size at its CPU share)" });
    parts.push({ kind: "sweep", sweep: s.memorySweep });
  }
  if (s.taskSweep) {
    parts.push({ kind: "heading", text: "Task sweep (sync, each task vCPU under its quota)" });
    parts.push({ kind: "sweep", sweep: s.taskSweep });
  }
  if (s.joint) {
    parts.push({ kind: "heading", text: "Settings chosen jointly (power-tuning front)" });
    parts.push({ kind: "text", text: jointSentence(s.joint) });
    parts.push({ kind: "front", joint: s.joint });
  }
  return parts;
}
