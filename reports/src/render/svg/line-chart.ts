import { esc } from "../escape.js";
import { linearScale, logScale, type Scale } from "./scale.js";

/** One line: points in data units; null y breaks the line. */
export interface LineSeries {
  readonly name: string;
  readonly color: string;
  readonly points: ReadonlyArray<readonly [number, number | null]>;
  readonly dashed?: boolean;
}

/** A shaded x range, e.g. a load phase. */
export interface Band {
  readonly from: number;
  readonly to: number;
  readonly label: string;
  readonly color: string;
}

/** A labelled point, e.g. a break-even crossing. */
export interface Marker {
  readonly x: number;
  readonly y: number;
  readonly label: string;
}

/** Everything a line chart needs; renders to a self-contained <svg>. */
export interface LineChartSpec {
  readonly id: string;
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly xScale?: "linear" | "log";
  readonly yScale?: "linear" | "log";
  readonly series: readonly LineSeries[];
  readonly bands?: readonly Band[];
  readonly markers?: readonly Marker[];
  readonly xTicks?: ReadonlyArray<{ value: number; label: string }>;
  readonly xFormat?: (v: number) => string;
  readonly yFormat?: (v: number) => string;
  /** Shown instead of the plot when no series has a point. */
  readonly emptyNote: string;
}

const W = 760;
const H = 300;
const M = { left: 70, right: 20, top: 34, bottom: 46 } as const;
const fmt = (v: number) => v.toLocaleString("en-US", { maximumFractionDigits: 3 });

function extent(values: number[], log: boolean): [number, number] {
  const usable = log ? values.filter((v) => v > 0) : values;
  if (usable.length === 0) return [log ? 1 : 0, log ? 10 : 1];
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of usable) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [log ? lo : Math.min(0, lo), hi];
}

function makeScale(kind: "linear" | "log", values: number[], p0: number, p1: number): Scale {
  const [lo, hi] = extent(values, kind === "log");
  return kind === "log" ? logScale(lo, hi, p0, p1) : linearScale(lo, hi, p0, p1);
}

function pathOf(s: LineSeries, x: Scale, y: Scale): string {
  let d = "";
  let pen = false;
  for (const [px, py] of s.points) {
    if (py === null || !Number.isFinite(py) || !Number.isFinite(px)) {
      pen = false;
      continue;
    }
    d += `${pen ? "L" : "M"}${x.at(px).toFixed(1)},${y.at(py).toFixed(1)}`;
    pen = true;
  }
  return d;
}

function axes(x: Scale, y: Scale, spec: LineChartSpec): string {
  const bottom = H - M.bottom;
  const xt = spec.xTicks ?? x.ticks(spec.xFormat ?? fmt);
  const yt = y.ticks(spec.yFormat ?? fmt);
  const xs = xt
    .filter((t) => t.value >= x.min && t.value <= x.max)
    .map((t) => {
      const px = x.at(t.value).toFixed(1);
      return `<line class="grid" x1="${px}" x2="${px}" y1="${M.top}" y2="${bottom}"/><text x="${px}" y="${bottom + 16}" text-anchor="middle">${esc(t.label)}</text>`;
    });
  const ys = yt.map((t) => {
    const py = y.at(t.value).toFixed(1);
    return `<line class="grid" x1="${M.left}" x2="${W - M.right}" y1="${py}" y2="${py}"/><text x="${M.left - 6}" y="${py}" text-anchor="end" dominant-baseline="middle">${esc(t.label)}</text>`;
  });
  const labels = `<text class="axis-label" x="${(M.left + W - M.right) / 2}" y="${H - 8}" text-anchor="middle">${esc(spec.xLabel)}</text><text class="axis-label" transform="translate(14 ${(M.top + bottom) / 2}) rotate(-90)" text-anchor="middle">${esc(spec.yLabel)}</text>`;
  return `${xs.join("")}${ys.join("")}<rect class="frame" x="${M.left}" y="${M.top}" width="${W - M.left - M.right}" height="${bottom - M.top}"/>${labels}`;
}

function legend(series: readonly LineSeries[]): string {
  let x = M.left;
  return series
    .map((s) => {
      const item = `<g class="legend-item"><line x1="${x}" x2="${x + 18}" y1="14" y2="14" stroke="${s.color}" stroke-width="2.5"${s.dashed ? ' stroke-dasharray="5 3"' : ""}/><text x="${x + 22}" y="14" dominant-baseline="middle">${esc(s.name)}</text></g>`;
      x += 30 + s.name.length * 6.5;
      return item;
    })
    .join("");
}

/** An inline SVG line chart; a "no data" note when no series has points. */
export function lineChart(spec: LineChartSpec): string {
  const head = `<figure class="chart-box" id="${esc(spec.id)}"><figcaption>${esc(spec.title)}</figcaption>`;
  const withData = spec.series.filter((s) => s.points.some(([, y]) => y !== null));
  if (withData.length === 0) {
    return `${head}<p class="no-data">No data: ${esc(spec.emptyNote)}</p></figure>`;
  }
  const xs = withData.flatMap((s) => s.points.map(([x]) => x));
  const ys = withData.flatMap((s) => s.points.flatMap(([, y]) => (y === null ? [] : [y])));
  for (const m of spec.markers ?? []) ys.push(m.y);
  const x = makeScale(spec.xScale ?? "linear", xs, M.left, W - M.right);
  const y = makeScale(spec.yScale ?? "linear", ys, H - M.bottom, M.top);
  const bands = (spec.bands ?? [])
    .map((b) => {
      const x0 = Math.max(M.left, x.at(b.from));
      const x1 = Math.min(W - M.right, x.at(b.to));
      if (x1 <= x0) return "";
      return `<rect class="band" x="${x0.toFixed(1)}" y="${M.top}" width="${(x1 - x0).toFixed(1)}" height="${H - M.top - M.bottom}" fill="${b.color}"/><text class="band-label" x="${(x0 + 4).toFixed(1)}" y="${M.top + 12}">${esc(b.label)}</text>`;
    })
    .join("");
  const lines = withData
    .map(
      (s) =>
        `<path class="data" data-series="${esc(s.name)}" data-points="${s.points.length}" d="${pathOf(s, x, y)}" fill="none" stroke="${s.color}" stroke-width="1.8"${s.dashed ? ' stroke-dasharray="5 3"' : ""}/>`,
    )
    .join("");
  const markers = (spec.markers ?? [])
    .map(
      (m) =>
        `<g class="marker"><circle cx="${x.at(m.x).toFixed(1)}" cy="${y.at(m.y).toFixed(1)}" r="5"/><text x="${(x.at(m.x) + 8).toFixed(1)}" y="${(y.at(m.y) - 8).toFixed(1)}">${esc(m.label)}</text></g>`,
    )
    .join("");
  const svg = `<svg class="chart" data-chart="${esc(spec.id)}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(spec.title)}">${bands}${axes(x, y, spec)}${lines}${markers}${legend(withData)}</svg>`;
  return `${head}${svg}</figure>`;
}
