import type { TimeSeries } from "@queueshift/shared-model";

/** The values of one column of a series, as numbers (null as NaN). */
export function column(series: TimeSeries, name: string): number[] {
  const j = series.columns.indexOf(name);
  if (j < 0) throw new Error(`no column ${name}`);
  return series.rows.map((r) => r[j] ?? Number.NaN);
}

/** Rows' `name` values at times in [from, to) seconds. */
export function between(series: TimeSeries, name: string, from: number, to: number): number[] {
  const t = column(series, "t");
  const v = column(series, name);
  return v.filter((_, i) => (t[i] as number) > from && (t[i] as number) <= to);
}
