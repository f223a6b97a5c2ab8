import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
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
  await page.screenshot({ path: join(OUTPUT, `${name}.png`), fullPage: true });
  await page.close();
  return { errors, others: requests.filter((r) => r !== url), charts };
}

describe("HTML report in headless Chromium", () => {
  it("renders every chart with data, no console errors and no network requests", async () => {
    // Act
    const { errors, others, charts } = await open(
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
