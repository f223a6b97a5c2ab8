import { ms, usd } from "../format.js";
import { esc } from "../render/escape.js";
import { REPORT_CSS } from "../render/html-style.js";
import { TITLE } from "../render/markdown.js";
import { lineChart } from "../render/svg/line-chart.js";
import { table } from "../render/tables.js";
import { COLORS } from "../render/time-charts.js";
import type { JointSettings } from "./joint-settings.js";
import type { SuiteReport } from "./render-suite.js";
import type { ScenarioSection } from "./suite-model.js";
import {
  frontTable,
  type SectionPart,
  sectionParts,
  sweepTable,
  type TextTable,
} from "./suite-tables.js";
import type { Sweep } from "./sweeps.js";

const html = (t: TextTable) => table(t.head, t.rows);

// One measured figure per size with its mark as a labelled point.
function sizeChart(
  id: string,
  w: Sweep,
  figure: { title: string; yLabel: string; mark: number | null; markLabel: string },
  y: (p: Sweep["points"][number]) => number,
  format: (v: number) => string,
): string {
  const unit = w.design === "async" ? "memory (MB)" : "task vCPU";
  const marked = w.points.find((x) => x.size === figure.mark);
  return lineChart({
    id,
    title: `${w.design}: ${figure.title} by ${unit}`,
    xLabel: unit,
    yLabel: figure.yLabel,
    xTicks: w.points.map((p) => ({ value: p.size, label: String(p.size) })),
    series: [
      {
        name: figure.yLabel,
        color: COLORS[w.design],
        points: w.points.map((p) => [p.size, y(p)] as const),
      },
    ],
    markers:
      marked === undefined ? [] : [{ x: marked.size, y: y(marked), label: figure.markLabel }],
    yFormat: format,
    emptyNote: "no size of the sweep completed",
  });
}

// Measured duration and monthly cost per size, then the sweep's table.
function sweepCharts(id: string, w: Sweep): string {
  const what = w.design === "async" ? "measured handler ms per message" : "measured p50";
  const duration = sizeChart(
    `${id}-duration`,
    w,
    { title: what, yLabel: "ms", mark: w.fastestAtEqualCost, markLabel: "fastest at equal cost" },
    (p) => p.durationMs,
    (v) => ms(v),
  );
  const cost = sizeChart(
    `${id}-cost`,
    w,
    {
      title: "monthly cost at your volume",
      yLabel: "USD per month",
      mark: w.cheapestMeeting,
      markLabel: "cheapest meeting the objective",
    },
    (p) => p.monthly,
    (v) => usd(v),
  );
  return `<div class="charts">${duration}${cost}</div>${html(sweepTable(w))}`;
}

function frontChart(id: string, j: JointSettings): string {
  const c = j.chosen;
  return lineChart({
    id: `${id}-front`,
    title: "Power-tuning front: best combination per memory size (cost vs ms per message)",
    xLabel: "ms per message",
    yLabel: "USD per month",
    series: [
      {
        name: "front",
        color: COLORS.async,
        points: j.front.map((p) => [p.perMessageMs, p.monthly] as const),
      },
    ],
    markers:
      c === null
        ? []
        : [
            {
              x: c.perMessageMs,
              y: c.monthly,
              label: `chosen: ${c.memoryMb} MB, batch ${c.batchSize}`,
            },
          ],
    yFormat: (v) => usd(v),
    emptyNote: "no combination meets the objective at your peak",
  });
}

function partHtml(p: SectionPart, id: string): string {
  switch (p.kind) {
    case "heading":
      return `<h3>${esc(p.text)}</h3>`;
    case "text":
      return `<p>${esc(p.text)}</p>`;
    case "table":
      return html(p.table);
    case "links":
      return `<ul>${p.links.map((l) => `<li><a href="${esc(l.href)}">${esc(l.text)}</a></li>`).join("")}</ul>`;
    case "sweep":
      return sweepCharts(`${id}-${p.sweep.design === "async" ? "memory" : "task"}`, p.sweep);
    case "front":
      return `${frontChart(id, p.joint)}${html(frontTable(p.joint))}`;
  }
}

function sectionHtml(s: ScenarioSection, i: number): string {
  const head = `<h2>${esc(s.scenario)}: ${esc(TITLE[s.verdict.recommendation])}</h2>`;
  return [head, ...sectionParts(s).map((p) => partHtml(p, `s${i}`))].join("\n");
}

/** The suite's self-contained HTML report (inline CSS and SVG, no scripts). */
export function renderSuiteHtml(r: SuiteReport): string {
  const v = r.verdict;
  const projection = r.projection
    ? `<h2>Projection of the default profile</h2><pre>${esc(r.projection.lines.join("\n"))}</pre><p><a href="${esc(r.projection.href)}">projection.json</a></p>`
    : "";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>queueshift suite ${esc(r.manifest.suiteId)}</title><style>${REPORT_CSS}</style></head>
<body>
<h1>Suite verdict: ${esc(TITLE[v.recommendation])}</h1>
<p class="meta">Suite ${esc(r.manifest.suiteId)}: ${r.manifest.runs.length} runs, repeat ${r.manifest.options.repeat}</p>
${r.fullCoreWarning ? `<p class="warning">${esc(r.fullCoreWarning)}</p>` : ""}
<div class="advice ${esc(v.recommendation)}"><p><strong>${esc(v.headline)}</strong></p><ul>${v.reasons.map((x) => `<li>${esc(x)}</li>`).join("")}</ul></div>
${r.sections.map(sectionHtml).join("\n")}
${projection}
</body></html>
`;
}
