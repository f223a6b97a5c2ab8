// The suite through the built CLI with real stacks: two alternating repeats of a short quick run
// and a one-size sweep of each design, then the suite folder, its manifest and its report.
import { mkdtemp, readFile, readlink, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { assertResultDocument, assertSuiteManifest } from "@queueshift/shared-model";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliProcess } from "./helpers/run-cli.js";

describe("bench suite: --repeat and sweeps", () => {
  let resultsDir: string;

  beforeAll(async () => {
    resultsDir = await mkdtemp(join(tmpdir(), "qs-suite-"));
  });

  afterAll(async () => {
    await rm(resultsDir, { recursive: true, force: true });
  });

  it("runs A B, B A, the sweeps, and writes one suite report over them", async () => {
    // Act: 3 s of load per design (quick cuts warm-up to 2 s).
    const run = await runCliProcess(
      [
        ...["--scenario", "quick", "--quick", "--duration", "3", "--repeat", "2"],
        ...["--memory-sweep", "512", "--task-sweep", "0.5", "--results-dir", resultsDir],
      ],
      300_000,
    );

    // Assess: the runs, in order, each with its own result.
    expect(run.code, run.stderr).toBe(0);
    const suiteFile = /^suite: (.+)$/m.exec(run.stdout)?.[1] ?? "";
    const manifest = assertSuiteManifest(JSON.parse(await readFile(suiteFile, "utf8")));
    expect(manifest.runs.map((r) => [r.kind, r.order.join(" ")])).toEqual([
      ["compare", "sync async"],
      ["compare", "async sync"],
      ["memory", "async"],
      ["task", "sync"],
    ]);
    const dir = join(suiteFile, "..");
    const docs = await Promise.all(
      manifest.runs.map(async (r) =>
        assertResultDocument(JSON.parse(await readFile(resolve(dir, r.resultFile), "utf8"))),
      ),
    );
    expect(docs[1]?.architectures.map((a) => a.architecture)).toEqual(["async", "sync"]);
    expect(docs[2]?.architectures[0]?.lambda?.memorySizeMB).toBe(512);
    expect(docs[3]?.architectures[0]?.settings.taskVcpu).toBe(0.5);
    for (const d of docs) {
      expect(d.outcome.status).toBe("completed");
      for (const a of d.architectures) expect(a.counters.lost ?? 0).toBe(0);
    }
    expect(await readlink(join(resultsDir, "latest-suite"))).toBe(manifest.suiteId);
    expect(manifest.projection?.runId).toBe(manifest.runs[0]?.runId);

    // The suite report: one verdict, every repeat's arrivals, the sweeps, links that resolve.
    const summary = JSON.parse(await readFile(join(dir, "summary.json"), "utf8"));
    const [s] = summary.scenarios;
    expect(["migrate", "stay", "hybrid", "inconclusive"]).toContain(summary.verdict.recommendation);
    expect(s.repeats).toBe(2);
    const asyncCheck = s.objectives.find(
      (c: { architecture: string }) => c.architecture === "async",
    );
    const arrivals = docs.slice(0, 2).map((d) => {
      const c = d.architectures.find((a) => a.architecture === "async")?.counters;
      return (
        (c?.succeeded ?? 0) +
        (c?.failed ?? 0) +
        (c?.timeouts ?? 0) +
        (c?.missed ?? 0) +
        (c?.dlq ?? 0)
      );
    });
    expect(asyncCheck.arrivals).toBe(arrivals.reduce((x, y) => x + y, 0));
    expect(s.memorySweep.points.map((p: { size: number }) => p.size)).toEqual([512]);
    expect(s.taskSweep.points.map((p: { size: number }) => p.size)).toEqual([0.5]);
    expect(s.jointSettings.front.length).toBeGreaterThan(0);
    const md = await readFile(join(dir, "summary.md"), "utf8");
    expect(md.split("\n")[0]).toMatch(/^# Suite verdict: (Migrate|Stay|Hybrid|Inconclusive)$/);
    for (const r of s.runs) {
      const report = await readFile(resolve(dir, r.report), "utf8");
      expect(report).toContain("<html");
    }
    expect(md).toContain("## Projection of the default profile");
    expect(run.stdout.trim().split("\n").at(-1)).toBe(join(dir, "summary.json"));
  }, 300_000);
});
