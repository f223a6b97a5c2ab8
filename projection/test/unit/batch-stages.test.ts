// A job's time inside its batch, as a run records it: batchWait (the batch's receive -> the job's
// handler start: the cold start, the records before it) and resultWait (its handler's end -> its
// result collected: the records after it, the result hop).
import {
  ASYNC_SERIES_COLUMNS,
  COMMON_SERIES_COLUMNS,
  PROJECTION_SERIES_COLUMNS,
} from "@queueshift/shared-model";
import type { Histogram as HdrHistogram } from "hdr-histogram-js";
import { describe, expect, it } from "vitest";
import { deterministic, resolveAsyncParams, runAsync } from "../../src/index.js";

const COLUMNS = [...COMMON_SERIES_COLUMNS, ...ASYNC_SERIES_COLUMNS, ...PROJECTION_SERIES_COLUMNS];
const HANDLER = 0.01; // s per message
const INIT = 0.2; // s
const RESULT_HOP = 0.004; // s

// Five jobs 1 ms apart at 20 s (measured from 10 s), gathered by a 0.5 s batching window into one
// batch of five for a cold environment; `cores` puts it on a host of that many cores.
function fiveInOneBatch(cores?: number) {
  return runAsync({
    params: resolveAsyncParams({
      batchSize: 5,
      batchingWindowSeconds: 0.5,
      maximumConcurrency: 2,
      initialEnvironments: 0,
    }),
    durations: {
      accept: deterministic(0.002),
      hop: deterministic(0.003),
      init: deterministic(INIT),
      handlerPerMessage: deterministic(HANDLER),
      resultHop: deterministic(RESULT_HOP),
    },
    minuteRates: Float64Array.from([5 / 60]),
    schedule: { times: Float64Array.from([20, 20.001, 20.002, 20.003, 20.004]) },
    window: { start: 10, end: 60 },
    intervalSeconds: 1,
    seed: 3,
    columns: COLUMNS,
    drainLimitSeconds: 60,
    ...(cores === undefined
      ? {}
      : {
          host: {
            spec: { cores, environmentCores: 1, background: [] },
            handlerWork: deterministic(HANDLER),
          },
        }),
  });
}

const ms = (h: HdrHistogram) => ({
  count: h.totalCount,
  min: h.minNonZeroValue / 1_000,
  max: h.maxValue / 1_000,
  mean: h.mean / 1_000,
});

describe("a job's batchWait and resultWait", () => {
  it("hold the cold start and the records before it, and the records after it and the result hop", () => {
    // Act
    const out = fiveInOneBatch();

    // Assess: received at 20.005 (landed + hop), invoked when the fifth landed (20.006), so the
    // i-th record starts 1 ms + INIT + i handlers after the receive
    expect(out.totals.coldStarts).toBe(1);
    expect(out.totals.invocations).toBe(1);
    const batch = ms(out.histograms.batchWait);
    expect(batch.count).toBe(5);
    expect(batch.min).toBeCloseTo(1 + INIT * 1e3, 0);
    expect(batch.max).toBeCloseTo(1 + INIT * 1e3 + 4 * HANDLER * 1e3, 0);
    expect(batch.mean).toBeCloseTo(1 + INIT * 1e3 + 2 * HANDLER * 1e3, 0);
    const result = ms(out.histograms.resultWait);
    expect(result.count).toBe(5);
    expect(result.min).toBeCloseTo(RESULT_HOP * 1e3, 0);
    expect(result.max).toBeCloseTo(RESULT_HOP * 1e3 + 4 * HANDLER * 1e3, 0);
  });

  it("stretch with the host's shares in a replay: half a core doubles INIT and each record", () => {
    // Act: one environment asking a whole core of a host with half of one
    const out = fiveInOneBatch(0.5);

    // Assess
    const batch = ms(out.histograms.batchWait);
    expect(batch.count).toBe(5);
    expect(batch.min).toBeCloseTo(1 + 2 * INIT * 1e3, 0);
    expect(batch.max).toBeCloseTo(1 + 2 * INIT * 1e3 + 8 * HANDLER * 1e3, 0);
    const result = ms(out.histograms.resultWait);
    expect(result.min).toBeCloseTo(RESULT_HOP * 1e3, 0);
    expect(result.max).toBeCloseTo(RESULT_HOP * 1e3 + 8 * HANDLER * 1e3, 0);
  });
});
