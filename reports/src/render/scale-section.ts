import type { ArchitectureResult, ResultDocument } from "@queueshift/shared-model";
import { seriesOf } from "../data/time-series.js";
import { num, usd, volume } from "../format.js";
import { esc } from "./escape.js";
import { type LineSeries, lineChart, type Marker } from "./svg/line-chart.js";
import { table } from "./tables.js";
import { COLORS, line, percentileLines, phaseBands, present } from "./time-charts.js";

const X_LABEL = "seconds since the simulated warm-up began";
const of = (doc: ResultDocument, kind: "sync" | "async") =>
  doc.architectures.find((a) => a.architecture === kind);

// A marker at each interval where a design scaled (sync: desired tasks changed; async: ramp steps).
function scaleMarkers(arch: ArchitectureResult | undefined, at: "p99" | "fleet"): Marker[] {
  if (arch === undefined) return [];
  const events = seriesOf(arch.timeSeries, "scaleEvents");
  const y = seriesOf(arch.timeSeries, at === "p99" ? "p99" : "tasksRunning");
  if (events === null || y === null) return [];
  const marks = events.t.flatMap((t, i) => {
    const n = events.y[i] ?? 0;
    const v = y.y[i];
    return n > 0 && v !== null && v !== undefined && v > 0 ? [{ x: t, y: v, label: "" }] : [];
  });
  // One label is enough: consecutive scaling minutes would print on top of each other.
  return marks.map((m, i) => (i === 0 ? { ...m, label: `${arch.architecture} scales` } : m));
}

function latencyAtScale(p: ResultDocument): string {
  const series = percentileLines(p);
  return lineChart({
    id: "scale-latency",
    title: "At your scale: latency per minute (p50 dashed, p99 solid; dots = sync scale-out/in)",
    xLabel: X_LABEL,
    yLabel: "ms (log)",
    yScale: "log",
    series,
    bands: phaseBands(p),
    markers: scaleMarkers(of(p, "sync"), "p99"),
    emptyNote: "the projection has no p50/p99 series",
  });
}

function fleetAtScale(p: ResultDocument): string {
  const s = of(p, "sync");
  const a = of(p, "async");
  const series: (LineSeries | null)[] = [
    s ? line(s, "tasksRunning", "sync tasks running", COLORS.sync) : null,
    s ? line(s, "tasksStarting", "sync tasks starting", COLORS.sync, true) : null,
    a ? line(a, "envBusy", "async environments busy", COLORS.async) : null,
    a ? line(a, "concurrencyTarget", "async mapping concurrency", COLORS.async, true) : null,
  ];
  return lineChart({
    id: "scale-fleet",
    title: "At your scale: sync tasks vs async execution environments",
    xLabel: X_LABEL,
    yLabel: "tasks / environments",
    series: present(series),
    bands: phaseBands(p),
    markers: scaleMarkers(s, "fleet"),
    emptyNote: "the projection has no tasksRunning/envBusy series",
  });
}

function asyncAtScale(p: ResultDocument, id: string, key: "queueVisible" | "oldestAge"): string {
  const a = of(p, "async");
  const visible = key === "queueVisible";
  return lineChart({
    id,
    title: visible
      ? "At your scale: backlog (visible messages, async)"
      : "At your scale: age of the oldest unfinished job (async)",
    xLabel: X_LABEL,
    yLabel: visible ? "messages" : "seconds",
    series: a ? present([line(a, key, visible ? "backlog" : "oldest job", COLORS.async)]) : [],
    bands: phaseBands(p),
    emptyNote: a
      ? `the projection's async series has no ${key}`
      : "the projection has no async design",
  });
}

function costAtScale(p: ResultDocument): string {
  const cost = p.projection?.cost ?? {};
  const rows = (["sync", "async"] as const).flatMap((kind) => {
    const c = cost[kind];
    if (c === undefined) return [];
    return [
      ...c.items.map((i) => [kind, i.component, `${num(i.quantity, 1)} ${i.unit}`, usd(i.cost)]),
      [kind, "total a month", "", usd(c.total)],
    ];
  });
  const notes = (["sync", "async"] as const)
    .flatMap((k) => (cost[k]?.notes ?? []).map((n) => `<li>${esc(`${k}: ${n}`)}</li>`))
    .join("");
  return `${table(["design", "item", "quantity", "per month"], rows)}<ul class="meta">${notes}</ul>`;
}

/**
 * The HTML's "At your scale" section: a projection of the run at the user's traffic (origin
 * projection) drawn as latency with scale moments, fleet vs environments, backlog and oldest
 * age, and each design's monthly cost from the simulated usage. Empty without a projection.
 */
export function scaleSection(p: ResultDocument | undefined): string {
  if (p === undefined || p.projection === undefined) return "";
  const s = p.projection;
  const counts = p.architectures
    .map((a) => {
      const c = a.counters;
      return `${a.architecture}: ${num(c.scheduled, 0)} arrivals, ${num(c.timeouts, 0)} timed out, ${num(c.failed, 0)} failed${c.lost ? `, ${num(c.lost, 0)} unfinished` : ""}`;
    })
    .join("; ");
  return [
    "<h2>At your scale (projection)</h2>",
    `<p class="meta">A seeded discrete-event simulation of both designs at ${esc(s.traffic)} (${esc(volume(s.monthlyRequests))} requests/month), calibrated from this run: minutes ${s.windowStartMinute}-${s.windowStartMinute + s.windowMinutes} of the month, seed ${s.seed}. ${esc(counts)}. Assumptions: ${p.assumptions?.length ?? 0} (listed in projection.json).</p>`,
    latencyAtScale(p),
    fleetAtScale(p),
    asyncAtScale(p, "scale-backlog", "queueVisible"),
    asyncAtScale(p, "scale-oldest-age", "oldestAge"),
    costAtScale(p),
  ].join("\n");
}
