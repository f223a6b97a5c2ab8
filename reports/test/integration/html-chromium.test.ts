import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { project } from "@queueshift/projection";
import { type BrowserContext, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { choosePrices, renderHtml, resolveProfile } from "../../src/index.js";
import { fixtureResult } from "../fixtures/result-fixture.js";

// Debian's Chromium; never download a browser.
const CHROMIUM = process.env.QS_CHROMIUM || "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--no-first-run",
];
const OUTPUT = fileURLToPath(new URL("../../test-output/", import.meta.url));
const options = { profile: resolveProfile({}), prices: choosePrices() };

let userDataDir: string;
let context: BrowserContext;

beforeAll(async () => {
  userDataDir = mkdtempSync(join(tmpdir(), "qs-reports-chromium-"));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
  });
});

afterAll(async () => {
  await context?.close();
  rmSync(userDataDir, { recursive: true, force: true });
});

interface ChartState {
  id: string;
  paths: number[];
  noData: boolean;
}

async function open(name: string, html: string) {
  mkdirSync(OUTPUT, { recursive: true });
  const file = join(OUTPUT, `${name}.html`);
  writeFileSync(file, html);
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("request", (r) => requests.push(r.url()));
  const url = pathToFileURL(file).href;
  await page.goto(url, { waitUntil: "load" });
  const charts: ChartState[] = await page.$$eval("figure.chart-box", (figs) =>
    figs.map((f) => ({
      id: f.id,
      // Points per data path: one M/L command per point.
      paths: [...f.querySelectorAll("svg.chart path.data")].map(
        (p) => (p.getAttribute("d") ?? "").split(/[ML]/).length - 1,
      ),
      noData: f.querySelector("p.no-data") !== null,
    })),
  );
  const text = (await page.textContent("body")) ?? "";
  await page.screenshot({ path: join(OUTPUT, `${name}.png`), fullPage: true });
  await page.close();
  return { errors, others: requests.filter((r) => r !== url), charts, text };
}

describe("HTML report in headless Chromium", () => {
  it("renders every chart with data, no console errors and no network requests", async () => {
    // Act
    const { errors, others, charts, text } = await open(
      "report-both",
      renderHtml(fixtureResult(), options),
    );

    // Assess
    expect(errors).toEqual([]);
    expect(others).toEqual([]);
    expect(charts.map((c) => c.id)).toEqual([
      "latency-spectrum",
      "latency-over-time",
      "throughput",
      "queue-depth",
      "oldest-age",
      "environments",
      "scaling",
      "cold-starts",
      "cost-vs-volume",
      "memory-sensitivity",
      "batch-sensitivity",
    ]);
    for (const c of charts) {
      expect(c.noData, c.id).toBe(false);
      expect(Math.max(...c.paths), c.id).toBeGreaterThanOrEqual(7);
    }
    const busy = charts.filter((c) => !c.id.endsWith("sensitivity"));
    for (const c of busy) expect(Math.max(...c.paths), c.id).toBeGreaterThanOrEqual(20);
    // The share of arrivals within each objective, beside the completed requests' percentile
    expect(text).toMatch(/Objectives over all arrivals/);
    expect(text).toMatch(/async\s*p99 <= 500 ms\s*[\d.]+% of [\d,]+ \([\d.]+%-[\d.]+%\)/);
    expect(text).toMatch(/p99 of completed requests [\d,.]+ ms/);
    expect(text).toMatch(/Verdict by volume/);
  }, 60_000);

  it("draws the At your scale section's charts with data from a projection of the run", async () => {
    // Prepare: a real projection of the fixture run (60 simulated minutes + 15 of warm-up).
    const run = fixtureResult();
    const projection = project({
      run,
      traffic: { kind: "shape", shape: "spiky", monthlyRequests: 20_000_000 },
      windowMinutes: 60,
    });

    // Act
    const { errors, others, charts, text } = await open(
      "report-at-scale",
      renderHtml(run, { ...options, projection, adviseFromProjection: true }),
    );

    // Assess
    expect(errors).toEqual([]);
    expect(others).toEqual([]);
    const byId = new Map(charts.map((c) => [c.id, c]));
    for (const id of ["scale-latency", "scale-fleet", "scale-backlog", "scale-oldest-age"]) {
      const c = byId.get(id);
      expect(c?.noData, id).toBe(false);
      // One point per simulated minute of the window and its warm-up.
      expect(Math.max(...(c?.paths ?? [0])), id).toBeGreaterThanOrEqual(60);
    }
    expect(text).toMatch(/At your scale \(projection\)/);
    expect(text).toMatch(/sync\s*total a month\s*\$[\d,.]+/);
    expect(text).toMatch(/At your scale: this advice uses the projection of spiky/);
  }, 60_000);

  it("shows an explicit no-data note for async charts of a sync-only run", async () => {
    // Act
    const { errors, others, charts } = await open(
      "report-sync-only",
      renderHtml(fixtureResult({ architectures: ["sync"] }), options),
    );

    // Assess
    expect(errors).toEqual([]);
    expect(others).toEqual([]);
    const byId = new Map(charts.map((c) => [c.id, c]));
    for (const id of ["queue-depth", "oldest-age", "environments", "scaling", "cold-starts"]) {
      expect(byId.get(id)?.noData, id).toBe(true);
    }
    for (const id of ["latency-spectrum", "latency-over-time", "throughput", "cost-vs-volume"]) {
      expect(Math.max(...(byId.get(id)?.paths ?? [0])), id).toBeGreaterThanOrEqual(20);
    }
  }, 60_000);
});
