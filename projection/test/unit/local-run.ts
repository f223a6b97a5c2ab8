import {
  type ArchitectureResult,
  assertResultDocument,
  createRng,
  type ResultDocument,
} from "@queueshift/shared-model";
import { encodeHdr, newHdr, recordSeconds } from "../../src/index.js";

/** An encoded histogram of `n` log-normal draws (seeded) around `medianMs`. */
export function logNormalHistogram(medianMs: number, n: number, seed: number) {
  const h = newHdr();
  const rng = createRng(seed);
  for (let i = 0; i < n; i++) recordSeconds(h, (medianMs / 1_000) * Math.exp(0.4 * rng.normal()));
  return encodeHdr(h);
}

function arch(
  kind: "sync" | "async",
  histograms: ArchitectureResult["histograms"],
): ArchitectureResult {
  return {
    architecture: kind,
    settings: kind === "sync" ? { workers: 2 } : { memorySizeMB: 1_769 },
    phases: [{ name: "measure", startSeconds: 0, endSeconds: 40 }],
    offeredRate: 40,
    achievedRate: 40,
    counters: {
      scheduled: 1_600,
      sent: 1_600,
      missed: 0,
      succeeded: 1_600,
      failed: 0,
      timeouts: 0,
      statusCodes: { "200": 1_600 },
    },
    histograms,
    timeSeries: { intervalSeconds: 1, columns: ["t"], rows: [[1]] },
    resources: [],
    ...(kind === "async"
      ? {
          lambda: {
            memorySizeMB: 1_769,
            architecture: "x86_64",
            invocations: 900,
            coldStarts: 2,
            environmentsCreated: 2,
            billedDurationMsTotal: 20_000,
            initDurationMsTotal: 500,
            maxMemoryUsedMB: 141,
            batchSizeMean: 1.8,
            maxConcurrency: 2,
          },
          queue: {
            sends: 1_600,
            receives: 900,
            emptyReceives: 10,
            deletes: 900,
            meanMessageBytes: 180,
          },
        }
      : {}),
    notes: [],
  };
}

/**
 * A local run's result document (origin absent, as runs wrote before projections existed) with
 * measured histograms: sync service time ~12 ms; async handler ~11 ms, init ~250 ms, submit ~3 ms.
 */
export function localRun(
  parts: { sync?: boolean; async?: boolean } = { sync: true, async: true },
): ResultDocument {
  const architectures: ArchitectureResult[] = [];
  if (parts.sync) {
    architectures.push(
      arch("sync", {
        latency: logNormalHistogram(15, 1_600, 1),
        serviceTime: logNormalHistogram(12, 1_600, 2),
      }),
    );
  }
  if (parts.async) {
    architectures.push(
      arch("async", {
        latency: logNormalHistogram(40, 1_600, 3),
        handler: logNormalHistogram(11, 1_600, 4),
        init: logNormalHistogram(250, 4, 5),
        submit: logNormalHistogram(3, 1_600, 6),
      }),
    );
  }
  return assertResultDocument({
    schemaVersion: 1,
    runId: "local-fixture",
    startedAt: "2026-12-01T10:00:00.000Z",
    finishedAt: "2026-12-01T10:01:00.000Z",
    tool: { name: "queueshift", version: "0.1.0" },
    scenario: { name: "steady", description: "fixture", definition: {} },
    machine: { cpuModel: "test", cores: 2, memoryBytes: 1, os: "linux", node: "v20" },
    versions: {},
    broker: null,
    architectures,
    outcome: { status: "completed" },
  });
}
