import type { ResultDocument } from "@queueshift/shared-model";
import type { Advice } from "../advice/advise.js";
import type { CostCurvePoint } from "../cost/project-costs.js";
import { percentileSpectrum } from "../data/histograms.js";
import { usd, volume } from "../format.js";
import { type LineSeries, lineChart, type Marker } from "./svg/line-chart.js";
import { COLORS } from "./time-charts.js";

// HdrHistogram's percentile plot labels: x = 1/(1-p).
const SPECTRUM_TICKS = [
  { value: 1, label: "0%" },
  { value: 2, label: "50%" },
  { value: 10, label: "90%" },
  { value: 100, label: "99%" },
  { value: 1000, label: "99.9%" },
  { value: 1e4, label: "99.99%" },
  { value: 1e5, label: "99.999%" },
  { value: 1e6, label: "99.9999%" },
];

/** Latency by percentile for both designs on HdrHistogram's 1/(1-p) log axis. */
export function spectrumChart(doc: ResultDocument): string {
  const series: LineSeries[] = [];
  for (const a of doc.architectures) {
    const names: ReadonlyArray<readonly [string, string, boolean]> =
      a.architecture === "sync"
        ? [["latency", "sync response", false]]
        : [
            ["latency", "async end to end", false],
            ["submit", "async submit (202)", true],
          ];
    for (const [key, name, dashed] of names) {
      const h = a.histograms[key];
      if (h === undefined) continue;
      const points = percentileSpectrum(h).map(
        (p) => [1 / (1 - p.percentile / 100), p.valueMs] as const,
      );
      if (points.length > 0) series.push({ name, color: COLORS[a.architecture], dashed, points });
    }
  }
  return lineChart({
    id: "latency-spectrum",
    title: "Latency by percentile (from the intended time; log scales)",
    xLabel: "percentile",
    yLabel: "ms (log)",
    xScale: "log",
    yScale: "log",
    xTicks: SPECTRUM_TICKS,
    series,
    emptyNote: "no latency histograms in the result",
  });
}

// Sync cost at volume v, interpolated between the two curve points around it.
function costAt(points: readonly CostCurvePoint[], v: number): number {
  const i = Math.max(0, points.findIndex((p) => p.monthlyRequests >= v) - 1);
  const a = points[i];
  const b = points[i + 1] ?? a;
  if (a === undefined || b === undefined) return 0;
  const ya = a.syncCost ?? 0;
  const yb = b.syncCost ?? ya;
  const span = b.monthlyRequests - a.monthlyRequests;
  return span > 0 ? ya + ((yb - ya) * (v - a.monthlyRequests)) / span : ya;
}

/** Monthly cost of both designs versus volume for the user's shape, break-even points marked. */
export function costChart(advice: Advice): string {
  const { curves, traffic } = advice.projection;
  const curve = curves.find((c) => c.shape === traffic.shape) ?? curves[0];
  const series: LineSeries[] = [];
  const markers: Marker[] = [];
  for (const c of curves) {
    const mine = c === curve;
    const tag = mine ? "" : ` (${c.shape})`;
    for (const side of ["sync", "async"] as const) {
      const points = c.points.map(
        (p) => [p.monthlyRequests, side === "sync" ? p.syncCost : p.asyncCost] as const,
      );
      series.push({ name: `${side}${tag}`, color: COLORS[side], dashed: !mine, points });
    }
    for (const v of c.crossings) {
      markers.push({ x: v, y: costAt(c.points, v), label: `break-even ${c.shape} ~${volume(v)}` });
    }
  }
  return lineChart({
    id: "cost-vs-volume",
    title: `Monthly cost vs volume (${traffic.shape} solid; other shapes dashed; USD, log scales)`,
    xLabel: "requests per month",
    yLabel: "USD per month",
    xScale: "log",
    yScale: "log",
    xFormat: volume,
    yFormat: (v) => usd(v).replace(".00", ""),
    series,
    markers,
    emptyNote: "the cost model could not be applied to this run",
  });
}

/** B's monthly cost across Lambda memory sizes and batch sizes (two small charts). */
export function sensitivityCharts(advice: Advice): string {
  const { memory, batch } = advice.projection;
  const memChart = lineChart({
    id: "memory-sensitivity",
    title: "Async monthly cost by Lambda memory size (CPU-bound scaling)",
    xLabel: "memory (MB)",
    yLabel: "USD per month",
    xScale: "log",
    xTicks: [128, 256, 512, 1024, 1769, 4096, 10240].map((v) => ({ value: v, label: String(v) })),
    series: [
      {
        name: "async",
        color: COLORS.async,
        points: memory.map((p) => [p.memoryMb, p.total] as const),
      },
    ],
    emptyNote: "this run did not measure the asynchronous design",
  });
  const batchChart = lineChart({
    id: "batch-sensitivity",
    title: "Async monthly cost by BatchSize (batches fill as your traffic's rate allows)",
    xLabel: "BatchSize",
    yLabel: "USD per month",
    xScale: "log",
    xTicks: [1, 2, 5, 10, 20, 50, 100].map((v) => ({ value: v, label: String(v) })),
    series: [
      {
        name: "async",
        color: COLORS.async,
        points: batch.map((p) => [p.batchSize, p.total] as const),
      },
    ],
    emptyNote: "this run did not measure the asynchronous design",
  });
  return memChart + batchChart;
}
