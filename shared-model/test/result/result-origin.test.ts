import { describe, expect, it } from "vitest";
import { assertResultDocument, resultDocumentIssues } from "../../src/index.js";

// The smallest valid document a run wrote before projections existed (no origin, no assumptions).
const oldRun = {
  schemaVersion: 1,
  runId: "r1",
  startedAt: "2026-12-01T10:00:00.000Z",
  finishedAt: "2026-12-01T10:01:00.000Z",
  tool: { name: "queueshift", version: "0.1.0" },
  scenario: { name: "steady", description: "d", definition: {} },
  machine: { cpuModel: "c", cores: 2, memoryBytes: 1, os: "linux", node: "v20" },
  versions: {},
  broker: null,
  architectures: [
    {
      architecture: "sync",
      settings: {},
      phases: [],
      offeredRate: 1,
      achievedRate: 1,
      counters: {
        scheduled: 1,
        sent: 1,
        missed: 0,
        succeeded: 1,
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

describe("result document origin and assumptions (optional, backward compatible)", () => {
  it("still accepts a document without origin, assumptions or usage", () => {
    // Act
    const issues = resultDocumentIssues(oldRun);

    // Assess
    expect(issues).toEqual([]);
    expect(assertResultDocument(oldRun).origin).toBeUndefined();
  });

  it("accepts a projection with its assumptions and usage", () => {
    // Prepare
    const projection = {
      ...oldRun,
      origin: "projection",
      assumptions: [
        { name: "sync.serviceTime", kind: "measured", value: 12.1, unit: "ms", source: "run r1" },
        { name: "async.hop", kind: "assumed", value: 23, unit: "ms", source: "aws-facts 0.11" },
      ],
      architectures: [{ ...oldRun.architectures[0], usage: { taskSeconds: 3600 } }],
    };

    // Act
    const issues = resultDocumentIssues(projection);

    // Assess
    expect(issues).toEqual([]);
  });

  it("rejects an unknown origin and an assumption without its source, naming the fields", () => {
    // Prepare
    const bad = {
      ...oldRun,
      origin: "guess",
      assumptions: [{ name: "x", kind: "assumed", value: 1 }],
    };

    // Act
    const paths = resultDocumentIssues(bad).map((i) => i.path);

    // Assess
    expect(paths.some((p) => p.startsWith("origin"))).toBe(true);
    expect(paths.some((p) => p.startsWith("assumptions"))).toBe(true);
  });
});
