// Issue 13, fidelity: the sync service time is the service's own (Server-Timing) when the run has
// it, since send -> response also holds the wait for a busy worker that the simulation queues.
import type { EncodedHistogram } from "@queueshift/shared-model";
import { describe, expect, it } from "vitest";
import { calibrate, decodeHdr } from "../../src/index.js";
import { localRun, logNormalHistogram } from "./local-run.js";

function withInWorker() {
  const doc = structuredClone(localRun());
  const sync = doc.architectures.find((a) => a.architecture === "sync");
  if (sync) sync.histograms.serviceInWorker = logNormalHistogram(8, 1_600, 9);
  return doc;
}

describe("calibration of the sync service time", () => {
  it("prefers the service's own time plus the fixed part outside it, and records that it did", () => {
    const doc = withInWorker();
    const h = doc.architectures.find((a) => a.architecture === "sync")?.histograms;
    const inWorker = decodeHdr(h?.serviceInWorker as EncodedHistogram);
    const p10 = (x: EncodedHistogram | undefined) =>
      decodeHdr(x as EncodedHistogram).getValueAtPercentile(10) / 1e6;
    const outside = p10(h?.serviceTime) - p10(h?.serviceInWorker);

    const cal = calibrate(doc);

    // The in-worker histogram (~8 ms) plus send -> response's excess where nothing waited.
    expect(outside).toBeGreaterThan(0.001);
    expect(cal.service.mean).toBeCloseTo(inWorker.mean / 1e6 + outside, 4);
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
