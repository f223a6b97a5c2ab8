import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RESULT_SCHEMA_VERSION, type ResultDocument } from "@queueshift/shared-model";
import { afterAll, describe, expect, it } from "vitest";
import { makeRunId, readLatest, writeResult } from "../../src/output/result-writer.js";

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

function doc(runId: string): ResultDocument {
  return {
    schemaVersion: RESULT_SCHEMA_VERSION,
    runId,
    startedAt: "2026-11-26T15:40:00.000Z",
    finishedAt: "2026-11-26T15:41:00.000Z",
    tool: { name: "queueshift-bench", version: "0.1.0" },
    scenario: { name: "t", description: "test", definition: {} },
    machine: { cpuModel: "x", cores: 2, memoryBytes: 1, os: "Linux", node: "v20" },
    versions: {},
    broker: null,
    architectures: [
      {
        architecture: "sync",
        settings: {},
        phases: [],
        offeredRate: 0,
        achievedRate: 0,
        counters: {
          scheduled: 0,
          sent: 0,
          missed: 0,
          succeeded: 0,
          failed: 0,
          timeouts: 0,
          statusCodes: {},
        },
        histograms: {},
        timeSeries: { intervalSeconds: 1, columns: [], rows: [] },
        resources: [],
        notes: [],
      },
    ],
    outcome: { status: "completed" },
  };
}

describe("result files", () => {
  it("makes run ids from the UTC second and the scenario", () => {
    // Act
    const id = makeRunId("steady", new Date("2026-11-26T15:40:00.123Z"));

    // Assess
    expect(id).toBe("2026-11-26T15-40-00Z-steady");
  });

  it("writes result.json, never overwrites a run, and points latest at the newest", async () => {
    // Prepare
    const dir = await mkdtemp(join(tmpdir(), "qs-results-"));
    dirs.push(dir);

    // Act
    const first = await writeResult(dir, doc("r1"));
    const second = await writeResult(dir, doc("r1"));

    // Assess
    expect(first.runId).toBe("r1");
    expect(second.runId).toBe("r1-2");
    const written = JSON.parse(await readFile(second.file, "utf8")) as ResultDocument;
    expect(written.runId).toBe("r1-2");
    expect(await readLatest(dir)).toBe("r1-2");
  });

  it("refuses to write an invalid document", async () => {
    // Prepare
    const dir = await mkdtemp(join(tmpdir(), "qs-results-"));
    dirs.push(dir);
    const bad = { ...doc("bad"), architectures: [] };

    // Act
    const error = await writeResult(dir, bad).catch((e: unknown) => e);

    // Assess
    expect(String(error)).toMatch(/not a valid result document/);
  });
});
