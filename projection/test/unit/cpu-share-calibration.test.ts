// Issue 11 item 2 in the projection: handler times scale from the CPU share the run measured them
// at (settings.cpuShareCores when quotas were applied, else a full core), and worker service
// times from the task quota the run's workers had.
import { type ArchitectureResult, assertResultDocument } from "@queueshift/shared-model";
import { describe, expect, it } from "vitest";
import { calibrate, project } from "../../src/index.js";
import { localRun } from "./local-run.js";

const APPLIED = { status: "applied", mechanism: "cgroup-v1", root: "/x" } as const;
const SHARE_512 = 512 / 1769;

function runAt512(applied: boolean) {
  const doc = structuredClone(localRun());
  for (const a of doc.architectures) {
    if (a.architecture === "async") a.settings = { memorySizeMB: 512, cpuShareCores: SHARE_512 };
    else a.settings = { workers: 2, taskVcpuApplied: 0.5 };
  }
  return assertResultDocument(
    applied
      ? { ...doc, cpuShares: APPLIED }
      : { ...doc, cpuShares: { status: "not-applied", reason: "EROFS" } },
  );
}

const meanHandlerMs = (a: ArchitectureResult | undefined) =>
  (a?.histograms.handler?.mean ?? 0) / 1e3;

describe("calibration from the CPU share the run applied", () => {
  it("reads the environment's and the worker's share when quotas were applied", () => {
    const cal = calibrate(runAt512(true));
    expect(cal.handlerCpuShare).toBeCloseTo(SHARE_512, 9);
    expect(cal.coresPerWorker).toBe(0.5);
    const byName = new Map(cal.assumptions.map((a) => [a.name, a]));
    expect(byName.get("async.cpuShareInRun")?.source).toContain("CPU quota of 0.289 cores");
  });

  it("takes a full core when quotas were not applied, and says why", () => {
    const cal = calibrate(runAt512(false));
    expect(cal.handlerCpuShare).toBe(1);
    expect(cal.coresPerWorker).toBe(1);
    const byName = new Map(cal.assumptions.map((a) => [a.name, a]));
    expect(byName.get("async.cpuShareInRun")?.source).toContain("not applied: EROFS");
  });

  it("projects handler times at 1,769 MB 512/1769 as long as the 512 MB run measured", () => {
    const traffic = { kind: "shape", shape: "steady", monthlyRequests: 5_000_000 } as const;
    const common = {
      traffic,
      windowMinutes: 20,
      warmupMinutes: 0,
      seed: 3,
      designs: "async" as const,
    };
    const measuredMs = meanHandlerMs(runAt512(true).architectures[1]);
    const at512 = project({ ...common, run: runAt512(true), async: { memoryMb: 512 } });
    const at1769 = project({ ...common, run: runAt512(true), async: { memoryMb: 1769 } });
    const fullCore = project({ ...common, run: runAt512(false), async: { memoryMb: 1769 } });
    const m512 = meanHandlerMs(at512.architectures[0]);
    // Per-message draws from the same histogram: means agree within sampling error (2 %).
    expect(Math.abs(m512 / measuredMs - 1)).toBeLessThan(0.02);
    expect(meanHandlerMs(at1769.architectures[0]) / m512).toBeCloseTo(SHARE_512, 2);
    expect(meanHandlerMs(fullCore.architectures[0]) / measuredMs).toBeCloseTo(1, 1);
    const kinds = new Map(at512.assumptions?.map((a) => [a.name, a.kind]));
    expect(kinds.get("async.measuredCpuShare")).toBe("measured");
  });
});
