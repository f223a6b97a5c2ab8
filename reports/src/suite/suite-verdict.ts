import { type Recommendation, Recommendations } from "../advice/rules.js";
import type { ScenarioSection } from "./suite-model.js";

/** The suite's one verdict and why. */
export interface SuiteVerdict {
  readonly recommendation: Recommendation;
  readonly headline: string;
  readonly reasons: readonly string[];
}

/**
 * One verdict for all scenarios: a run that backs no advice (none) makes the suite none, any
 * inconclusive scenario makes it inconclusive, the same verdict everywhere is the suite's, and
 * scenarios that disagree (e.g. steady: migrate, spike: stay) make it hybrid: the queue suits
 * some of the traffic and not the rest.
 */
export function suiteVerdict(sections: readonly ScenarioSection[]): SuiteVerdict {
  const each = sections.map(
    (s) =>
      `${s.scenario}: ${s.verdict.recommendation} (${s.verdict.rule}, ${s.verdict.repeats} repeat${s.verdict.repeats === 1 ? "" : "s"})`,
  );
  const found = new Set(sections.map((s) => s.verdict.recommendation));
  const settle = sections
    .filter((s) => s.verdict.settle !== null)
    .map((s) => `${s.scenario}: ${s.verdict.settle}`);
  let recommendation: Recommendation;
  let why: string;
  if (sections.length === 0) {
    recommendation = "none";
    why = "the suite has no comparison runs";
  } else if (found.has("none")) {
    recommendation = "none";
    why = "a scenario's runs back no advice (not completed, closed model, or no comparison)";
  } else if (found.has("inconclusive")) {
    recommendation = "inconclusive";
    why = "a scenario cannot tell which way its objective or cost goes";
  } else if (found.size === 1) {
    recommendation = [...found][0] as Recommendation;
    why = `every scenario says ${recommendation}`;
  } else {
    recommendation = "hybrid";
    why = `the scenarios disagree (${[...found].join(", ")}): the queue suits part of the traffic only`;
  }
  return {
    recommendation,
    headline: `${Recommendations[recommendation]}: ${why}.`,
    reasons: [...each, ...settle.map((t) => `to settle ${t}`)],
  };
}
