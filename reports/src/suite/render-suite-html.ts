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
  jointSentence,
  pooledTable,
  runReportHref,
  runsTable,
  spreadTable,
  sweepTable,
  type TextTable,
} from "./suite-tables.js";
import type { Sweep } from "./sweeps.js";

const html = (t: TextTable) => table(t.head, t.rows);

// Measured duration and monthly cost per size, the marks as labelled points.
function sweepCharts(id: string, w: Sweep): string {
  const unit = w.design === "async" ? "memory (MB)" : "task vCPU";
  const at = (size: number | null, y: (p: Sweep["points"][number]) => number, label: string) => {
    const p = w.points.find((x) => x.size === size);
    return p === undefined ? [] : [{ x: p.size, y: y(p), label }];
  };
  const ticks = w.points.map((p) => ({ value: p.size, label: String(p.size) }));
  const duration = lineChart({
    id: `${id}-duration`,
    title: `${w.design}: measured ${w.design === "async" ? "handler ms per message" : "p50"} by ${unit}`,
    xLabel: unit,
    yLabel: "ms",
    xTicks: ticks,
    series: [
      {
        name: "measured",
        color: COLORS[w.design],
        points: w.points.map((p) => [p.size, p.durationMs] as const),
      },
    ],
    markers: at(w.fastestAtEqualCost, (p) => p.durationMs, "fastest at equal cost"),
    yFormat: (v) => ms(v),
    emptyNote: "no size of the sweep completed",
  });
  const cost = lineChart({
    id: `${id}-cost`,
    title: `${w.design}: monthly cost at your volume by ${unit}`,
    xLabel: unit,
    yLabel: "USD per month",
    xTicks: ticks,
    series: [
      {
        name: "cost",
        color: COLORS[w.design],
        points: w.points.map((p) => [p.size, p.monthly] as const),
      },
    ],
    markers: at(w.cheapestMeeting, (p) => p.monthly, "cheapest meeting the objective"),
    yFormat: (v) => usd(v),
    emptyNote: "no size of the sweep could be priced",
  });
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

function sectionHtml(s: ScenarioSection, i: number): string {
  const v = s.verdict;
  const id = `s${i}`;
  const links = s.compare
    .map(
      (r) =>
        `<li><a href="${esc(runReportHref(r.run.resultFile))}">${esc(r.run.runId)}</a> (repeat ${r.run.repeat}, ${esc(r.run.order.join(" then "))})</li>`,
    )
    .join("");
  const parts = [
    `<h2>${esc(s.scenario)}: ${esc(TITLE[v.recommendation])}</h2>`,
    `<p>Rule <code>${esc(v.rule)}</code> over ${v.repeats} repeat(s); objectives over every repeat's arrivals.${v.settle ? ` To settle: ${esc(v.settle)}.` : ""}</p>`,
    html(runsTable(s)),
    `<ul>${links}</ul>`,
    html(pooledTable(s)),
    html(spreadTable(s)),
  ];
  if (s.memorySweep)
    parts.push("<h3>Memory sweep (async)</h3>", sweepCharts(`${id}-memory`, s.memorySweep));
  if (s.taskSweep) parts.push("<h3>Task sweep (sync)</h3>", sweepCharts(`${id}-task`, s.taskSweep));
  if (s.joint) {
    parts.push(
      "<h3>Settings chosen jointly</h3>",
      `<p>${esc(jointSentence(s.joint))}</p>`,
      frontChart(id, s.joint),
      html(frontTable(s.joint)),
    );
  }
  return parts.join("\n");
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
