import type { SuiteManifest } from "@queueshift/shared-model";
import { table as markdownTable, TITLE } from "../render/markdown.js";
import type { ScenarioSection } from "./suite-model.js";
import {
  frontTable,
  runReportHref,
  type SectionPart,
  sectionParts,
  sweepTable,
  type TextTable,
} from "./suite-tables.js";
import type { SuiteVerdict } from "./suite-verdict.js";

/** Version tag of the suite's JSON summary. */
export const SUITE_SUMMARY_SCHEMA = "queueshift.suite-summary/1";

/** Everything the suite report shows. */
export interface SuiteReport {
  readonly manifest: SuiteManifest;
  readonly sections: readonly ScenarioSection[];
  readonly verdict: SuiteVerdict;
  /** The projection of the default profile: its file (relative) and summary lines. */
  readonly projection: { readonly href: string; readonly lines: readonly string[] } | null;
  /** Set when any run measured at full core (no CPU quotas). */
  readonly fullCoreWarning: string | null;
}

const md = (t: TextTable) => markdownTable(t.head, t.rows);

function partMarkdown(p: SectionPart): string[] {
  switch (p.kind) {
    case "heading":
      return ["", `### ${p.text}`, ""];
    case "text":
      return [p.text, ""];
    case "table":
      return [...md(p.table), ""];
    case "links":
      return [...p.links.map((l) => `- [${l.text}](${l.href})`), ""];
    case "sweep":
      return [...md(sweepTable(p.sweep)), ""];
    case "front":
      return [...md(frontTable(p.joint)), ""];
  }
}

function sectionMarkdown(s: ScenarioSection): string[] {
  return [
    "",
    `## ${s.scenario}: ${TITLE[s.verdict.recommendation]}`,
    "",
    ...sectionParts(s).flatMap(partMarkdown),
  ];
}

/** The suite's Markdown: line 1 the verdict, line 3 its reason. */
export function renderSuiteMarkdown(r: SuiteReport): string {
  const lines = [
    `# Suite verdict: ${TITLE[r.verdict.recommendation]}`,
    "",
    r.verdict.headline,
    "",
    ...(r.fullCoreWarning ? [`> ${r.fullCoreWarning}`, ""] : []),
    `Suite ${r.manifest.suiteId}: ${r.manifest.runs.length} runs, repeat ${r.manifest.options.repeat}${r.manifest.options.quick ? ", quick" : ""}.`,
    "",
    ...r.verdict.reasons.map((x) => `- ${x}`),
    ...r.sections.flatMap(sectionMarkdown),
  ];
  if (r.projection) {
    lines.push(
      "",
      "## Projection of the default profile",
      "",
      ...r.projection.lines.map((l) => `    ${l}`),
      "",
      `[projection.json](${r.projection.href})`,
    );
  }
  return `${lines.join("\n")}\n`;
}

/** The suite's machine-readable summary. */
export function renderSuiteJson(r: SuiteReport): string {
  const summary = {
    schema: SUITE_SUMMARY_SCHEMA,
    suiteId: r.manifest.suiteId,
    fullCoreWarning: r.fullCoreWarning,
    verdict: r.verdict,
    scenarios: r.sections.map((s) => ({
      scenario: s.scenario,
      recommendation: s.verdict.recommendation,
      rule: s.verdict.rule,
      settle: s.verdict.settle,
      repeats: s.verdict.repeats,
      runs: s.compare.map((x) => ({ ...x.run, report: runReportHref(x.run.resultFile) })),
      objectives: s.verdict.checks,
      costRatio: s.verdict.costRatio,
      costRatioRange: s.verdict.costRatioRange,
      figures: s.figures,
      memorySweep: s.memorySweep,
      taskSweep: s.taskSweep,
      jointSettings: s.joint,
    })),
    projection: r.projection,
  };
  return `${JSON.stringify(summary, null, 2)}\n`;
}
