import type { ArchitectureResult, ResultDocument } from "@queueshift/shared-model";
import { type SeriesKey, SeriesKeys, seriesOf } from "../data/time-series.js";
import { type Band, type LineSeries, lineChart } from "./svg/line-chart.js";

/** Colours per architecture, shared by every chart. */
export const COLORS = { sync: "#1f6fb4", async: "#c8372d" } as const;
const EXTRA = ["#2a9d5b", "#8e5bd0", "#e08a00", "#5f6b7a"] as const;
const PHASE_FILL = { warmup: "#fff4d6", measure: "#e9f5ec", drain: "#e9eefb" } as const;

/** Load phases of the first architecture as bands, seconds from that architecture's start. */
export function phaseBands(doc: ResultDocument): Band[] {
  const first = doc.architectures[0];
  if (first === undefined || first.phases.length === 0) return [];
  const offset = Math.min(...first.phases.map((p) => p.startSeconds));
  return first.phases.map((p) => ({
    from: p.startSeconds - offset,
    to: p.endSeconds - offset,
    label: p.name,
    color: PHASE_FILL[p.name],
  }));
}

/** One design's series `key` as a chart line, or null when its time series lacks the column. */
export function line(
  arch: ArchitectureResult,
  key: SeriesKey,
  name: string,
  color: string,
  dashed = false,
): LineSeries | null {
  const s = seriesOf(arch.timeSeries, key);
  if (s === null) return null;
  return { name, color, dashed, points: s.t.map((t, i) => [t, s.y[i] ?? null] as const) };
}

// The contract's names of the columns behind `keys`, for the "no data" notes.
const columnNames = (keys: readonly SeriesKey[]) =>
  keys.map((key) => SeriesKeys[key].column).join("/");

/** The lines that exist. */
export const present = (xs: (LineSeries | null)[]): LineSeries[] => xs.filter((x) => x !== null);

/** Offered and achieved rate over time for both designs, load phases shaded. */
export function throughputChart(doc: ResultDocument): string {
  const series = present(
    doc.architectures.flatMap((a) => [
      line(a, "offered", `${a.architecture} offered`, COLORS[a.architecture], true),
      line(a, "achieved", `${a.architecture} achieved`, COLORS[a.architecture]),
    ]),
  );
  return lineChart({
    id: "throughput",
    title: "Throughput over time (requests/s; dashed = offered by the schedule)",
    xLabel: "seconds since the architecture's start",
    yLabel: "requests/s",
    series,
    bands: phaseBands(doc),
    emptyNote: `the time series has no ${columnNames(["offered", "achieved"])} columns`,
  });
}

/** Each design's p50 (dashed) and p99 lines per interval. */
export function percentileLines(doc: ResultDocument): LineSeries[] {
  return present(
    doc.architectures.flatMap((a) => [
      line(a, "p50", `${a.architecture} p50`, COLORS[a.architecture], true),
      line(a, "p99", `${a.architecture} p99`, COLORS[a.architecture]),
    ]),
  );
}

/** p50 and p99 latency per interval for both designs (log scale), load phases shaded. */
export function latencyOverTimeChart(doc: ResultDocument): string {
  const series = percentileLines(doc);
  return lineChart({
    id: "latency-over-time",
    title: "Latency over time (p50 dashed, p99 solid; from the intended time)",
    xLabel: "seconds since the architecture's start",
    yLabel: "ms (log)",
    yScale: "log",
    series,
    bands: phaseBands(doc),
    emptyNote: `the time series has no ${columnNames(["p50", "p99"])} columns`,
  });
}

function asyncChart(
  doc: ResultDocument,
  id: string,
  title: string,
  yLabel: string,
  keys: ReadonlyArray<readonly [SeriesKey, string]>,
): string {
  const a = doc.architectures.find((x) => x.architecture === "async");
  const series =
    a === undefined
      ? []
      : present(
          keys.map(([key, name], i) => line(a, key, name, EXTRA[i % EXTRA.length] ?? "#333")),
        );
  return lineChart({
    id,
    title,
    xLabel: "seconds since the async run's start",
    yLabel,
    series,
    bands: phaseBands(doc),
    emptyNote:
      a === undefined
        ? "this run did not measure the asynchronous design (sync only)"
        : `the async time series has no ${columnNames(keys.map(([key]) => key))} column`,
  });
}

/** Queue depth (visible and in flight) over time, async only. */
export function queueDepthChart(doc: ResultDocument): string {
  return asyncChart(doc, "queue-depth", "Queue depth over time (async)", "messages", [
    ["queueVisible", "visible"],
    ["queueInFlight", "in flight"],
  ]);
}

/** Age of the oldest unfinished job over time, async only. */
export function oldestAgeChart(doc: ResultDocument): string {
  return asyncChart(doc, "oldest-age", "Age of the oldest unfinished job (async)", "seconds", [
    ["oldestAge", "oldest unfinished job"],
  ]);
}

/** Execution environments busy, idle and starting over time, async only. */
export function environmentsChart(doc: ResultDocument): string {
  return asyncChart(
    doc,
    "environments",
    "Execution environments over time (async)",
    "environments",
    [
      ["envBusy", "busy"],
      ["envIdle", "idle"],
      ["envStarting", "starting"],
    ],
  );
}

/**
 * The event source mapping's scaling target against busy environments and the backlog, async
 * only (result schema 2; a version-1 document lacks the target and draws the other two).
 */
export function scalingChart(doc: ResultDocument): string {
  return asyncChart(
    doc,
    "scaling",
    "Scaling: target concurrency vs busy environments vs backlog (async)",
    "batches / environments / messages",
    [
      ["concurrencyTarget", "target concurrency"],
      ["envBusy", "busy environments"],
      ["queueVisible", "backlog (visible messages)"],
    ],
  );
}

/** Cumulative cold starts over time, async only. */
export function coldStartChart(doc: ResultDocument): string {
  const a = doc.architectures.find((x) => x.architecture === "async");
  const s = a ? seriesOf(a.timeSeries, "coldStarts") : null;
  let total = 0;
  const series: LineSeries[] =
    s === null
      ? []
      : [
          {
            name: "cold starts (cumulative)",
            color: COLORS.async,
            points: s.t.map((t, i) => {
              total += s.y[i] ?? 0;
              return [t, total] as const;
            }),
          },
        ];
  return lineChart({
    id: "cold-starts",
    title: `Cold starts over time (async; ${a?.lambda?.coldStarts ?? a?.counters.coldStarts ?? 0} in total)`,
    xLabel: "seconds since the async run's start",
    yLabel: "cold starts",
    series,
    bands: phaseBands(doc),
    emptyNote:
      a === undefined
        ? "this run did not measure the asynchronous design (sync only)"
        : `the async time series has no ${columnNames(["coldStarts"])} column`,
  });
}
