import {
  ASYNC_SERIES_COLUMNS,
  assertResultDocument,
  COMMON_SERIES_COLUMNS,
  PROJECTION_SERIES_COLUMNS,
  type ResultDocument,
} from "@queueshift/shared-model";
import { describe, expect, it } from "vitest";
import {
  choosePrices,
  renderHtml,
  resolveProfile,
  type SeriesKey,
  SeriesKeys,
  seriesOf,
} from "../../src/index.js";
import { fixtureResult, withArchitecture } from "../fixtures/result-fixture.js";

const CHART_IDS = [
  "throughput",
  "latency-over-time",
  "queue-depth",
  "oldest-age",
  "environments",
  "scaling",
  "cold-starts",
];
const ASYNC_COLUMNS = [...COMMON_SERIES_COLUMNS, ...ASYNC_SERIES_COLUMNS];

// A series in exactly the harness's columns, every cell sampled and non-zero.
function contractSeries(columns: readonly string[], rows: number) {
  return {
    intervalSeconds: 1,
    columns: [...columns],
    rows: Array.from({ length: rows }, (_, i) => columns.map((_, j) => i + j + 1)),
  };
}

function contractDocument(): ResultDocument {
  const doc = withArchitecture(fixtureResult(), "sync", (a) => ({
    ...a,
    timeSeries: contractSeries(COMMON_SERIES_COLUMNS, 40),
  }));
  return withArchitecture(doc, "async", (a) => ({
    ...a,
    timeSeries: contractSeries(ASYNC_COLUMNS, 40),
  }));
}

function chartHtml(html: string, id: string): string {
  const start = html.indexOf(`<figure class="chart-box" id="${id}">`);
  expect(start).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf("</figure>", start));
}

describe("time-series contract in the reports", () => {
  it("resolves every report series of an async run written in the contract's columns", () => {
    // Prepare
    const doc = contractDocument();
    const async = doc.architectures.find((a) => a.architecture === "async");
    if (async === undefined) throw new Error("the fixture has an async architecture");

    // Act: the projection-only series (tasks, scale events) are checked below
    const projectionOnly = (key: SeriesKey) =>
      (PROJECTION_SERIES_COLUMNS as readonly string[]).includes(SeriesKeys[key].column);
    const missing = (Object.keys(SeriesKeys) as SeriesKey[]).filter((key) => {
      if (projectionOnly(key)) return false;
      const s = seriesOf(async.timeSeries, key);
      return s === null || s.y.every((v) => v === null);
    });
    const projection = contractSeries([...ASYNC_COLUMNS, ...PROJECTION_SERIES_COLUMNS], 40);
    const missingInProjection = (Object.keys(SeriesKeys) as SeriesKey[]).filter(
      (key) => projectionOnly(key) && seriesOf(projection, key) === null,
    );

    // Assess
    expect(missing).toEqual([]);
    expect(missingInProjection).toEqual([]);
  });

  it("draws every time chart with data, none with a 'no data' note", () => {
    // Prepare
    const doc = contractDocument();
    const options = { profile: resolveProfile({}), prices: choosePrices() };

    // Act
    const html = renderHtml(doc, options);

    // Assess
    for (const id of CHART_IDS) {
      const chart = chartHtml(html, id);
      expect(chart, id).not.toContain("No data");
      expect(chart, id).toContain("<path");
    }
  });

  it("has the synthetic fixture write exactly the harness's columns", () => {
    // Act
    const doc = fixtureResult();

    // Assess
    const columns = Object.fromEntries(
      doc.architectures.map((a) => [a.architecture, a.timeSeries.columns]),
    );
    expect(columns).toEqual({ sync: [...COMMON_SERIES_COLUMNS], async: ASYNC_COLUMNS });
    for (const a of doc.architectures) {
      for (const row of a.timeSeries.rows) expect(row).toHaveLength(a.timeSeries.columns.length);
    }
  });

  it("reads a schema-1 document, whose async series lacks the platform's scaling columns", () => {
    // Prepare: the version-1 async columns were those before `concurrencyTarget`
    const v1Columns = ASYNC_COLUMNS.slice(0, ASYNC_COLUMNS.indexOf("concurrencyTarget"));
    const doc = withArchitecture({ ...contractDocument(), schemaVersion: 1 }, "async", (a) => ({
      ...a,
      timeSeries: contractSeries(v1Columns, 40),
    }));
    const options = { profile: resolveProfile({}), prices: choosePrices() };

    // Act
    const html = renderHtml(assertResultDocument(doc), options);

    // Assess: the scaling chart draws what the document has (busy environments, backlog)
    const chart = chartHtml(html, "scaling");
    expect(chart).not.toContain("No data");
    expect(chart).toContain('data-series="busy environments"');
    expect(chart).toContain('data-series="backlog (visible messages)"');
    expect(chart).not.toContain('data-series="target concurrency"');
  });

  it("still notes 'no data' for the queue charts of a sync-only run", () => {
    // Prepare
    const doc = fixtureResult({ architectures: ["sync"] });
    const options = { profile: resolveProfile({}), prices: choosePrices() };

    // Act
    const html = renderHtml(doc, options);

    // Assess
    for (const id of ["queue-depth", "oldest-age", "environments", "cold-starts"]) {
      expect(chartHtml(html, id), id).toContain("No data");
    }
    expect(chartHtml(html, "throughput")).not.toContain("No data");
  });
});
