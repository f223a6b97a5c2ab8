import { mkdtemp, readFile, readlink, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { assertResultDocument, type ResultDocument } from "@queueshift/shared-model";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeHistogram, mergeHistograms } from "../../src/metrics/index.js";
import { runCliProcess, startCli } from "./helpers/run-cli.js";

// End to end through the built CLI and the real stacks (sync service processes; ElasticMQ on
// the JVM, the enqueue API and Lambda environments). One run per architecture, each < ~60 s.
describe("bench --quick", () => {
  let resultsDir: string;

  beforeAll(async () => {
    resultsDir = await mkdtemp(join(tmpdir(), "qs-bench-"));
  });

  afterAll(async () => {
    await rm(resultsDir, { recursive: true, force: true });
  });

  async function readResult(stdout: string): Promise<ResultDocument> {
    const file = /^result: (.+)$/m.exec(stdout)?.[1];
    expect(file).toBeDefined();
    return assertResultDocument(JSON.parse(await readFile(file as string, "utf8")));
  }

  it("--arch sync writes a valid result whose histograms decode and merge", async () => {
    // Act
    const run = await runCliProcess([
      "--quick",
      "--arch",
      "sync",
      "--no-report",
      "--results-dir",
      resultsDir,
    ]);

    // Assess
    expect(run.code, run.stderr).toBe(0);
    const doc = await readResult(run.stdout);
    expect(doc.outcome.status).toBe("completed");
    expect(await readlink(join(resultsDir, "latest"))).toBe(doc.runId);
    const [sync] = doc.architectures;
    expect(sync?.architecture).toBe("sync");
    expect(sync?.phases.map((p) => p.name)).toEqual(["warmup", "measure", "drain"]);
    expect(sync?.counters.scheduled).toBe(160); // quick: 20/s for 8 s
    expect(sync?.counters.sent).toBe(160);
    const latency = decodeHistogram(sync?.histograms.latency?.encoded ?? "");
    expect(latency.count).toBe(sync?.counters.statusCodes["200"]);
    const merged = mergeHistograms([sync?.histograms.latency?.encoded ?? "", latency]);
    expect(merged.count).toBe(2 * latency.count);
    // The built-in service states its own time (Server-Timing): inside send -> response.
    const inWorker = sync?.histograms.serviceInWorker;
    expect(inWorker?.count).toBe(latency.count);
    expect(inWorker?.p50 ?? Number.NaN).toBeLessThan(sync?.histograms.serviceTime?.p50 ?? 0);
    expect(sync?.timeSeries.rows.length).toBeGreaterThanOrEqual(8);
    expect(sync?.resources.map((r) => r.component)).toEqual(
      expect.arrayContaining(["sync-primary", "sync-worker", "harness"]),
    );
  }, 90_000);

  it("--arch async joins every accepted job with its result", async () => {
    // Act
    const run = await runCliProcess([
      "--quick",
      "--arch",
      "async",
      "--no-report",
      "--results-dir",
      resultsDir,
    ]);

    // Assess
    expect(run.code, run.stderr).toBe(0);
    const doc = await readResult(run.stdout);
    expect(doc.broker?.kind).toBeDefined();
    const [a] = doc.architectures;
    expect(a?.architecture).toBe("async");
    expect(a?.counters.statusCodes["202"]).toBe(160);
    // Nothing lost, nothing dead-lettered: every accepted job succeeded (reconciled by id).
    expect(doc.outcome.status).toBe("completed");
    expect(a?.counters.lost).toBe(0);
    expect(a?.counters.dlq).toBe(0);
    expect(a?.counters.succeeded).toBe(160);
    for (const name of ["latency", "submit", "queueWait", "batchWait", "init", "handler"]) {
      expect(a?.histograms[name], name).toBeDefined();
    }
    expect(decodeHistogram(a?.histograms.latency?.encoded ?? "").count).toBe(a?.counters.succeeded);
    expect(a?.lambda?.invocations).toBeGreaterThan(0);
    expect(a?.timeSeries.columns).toEqual(
      expect.arrayContaining(["queueVisible", "envBusy", "dlq"]),
    );
  }, 90_000);

  it("Ctrl-C stops the schedule and still writes an interrupted result (exit 130)", async () => {
    // Prepare
    const cli = startCli([
      "--scenario",
      "steady",
      "--arch",
      "sync",
      "--rate",
      "10",
      "--no-report",
      "--results-dir",
      resultsDir,
    ]);
    try {
      await cli.waitForStderr("sync measure]");

      // Act
      cli.child.kill("SIGINT");
      const run = await cli.done;

      // Assess
      expect(run.code, run.stderr).toBe(130);
      const doc = await readResult(run.stdout);
      expect(doc.outcome.status).toBe("interrupted");
      const [sync] = doc.architectures;
      expect(sync?.counters.sent).toBeLessThan(sync?.counters.scheduled ?? 0);
    } finally {
      cli.child.kill("SIGKILL");
      await cli.done;
    }
  }, 90_000);

  it("a terminal's Ctrl-C (SIGINT to the whole process group) drains an async run cleanly", async () => {
    // Prepare
    const cli = startCli(
      [
        "--scenario",
        "steady",
        "--arch",
        "async",
        "--rate",
        "10",
        "--no-report",
        "--results-dir",
        resultsDir,
      ],
      90_000,
      true,
    );
    try {
      await cli.waitForStderr("async measure]");

      // Act: what a terminal does — the signal goes to every process in the foreground group.
      process.kill(-(cli.child.pid as number), "SIGINT");
      const run = await cli.done;

      // Assess: the broker, API and environments were not hit, so the drain found nothing broken.
      expect(run.code, run.stderr).toBe(130);
      const doc = await readResult(run.stdout);
      expect(doc.outcome.status).toBe("interrupted");
      const [a] = doc.architectures;
      expect(a?.counters).toMatchObject({ failed: 0, lost: 0 });
      expect(a?.counters.succeeded).toBe(a?.counters.sent);
      expect(run.stderr).not.toMatch(/ECONNREFUSED|Internal server error/);
    } finally {
      if (cli.child.exitCode === null) cli.child.kill("SIGKILL");
      await cli.done;
    }
  }, 90_000);
});
