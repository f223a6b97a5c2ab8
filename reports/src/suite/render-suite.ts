import type { SuiteManifest } from "@queueshift/shared-model";
import { table as markdownTable, TITLE } from "../render/markdown.js";
import type { ScenarioSection } from "./suite-model.js";
import {
  frontTable,
  jointSentence,
  pooledTable,
  runReportHref,
  runsTable,
  spreadTable,
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

function sectionMarkdown(s: ScenarioSection): string[] {
  const v = s.verdict;
  const out = [
    "",
    `## ${s.scenario}: ${TITLE[v.recommendation]}`,
    "",
    `Rule \`${v.rule}\` over ${v.repeats} repeat(s); objectives over every repeat's arrivals.${v.settle ? ` To settle: ${v.settle}.` : ""}`,
    "",
    ...md(runsTable(s)),
    "",
    ...s.compare.map((r) => `- [${r.run.runId}](${runReportHref(r.run.resultFile)})`),
    "",
    ...md(pooledTable(s)),
    "",
    ...md(spreadTable(s)),
  ];
  if (s.memorySweep)
    out.push(
      "",
      "### Memory sweep (async, measured at each size's CPU share)",
      "",
      ...md(sweepTable(s.memorySweep)),
    );
  if (s.taskSweep)
    out.push(
      "",
      "### Task sweep (sync, measured at each task vCPU)",
      "",
      ...md(sweepTable(s.taskSweep)),
    );
  if (s.joint)
    out.push(
      "",
      "### Settings chosen jointly (power-tuning front)",
      "",
      jointSentence(s.joint),
      "",
      ...md(frontTable(s.joint)),
    );
  return out;
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
      figures: s.figures,
      memorySweep: s.memorySweep,
      taskSweep: s.taskSweep,
      jointSettings: s.joint,
    })),
    projection: r.projection,
  };
  return `${JSON.stringify(summary, null, 2)}\n`;
}
