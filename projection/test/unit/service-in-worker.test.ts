// Issue 13, fidelity: the sync service time is the service's own (Server-Timing) when the run has
// it, since send -> response also holds the wait for a busy worker that the simulation queues.
import { describe, expect, it } from "vitest";
import { calibrate } from "../../src/index.js";
import { localRun, logNormalHistogram } from "./local-run.js";

function withInWorker() {
  const doc = structuredClone(localRun());
  const sync = doc.architectures.find((a) => a.architecture === "sync");
  if (sync) sync.histograms.serviceInWorker = logNormalHistogram(8, 1_600, 9);
  return doc;
}

describe("calibration of the sync service time", () => {
  it("prefers the service's own time and records that it did", () => {
    const cal = calibrate(withInWorker());
    expect(cal.service.mean * 1e3).toBeGreaterThan(7);
    expect(cal.service.mean * 1e3).toBeLessThan(9.5);
    const source = cal.assumptions.find((a) => a.name === "sync.serviceTimeSource");
    expect(source).toMatchObject({ kind: "measured", value: "serviceInWorker" });
  });

  it("falls back to send -> response without the header, and says what that holds", () => {
    const cal = calibrate(localRun());
    expect(cal.service.mean * 1e3).toBeGreaterThan(11);
    const source = cal.assumptions.find((a) => a.name === "sync.serviceTimeSource");
    expect(source).toMatchObject({ kind: "assumed", value: "serviceTime" });
    expect(String(source?.source)).toContain("no Server-Timing");
  });
});
