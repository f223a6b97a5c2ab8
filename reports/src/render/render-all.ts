import type { ResultDocument } from "@queueshift/shared-model";
import { renderHtml } from "./html.js";
import { renderJsonSummary } from "./json-summary.js";
import { renderMarkdown } from "./markdown.js";
import { adviceFor, type ReportOptions } from "./report-options.js";

/** The three report files of a run, by file name. */
export interface RenderedReports {
  readonly "report.html": string;
  readonly "summary.md": string;
  readonly "summary.json": string;
}

/** Renders all three reports, computing the advice once. */
export function renderAll(doc: ResultDocument, options: ReportOptions): RenderedReports {
  const withAdvice = { ...options, advice: adviceFor(doc, options) };
  return {
    "report.html": renderHtml(doc, withAdvice),
    "summary.md": renderMarkdown(doc, withAdvice),
    "summary.json": renderJsonSummary(doc, withAdvice),
  };
}
