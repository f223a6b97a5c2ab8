// The suite report opens in headless Chromium with every chart holding data: two repeats, a
// three-size memory sweep, a two-size task sweep (synthetic runs) and the joint search's front.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { ResultDocument, SuiteManifest, SuiteRun } from "@queueshift/shared-model";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { choosePrices, resolveProfile, syntheticRun } from "../../src/index.js";
import { renderSuiteHtml } from "../../src/suite/render-suite-html.js";
import { type LoadedRun, scenarioSections } from "../../src/suite/suite-model.js";
import { suiteVerdict } from "../../src/suite/suite-verdict.js";

const CHROMIUM = process.env.QS_CHROMIUM || "/usr/bin/chromium";
const OUTPUT = fileURLToPath(new URL("../../test-output/", import.meta.url));

function run(kind: SuiteRun["kind"], i: number, doc: ResultDocument, size?: number): LoadedRun {
  const order = doc.architectures.map((a) => a.architecture);
  const setting =
    size === undefined ? {} : kind === "memory" ? { memorySizeMB: size } : { taskVcpu: size };
  return {
    run: {
      scenario: "steady",
      kind,
      repeat: kind === "compare" ? i : 1,
      order,
      ...setting,
      runId: `r${i}`,
      resultFile: `../r${i}/result.json`,
      status: "completed",
    },
    doc,
  };
}

function atMemory(mb: number, handlerMedianMs: number): ResultDocument {
  const doc = syntheticRun({ architectures: ["async"], handlerMedianMs, seed: mb });
  return {
    ...doc,
    architectures: doc.architectures.map((a) =>
      a.lambda ? { ...a, lambda: { ...a.lambda, memorySizeMB: mb } } : a,
    ),
  };
}

function suite() {
  const runs = [
    run("compare", 1, syntheticRun({ seed: 1 })),
    run("compare", 2, syntheticRun({ seed: 2 })),
    run("memory", 3, atMemory(512, 40), 512),
    run("memory", 4, atMemory(1024, 20), 1024),
    run("memory", 5, atMemory(1769, 12), 1769),
    run("task", 6, syntheticRun({ architectures: ["sync"], seed: 6 }), 0.5),
    run("task", 7, syntheticRun({ architectures: ["sync"], seed: 7 }), 1),
  ];
  const manifest: SuiteManifest = {
    kind: "queueshift-suite",
    schemaVersion: 1,
    suiteId: "2026-01-01T00-00-00Z-suite",
    startedAt: "2026-01-01T00:00:00.000Z",
    finishedAt: "2026-01-01T00:10:00.000Z",
    options: { quick: false, repeat: 2, memorySweep: [512, 1024, 1769], taskSweep: [0.5, 1] },
    runs: runs.map((r) => r.run),
    projection: null,
  };
  const sections = scenarioSections(manifest, runs, resolveProfile({}), choosePrices());
  return {
    manifest,
    sections,
    verdict: suiteVerdict(sections),
    projection: null,
    fullCoreWarning: null,
  };
}

describe("suite report in headless Chromium", () => {
  it("draws the sweeps and the power-tuning front with data, no errors, no requests", async () => {
    // Prepare
    mkdirSync(OUTPUT, { recursive: true });
    const file = join(OUTPUT, "suite-report.html");
    writeFileSync(file, renderSuiteHtml(suite()));
    const userDataDir = mkdtempSync(join(tmpdir(), "qs-suite-chromium-"));
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
    });
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      const requests: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      page.on("request", (r) => requests.push(r.url()));
      const url = pathToFileURL(file).href;

      // Act
      await page.goto(url, { waitUntil: "load" });
      const charts = await page.$$eval("figure.chart-box", (figs) =>
        figs.map((f) => ({
          id: f.id,
          points: Math.max(
            0,
            ...[...f.querySelectorAll("svg.chart path.data")].map(
              (p) => (p.getAttribute("d") ?? "").split(/[ML]/).length - 1,
            ),
          ),
          noData: f.querySelector("p.no-data") !== null,
        })),
      );
      const text = (await page.textContent("body")) ?? "";
      await page.screenshot({ path: join(OUTPUT, "suite-report.png"), fullPage: true });

      // Assess
      expect(errors).toEqual([]);
      expect(requests.filter((r) => r !== url)).toEqual([]);
      expect(charts.map((c) => c.id)).toEqual([
        "s0-memory-duration",
        "s0-memory-cost",
        "s0-task-duration",
        "s0-task-cost",
        "s0-front",
      ]);
      for (const c of charts) expect(c.noData, c.id).toBe(false);
      expect(charts.find((c) => c.id === "s0-memory-cost")?.points).toBe(3);
      expect(charts.find((c) => c.id === "s0-task-cost")?.points).toBe(2);
      expect(charts.find((c) => c.id === "s0-front")?.points).toBeGreaterThanOrEqual(5);
      expect(text).toMatch(/^Suite verdict: /m);
      expect(text).toContain("cheapest meeting the objective");
      expect(text).toContain("chosen");
    } finally {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    }
  }, 90_000);
});
