import type { ResultDocument } from "@queueshift/shared-model";
import { brokerLabel, deploymentLabel, fullCoreWarning, targetsLabel, volume } from "../format.js";
import { costChart, sensitivityCharts, spectrumChart } from "./distribution-charts.js";
import { esc } from "./escape.js";
import { REPORT_CSS } from "./html-style.js";
import { adviceFor, type ReportOptions } from "./report-options.js";
import { scaleSection } from "./scale-section.js";
import {
  costTable,
  figuresTable,
  OBJECTIVE_HEAD,
  objectiveRows,
  settingsTable,
  setupTable,
  table,
  VOLUME_HEAD,
  volumeRows,
} from "./tables.js";
import {
  coldStartChart,
  environmentsChart,
  latencyOverTimeChart,
  oldestAgeChart,
  queueDepthChart,
  scalingChart,
  throughputChart,
} from "./time-charts.js";

/**
 * A self-contained HTML report: inline CSS and inline SVG charts drawn here, no scripts,
 * fonts, images or network requests.
 */
export function renderHtml(doc: ResultDocument, options: ReportOptions): string {
  const advice = adviceFor(doc, options);
  const p = options.profile;
  const objectives = p.objectives.map((o) => `${o.label} <= ${o.ms} ms`).join(", ");
  const warning =
    doc.outcome.status === "completed"
      ? ""
      : `<p class="warning">This run was ${esc(doc.outcome.status)}${doc.outcome.message ? `: ${esc(doc.outcome.message)}` : ""}. Its numbers cover only what was measured.</p>`;
  const fullCore = fullCoreWarning(doc.cpuShares);
  const cpuWarning = fullCore === null ? "" : `<p class="warning">${esc(fullCore)}</p>`;
  const reasons = advice.reasons.map((r) => `<li>${esc(r)}</li>`).join("");
  const inputs = advice.projection.inputs.notes.map((n) => `<li>${esc(n)}</li>`).join("");
  const body = [
    `<h1>queueshift report: ${esc(doc.scenario.name)}</h1>`,
    `<p class="meta">Run ${esc(doc.runId)} &middot; ${esc(doc.startedAt)} &middot; designs: ${doc.architectures.map((a) => a.architecture).join(", ")} &middot; broker: ${esc(brokerLabel(doc.broker))}</p>`,
    `<p class="meta">Targets: ${esc(targetsLabel(doc))}. Ran as ${esc(deploymentLabel(doc))}.</p>`,
    warning,
    cpuWarning,
    `<section class="advice ${advice.recommendation}"><p class="headline">${esc(advice.headline)}</p>`,
    `<p class="meta">For ${volume(p.monthlyRequests)} requests/month, ${p.shape} traffic${p.peakRate === null ? "" : `, peak ${p.peakRate} req/s`}; objectives ${esc(objectives)}; prices ${esc(options.prices.region)} as of ${esc(options.prices.table.asOf)}.</p><ul>${reasons}</ul></section>`,
    "<h2>Objectives over all arrivals</h2>",
    `<p class="meta">${advice.atScale === null ? "Every arrival of the measure phase counts" : "Every arrival of the projection's simulated window counts (at your scale)"}: whatever failed, timed out, was missed, dead-lettered or lost is over every latency objective. Intervals: 95% Wilson.</p>`,
    table(OBJECTIVE_HEAD, objectiveRows(advice)),
    ...(advice.verdictByVolume.length > 0
      ? [
          `<h2>Verdict by volume (${esc(p.shape)})</h2>`,
          `<p class="meta">Objectives as the run measured them; only the costs change with volume.</p>`,
          table(VOLUME_HEAD, volumeRows(advice)),
        ]
      : []),
    scaleSection(options.projection),
    "<h2>Key figures (completed requests)</h2>",
    figuresTable(doc),
    "<h2>Latency</h2>",
    spectrumChart(doc),
    latencyOverTimeChart(doc),
    "<h2>Throughput</h2>",
    throughputChart(doc),
    "<h2>Queue and execution environments</h2>",
    queueDepthChart(doc),
    oldestAgeChart(doc),
    environmentsChart(doc),
    scalingChart(doc),
    coldStartChart(doc),
    "<h2>Cost</h2>",
    costChart(advice),
    costTable(advice),
    `<p class="meta">How the run became cost inputs:</p><ul class="meta">${inputs}</ul>`,
    sensitivityCharts(advice),
    "<h2>Recommended async settings</h2>",
    settingsTable(advice),
    "<h2>Setup</h2>",
    setupTable(doc, options.prices),
  ].join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>queueshift report ${esc(doc.runId)}</title><style>${REPORT_CSS}</style></head>
<body>
${body}
</body></html>
`;
}
