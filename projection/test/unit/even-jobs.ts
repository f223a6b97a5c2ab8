import {
  ASYNC_SERIES_COLUMNS,
  COMMON_SERIES_COLUMNS,
  PROJECTION_SERIES_COLUMNS,
} from "@queueshift/shared-model";

const COLUMNS = [...COMMON_SERIES_COLUMNS, ...ASYNC_SERIES_COLUMNS, ...PROJECTION_SERIES_COLUMNS];

/** Design B's traffic part of a run input: a job every `gap` s for 60 s, measured after 10 s. */
export function evenJobs(gap: number) {
  const times = Float64Array.from({ length: Math.round(60 / gap) }, (_, k) => k * gap);
  return {
    minuteRates: Float64Array.from([1 / gap]),
    schedule: { times },
    window: { start: 10, end: 60 },
    intervalSeconds: 1,
    seed: 3,
    columns: COLUMNS,
  };
}
