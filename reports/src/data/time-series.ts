import {
  SERIES_COLUMNS,
  type SeriesColumn,
  type SeriesUnit,
  type TimeSeries,
} from "@queueshift/shared-model";

/** Units a report draws a series in. */
export type ShownUnit = "1/s" | "count" | "count/interval" | "ms" | "s";

type Convert = (value: number, intervalSeconds: number) => number;

// The only conversions from a contract unit to a drawn unit. A series whose column changes unit
// in the contract stops compiling here instead of being drawn at the wrong scale.
const CONVERT = {
  s: { s: (v) => v },
  code: {},
  "count/interval": { "1/s": (v, dt) => v / dt, "count/interval": (v) => v },
  count: { count: (v) => v },
  us: { ms: (v) => v / 1_000 },
  ms: { s: (v) => v / 1_000 },
  cores: {},
  MiB: {},
} as const satisfies Record<SeriesUnit, Partial<Record<ShownUnit, Convert>>>;

type ShownFor<C extends SeriesColumn> = keyof (typeof CONVERT)[(typeof SERIES_COLUMNS)[C]["unit"]];

/** Where a report series comes from: one contract column, drawn in one unit. */
export interface SeriesSource {
  readonly column: SeriesColumn;
  readonly unit: ShownUnit;
  readonly meaning: string;
}

function from<C extends SeriesColumn>(
  column: C,
  unit: ShownFor<C> & ShownUnit,
  meaning: string,
): SeriesSource {
  return { column, unit, meaning };
}

/** The series a report draws, each read from exactly one column of `SERIES_COLUMNS`. */
export const SeriesKeys = {
  offered: from("offered", "1/s", "requests/s offered by the schedule"),
  achieved: from("achieved", "1/s", "requests/s completed"),
  inFlight: from("inFlight", "count", "requests in flight"),
  errors: from("errors", "count/interval", "errors per interval"),
  p50: from("p50Us", "ms", "p50 latency of the interval"),
  p99: from("p99Us", "ms", "p99 latency of the interval"),
  queueVisible: from("queueVisible", "count", "messages visible in the queue"),
  queueInFlight: from("queueInFlight", "count", "messages received and not yet deleted"),
  oldestAge: from("oldestUnfinishedAgeMs", "s", "age of the oldest unfinished job"),
  envBusy: from("envBusy", "count", "execution environments busy"),
  envIdle: from("envIdle", "count", "execution environments idle"),
  envStarting: from("envStarting", "count", "execution environments starting (cold)"),
  coldStarts: from("coldStarts", "count/interval", "cold starts per interval"),
  concurrencyTarget: from(
    "concurrencyTarget",
    "count",
    "concurrent batches the event source mapping's scaling allows",
  ),
  tasksRunning: from("tasksRunning", "count", "sync tasks serving traffic (projection)"),
  tasksStarting: from(
    "tasksStarting",
    "count",
    "sync tasks launched, not yet serving (projection)",
  ),
  scaleEvents: from("scaleEvents", "count/interval", "scaling actions per interval (projection)"),
} as const satisfies Record<string, SeriesSource>;

/** A series the report knows. */
export type SeriesKey = keyof typeof SeriesKeys;

/** One resolved series: x in seconds from the run's start, y in its drawn unit (null = not sampled). */
export interface Series {
  readonly key: SeriesKey;
  readonly column: SeriesColumn;
  readonly unit: ShownUnit;
  readonly t: readonly number[];
  readonly y: readonly (number | null)[];
}

function converter(source: SeriesSource): Convert {
  const byUnit: Partial<Record<ShownUnit, Convert>> = CONVERT[SERIES_COLUMNS[source.column].unit];
  // `from` only accepts units with a conversion, so this is never undefined.
  return byUnit[source.unit] ?? ((v) => v);
}

/** The series `key` of a time series, or null when the series lacks its contract column. */
export function seriesOf(ts: TimeSeries, key: SeriesKey): Series | null {
  const source: SeriesSource = SeriesKeys[key];
  const j = ts.columns.indexOf(source.column);
  if (j < 0) return null;
  const convert = converter(source);
  const t = ts.rows.map((_, i) => i * ts.intervalSeconds);
  const y = ts.rows.map((row) => {
    const v = row[j] ?? null;
    return v === null ? null : convert(v, ts.intervalSeconds);
  });
  return { key, column: source.column, unit: source.unit, t, y };
}

/** The largest sampled value of a series (0 when it has none). */
export function seriesMax(series: Series | null): number {
  if (series === null) return 0;
  return series.y.reduce<number>((m, v) => (v !== null && v > m ? v : m), 0);
}
