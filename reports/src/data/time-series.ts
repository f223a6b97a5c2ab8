import type { TimeSeries } from "@queueshift/shared-model";

/** The series a report draws, each in one fixed unit. */
export const SeriesKeys = {
  offered: "requests/s offered by the schedule",
  achieved: "requests/s completed",
  inFlight: "requests in flight",
  errors: "errors per interval",
  p50: "ms, p50 latency of the interval",
  p99: "ms, p99 latency of the interval",
  queueVisible: "messages visible in the queue",
  queueInFlight: "messages received and not yet deleted",
  oldestAge: "s, age of the oldest unfinished job",
  envBusy: "execution environments busy",
  envIdle: "execution environments idle",
  envStarting: "execution environments starting (cold)",
  coldStarts: "cold starts per interval",
} as const;

/** A series the report knows. */
export type SeriesKey = keyof typeof SeriesKeys;

type Unit = "asIs" | "perInterval" | "us" | "ms" | "s";

// Column names are the harness's choice; these normalised spellings (lower case, letters and
// digits only) are accepted, with the unit each implies. README.md lists them.
const CANDIDATES: Record<SeriesKey, ReadonlyArray<readonly [string, Unit]>> = {
  offered: [
    ["offeredrate", "asIs"],
    ["offeredpersecond", "asIs"],
    ["offered", "perInterval"],
  ],
  achieved: [
    ["achievedrate", "asIs"],
    ["achievedpersecond", "asIs"],
    ["achieved", "perInterval"],
    ["completed", "perInterval"],
    ["count", "perInterval"],
  ],
  inFlight: [
    ["inflight", "asIs"],
    ["inflightrequests", "asIs"],
  ],
  errors: [
    ["errors", "asIs"],
    ["failed", "asIs"],
  ],
  p50: [
    ["p50us", "us"],
    ["p50ms", "ms"],
    ["p50", "us"],
  ],
  p99: [
    ["p99us", "us"],
    ["p99ms", "ms"],
    ["p99", "us"],
  ],
  queueVisible: [
    ["queuevisible", "asIs"],
    ["queuedepthvisible", "asIs"],
    ["queuedepth", "asIs"],
    ["visible", "asIs"],
  ],
  queueInFlight: [
    ["queueinflight", "asIs"],
    ["queuedepthinflight", "asIs"],
    ["queuenotvisible", "asIs"],
  ],
  oldestAge: [
    ["oldestageseconds", "s"],
    ["oldestages", "s"],
    ["oldestagems", "ms"],
    ["oldestageus", "us"],
    ["oldestunfinishedageseconds", "s"],
    ["oldestunfinishedagems", "ms"],
    ["ageofoldestseconds", "s"],
    ["ageofoldestms", "ms"],
  ],
  envBusy: [
    ["envbusy", "asIs"],
    ["environmentsbusy", "asIs"],
    ["busy", "asIs"],
  ],
  envIdle: [
    ["envidle", "asIs"],
    ["environmentsidle", "asIs"],
    ["idle", "asIs"],
  ],
  envStarting: [
    ["envstarting", "asIs"],
    ["environmentsstarting", "asIs"],
    ["starting", "asIs"],
  ],
  coldStarts: [
    ["coldstarts", "asIs"],
    ["coldstart", "asIs"],
  ],
};

const normalise = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, "");

/** One resolved series: x in seconds from the run's start, y in the key's unit (null = not sampled). */
export interface Series {
  readonly key: SeriesKey;
  readonly column: string;
  readonly t: readonly number[];
  readonly y: readonly (number | null)[];
}

function scale(value: number | null, unit: Unit, intervalSeconds: number): number | null {
  if (value === null) return null;
  if (unit === "perInterval") return value / intervalSeconds;
  if (unit === "us") return value / 1000;
  return value;
}

// Latencies are reported in ms and ages in s: `us`/`ms` conversions depend on the target.
function convert(key: SeriesKey, unit: Unit, v: number | null, interval: number): number | null {
  if (v === null) return null;
  if (key === "oldestAge") return unit === "ms" ? v / 1000 : unit === "us" ? v / 1e6 : v;
  return scale(v, unit, interval);
}

/** The series `key` of a time series, or null when no column carries it. */
export function seriesOf(ts: TimeSeries, key: SeriesKey): Series | null {
  const names = ts.columns.map(normalise);
  for (const [candidate, unit] of CANDIDATES[key]) {
    const j = names.indexOf(candidate);
    if (j < 0) continue;
    const column = ts.columns[j] ?? candidate;
    const t = ts.rows.map((_, i) => i * ts.intervalSeconds);
    const y = ts.rows.map((row) => convert(key, unit, row[j] ?? null, ts.intervalSeconds));
    return { key, column, t, y };
  }
  return null;
}

/** The largest sampled value of a series (0 when it has none). */
export function seriesMax(series: Series | null): number {
  if (series === null) return 0;
  return series.y.reduce<number>((m, v) => (v !== null && v > m ? v : m), 0);
}
